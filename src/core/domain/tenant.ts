import type { Locale } from '../i18n/index.js';
import type { SlaPolicy } from './interaction.js';
import type { SurveyPlatform, SurveySettings } from './survey.js';

/** Who holds a role in one tenant (platform user ids; admins are supervisors too). */
export interface TenantRoles {
  admins: string[];
  supervisors: string[];
}

export interface TenantSettings {
  tenantId: string;
  name?: string;
  timezone: string;
  /**
   * The zone the tenant's rollups are cut in: its first time zone, kept when `timezone` changes
   * (buckets keep hours, so any zone whose offset differs from it by whole hours reads exactly).
   */
  rollupTimezone: string;
  locale: Locale;
  slaPolicy: SlaPolicy;
  /** when the SLA clock runs; null = 24×7 (the default) */
  businessHours: BusinessHours | null;
  /** local dates 'YYYY-MM-DD' in the tenant's timezone on which the SLA clock stops */
  holidays: string[];
  roles: TenantRoles;
  /** where complaint alerts (and other escalations) are posted */
  supervisorsChannel?: { platform: SurveyPlatform; channelId: string };
  surveys: SurveySettings;
  /** days raw interactions and comments are kept (none: kept) */
  retentionDays?: number;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours in the tenant's zone: the same `from`–`to` (HH:MM, from < to, one day) on each of `days`. */
export interface BusinessHours {
  days: Weekday[];
  from: string;
  to: string;
}

export type TenantDefaults = Pick<TenantSettings, 'timezone' | 'locale' | 'slaPolicy'>;

/** A KPI target, e.g. { kpi: 'firstResponseMinutes.median', op: '<=', value: 60 }. */
export interface KpiTarget {
  kpi: string;
  op: '<=' | '>=';
  value: number;
}

/**
 * Tenant ids of each platform have shapes that cannot overlap, so a request of one platform can
 * never name another platform's tenant: Slack team (T…) or Enterprise Grid (E…) ids are
 * uppercase alphanumerics; Teams tenants are Microsoft Entra (AAD) tenant ids, GUIDs.
 */
export const isSlackTenantId = (id: string): boolean => /^[TE][A-Z0-9]{1,31}$/.test(id);
export const isTeamsTenantId = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Everyone who may see team-wide numbers in this tenant. */
export const supervisorsOf = (roles: TenantRoles): string[] => [...new Set([...roles.supervisors, ...roles.admins])];
