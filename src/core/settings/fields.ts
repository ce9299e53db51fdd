/**
 * Field schemas of the team settings. Messages named `settings.*` are i18n keys (catalog
 * `src/core/settings/catalog/settings.ts`): issues.ts turns them into the caller's language.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { PRIORITIES } from '../domain/interaction.js';
import { WEEKDAYS } from '../domain/tenant.js';
import { KPI_TARGET_PATHS, KPI_TARGET_UNITS, isKpiTargetPath, type KpiUnit } from '../kpi/index.js';
import { canonicalZone } from './zone.js';

import { GUID, SLACK_USER_ID } from '../chat/ids.js';

export { isGuid, SLACK_USER_ID } from '../chat/ids.js';
const SLACK_GROUP_ID = /^S[A-Z0-9]{2,30}$/;

/** IANA zone, kept under its canonical name; whether its hours line up is checked against the tenant. */
export const ZTimezone = z
  .string()
  .refine((v) => canonicalZone(v) !== null, { message: 'settings.bad_timezone' })
  .transform((v) => canonicalZone(v)!);

/** Slack user (U…/W…) or user group (S…) id, or a Teams AAD object id (kept lowercase, as Teams sends it). */
export const ZRoleId = z
  .string()
  .refine((v) => SLACK_USER_ID.test(v) || SLACK_GROUP_ID.test(v) || GUID.test(v), { message: 'settings.bad_role_id' })
  .transform((v) => (GUID.test(v) ? v.toLowerCase() : v));
const roleList = z
  .array(ZRoleId)
  .max(500)
  .transform((ids) => [...new Set(ids)]);
/** Each list given replaces that list; the same id in both is fine (admins are supervisors too). */
export const ZRolesPatch = z.strictObject({ admins: roleList.optional(), supervisors: roleList.optional() });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(TIME, { message: 'settings.bad_time' });
export const ZBusinessHours = z
  .strictObject({ days: z.array(z.enum(WEEKDAYS)).min(1).max(7), from: time, to: time })
  // the order only once both read as times (each bad one has its own message)
  .refine((v) => !TIME.test(v.from) || !TIME.test(v.to) || v.from < v.to, { message: 'settings.hours_order', path: ['to'] })
  .transform((v) => ({ days: WEEKDAYS.filter((d) => v.days.includes(d)), from: v.from, to: v.to }));

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid;
/** Local dates, kept sorted and unique. */
export const ZHolidays = z
  .array(z.string().refine(isDay, { message: 'settings.bad_date' }))
  .max(400)
  .transform((days) => [...new Set(days)].sort());

/** Minutes: a positive whole number, at most a year. */
const minutes = z.number().int().positive().max(525_600);
const slaTargetsPatch = z.strictObject({ firstResponseMinutes: minutes.optional(), resolutionMinutes: minutes.optional() });
/** Priorities and fields given replace those; resolution ≥ first response is checked on the result. */
export const ZSlaPolicyPatch = z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, slaTargetsPatch.optional()])) as Record<(typeof PRIORITIES)[number], z.ZodOptional<typeof slaTargetsPatch>>);

export const ZKpiTarget = z.strictObject({ op: z.enum(['<=', '>=']), value: z.number() });

/** What a target's value may be, by the KPI's unit. */
const RANGES: Record<KpiUnit, { min: number; max: number; key: string }> = {
  count: { min: 0, max: Number.MAX_SAFE_INTEGER, key: 'settings.target_not_negative' },
  minutes: { min: 0, max: 525_600, key: 'settings.target_minutes' },
  ratio: { min: 0, max: 1_000_000, key: 'settings.target_not_negative' },
  rate: { min: 0, max: 1, key: 'settings.target_rate' },
  nps: { min: -100, max: 100, key: 'settings.target_nps' },
  mean5: { min: 1, max: 5, key: 'settings.target_mean5' },
};

/** Unknown KPI paths and values out of their KPI's range. */
function checkTargets(targets: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [path, target] of Object.entries(targets)) {
    if (!isKpiTargetPath(path)) {
      ctx.addIssue({ code: 'custom', path: [path], message: 'settings.unknown_kpi', params: { kpi: path, allowed: KPI_TARGET_PATHS.join(', ') } });
      continue;
    }
    const range = RANGES[KPI_TARGET_UNITS[path]];
    const value = (target as { value?: unknown } | null)?.value;
    if (typeof value === 'number' && (value < range.min || value > range.max)) {
      ctx.addIssue({ code: 'custom', path: [path, 'value'], message: range.key, params: { min: range.min, max: range.max, kpi: path } });
    }
  }
}

/** KPI path → target, or null to remove it; paths not named stay as they are. */
export const ZTargetsPatch = z
  .record(z.string().max(100), ZKpiTarget.nullable())
  // checked also when a target is malformed, so every unknown path is named at once
  .superRefine(checkTargets, { when: (payload) => payload.value !== null && typeof payload.value === 'object' && !Array.isArray(payload.value) });
