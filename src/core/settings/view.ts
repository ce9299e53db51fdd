import type { KpiTarget, TenantSettings } from '../domain/tenant.js';
import type { TPrivacySettings, TSettings, TSurveySettings } from './schema.js';

export const surveysView = (t: TenantSettings): TSurveySettings => ({ ...t.surveys, supervisorsChannel: t.supervisorsChannel ?? null });
export const privacyView = (t: TenantSettings): TPrivacySettings => ({ retentionDays: t.retentionDays ?? null });

/** The settings document of a tenant: its stored settings and its KPI targets (by path, sorted). */
export function settingsView(t: TenantSettings, targets: readonly KpiTarget[]): TSettings {
  return {
    timezone: t.timezone,
    locale: t.locale,
    targets: Object.fromEntries([...targets].sort((a, b) => a.kpi.localeCompare(b.kpi)).map((x) => [x.kpi, { op: x.op, value: x.value }])),
    slaPolicy: t.slaPolicy,
    businessHours: t.businessHours,
    holidays: t.holidays,
    roles: { admins: t.roles.admins, supervisors: t.roles.supervisors },
    surveys: surveysView(t),
    privacy: privacyView(t),
  };
}
