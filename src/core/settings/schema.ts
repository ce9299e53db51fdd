/**
 * The team settings document (GET/PATCH /api/v1/settings) and its parts, as zod schema / type
 * pairs: the REST routes, the chat commands and the console validate with these, and the
 * OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { PRIORITIES, SURVEY_TYPES } from '../domain/interaction.js';
import { WEEKDAYS } from '../domain/tenant.js';
import { LOCALES } from '../i18n/index.js';
import { ZBusinessHours, ZHolidays, ZKpiTarget, ZRolesPatch, ZSlaPolicyPatch, ZTargetsPatch, ZTimezone } from './fields.js';

const platform = z.enum(['slack', 'teams']);

/** Every field optional: a PATCH changes only what it names; null clears the alert channel. */
export const ZSurveySettingsPatch = z.strictObject({
  autoSend: z.strictObject({ enabled: z.boolean(), type: z.enum(SURVEY_TYPES), delayHours: z.number().min(0).max(24 * 30), platform }).partial().optional(),
  expiryDays: z.number().int().min(1).max(365).optional(),
  reasons: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
  interactionUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
  supervisorsChannel: z.strictObject({ platform, channelId: z.string().min(1).max(500) }).nullable().optional(),
});
export type TSurveySettingsPatch = z.infer<typeof ZSurveySettingsPatch>;

/** Raw data retention (LGPD/GDPR): days, or null to keep everything. */
export const ZPrivacyPatch = z.strictObject({ retentionDays: z.number().int().min(30).max(3650).nullable() });
export type TPrivacyPatch = z.infer<typeof ZPrivacyPatch>;

/** PATCH /api/v1/settings: any subset of these; what is not named stays. */
export const ZSettingsPatch = z.strictObject({
  timezone: ZTimezone.optional(),
  locale: z.enum(LOCALES).optional(),
  targets: ZTargetsPatch.optional(),
  slaPolicy: ZSlaPolicyPatch.optional(),
  businessHours: ZBusinessHours.nullable().optional(),
  holidays: ZHolidays.optional(),
  roles: ZRolesPatch.optional(),
});
export type TSettingsPatch = z.infer<typeof ZSettingsPatch>;

const slaTargets = z.object({ firstResponseMinutes: z.number().int(), resolutionMinutes: z.number().int() });
export const ZSurveySettings = z.object({
  autoSend: z.object({ enabled: z.boolean(), type: z.enum(SURVEY_TYPES), delayHours: z.number(), platform }),
  expiryDays: z.number().int(),
  reasons: z.array(z.string()),
  interactionUrl: z.string().optional(),
  supervisorsChannel: z.object({ platform, channelId: z.string() }).nullable(),
});
export type TSurveySettings = z.infer<typeof ZSurveySettings>;
export const ZPrivacySettings = z.object({ retentionDays: z.number().int().nullable() });
export type TPrivacySettings = z.infer<typeof ZPrivacySettings>;

/** GET /api/v1/settings (and the answer of every PATCH of it). */
export const ZSettings = z.object({
  timezone: z.string().describe('IANA zone the team’s periods are read in'),
  locale: z.enum(LOCALES),
  targets: z.record(z.string(), ZKpiTarget).describe('by the KPI’s path in GET /api/v1/kpis `current`, in its unit (rates 0..1, minutes)'),
  slaPolicy: z.object(Object.fromEntries(PRIORITIES.map((p) => [p, slaTargets])) as Record<(typeof PRIORITIES)[number], typeof slaTargets>),
  businessHours: z.object({ days: z.array(z.enum(WEEKDAYS)), from: z.string(), to: z.string() }).nullable().describe('null: 24×7'),
  holidays: z.array(z.string()).describe('local dates YYYY-MM-DD, sorted'),
  roles: z.object({ admins: z.array(z.string()), supervisors: z.array(z.string()) }),
  surveys: ZSurveySettings,
  privacy: ZPrivacySettings,
});
export type TSettings = z.infer<typeof ZSettings>;
