import { PRIORITIES } from '../domain/interaction.js';
import type { TenantSettings } from '../domain/tenant.js';
import type { Locale } from '../i18n/index.js';
import { issue, type FieldIssue } from '../ingest/index.js';
import type { SettingsActor } from '../ports/tenants.js';
import { recordChanges, type SettingsDeps } from './deps.js';
import { getSettings } from './get-settings.js';
import { invalidSettings, parseSettingsInput } from './issues.js';
import { ZSettingsPatch, type TSettings, type TSettingsPatch } from './schema.js';
import { settingsView } from './view.js';
import { misalignment } from './zone.js';

export interface PatchSettingsInput {
  tenantId: string;
  actor: SettingsActor;
  /** the body as received: validated here */
  patch: unknown;
  /** the language of the error messages */
  locale: Locale;
}

type TenantPatch = Partial<Omit<TenantSettings, 'tenantId'>>;

/** The SLA policy after the patch, and a problem for each priority it leaves with resolution < first response. */
function mergedSla(patch: NonNullable<TSettingsPatch['slaPolicy']>, current: TenantSettings['slaPolicy']) {
  const policy = { ...current };
  const issues: FieldIssue[] = [];
  for (const p of PRIORITIES) {
    const given = patch[p];
    if (!given) continue;
    const merged = { ...current[p], ...given };
    policy[p] = merged;
    if (merged.resolutionMinutes < merged.firstResponseMinutes) {
      issues.push(issue(`slaPolicy.${p}.resolutionMinutes`, 'settings.sla_order', { priority: p, first: merged.firstResponseMinutes, resolution: merged.resolutionMinutes }));
    }
  }
  return { policy, issues };
}

/** The tenant document's part of a patch, checked against what is stored (zone alignment, SLA order). */
function tenantPatchOf(patch: TSettingsPatch, tenant: TenantSettings, now: Date, locale: Locale): TenantPatch {
  const out: TenantPatch = {};
  const issues: FieldIssue[] = [];
  if (patch.timezone !== undefined) {
    const off = misalignment(patch.timezone, tenant.rollupTimezone, now);
    if (off) issues.push(issue('timezone', 'settings.misaligned_timezone', { value: patch.timezone, rollup: tenant.rollupTimezone, ...off }));
    out.timezone = patch.timezone;
  }
  if (patch.slaPolicy) {
    const { policy, issues: sla } = mergedSla(patch.slaPolicy, tenant.slaPolicy);
    issues.push(...sla);
    out.slaPolicy = policy;
  }
  if (patch.locale !== undefined) out.locale = patch.locale;
  if (patch.businessHours !== undefined) out.businessHours = patch.businessHours;
  if (patch.holidays !== undefined) out.holidays = patch.holidays;
  if (patch.roles) out.roles = { admins: patch.roles.admins ?? tenant.roles.admins, supervisors: patch.roles.supervisors ?? tenant.roles.supervisors };
  if (issues.length > 0) throw invalidSettings(issues, locale);
  return out;
}

/**
 * PATCH /api/v1/settings (and the chat and console forms): changes what the patch names, after
 * checking all of it (nothing is written when any part is wrong), records the change, and
 * answers the whole document. Cards, reports and alerts read it on their next request.
 */
export async function patchSettings(deps: SettingsDeps, input: PatchSettingsInput): Promise<TSettings> {
  const patch = parseSettingsInput(ZSettingsPatch, input.patch, input.locale);
  const [tenant, targets] = await Promise.all([deps.tenants.get(input.tenantId), deps.targets.list(input.tenantId)]);
  const tenantPatch = tenantPatchOf(patch, tenant, deps.now(), input.locale);
  if (Object.keys(tenantPatch).length > 0) await deps.tenants.update(input.tenantId, tenantPatch);
  for (const [kpi, target] of Object.entries(patch.targets ?? {})) {
    if (target) await deps.targets.set(input.tenantId, { kpi, op: target.op, value: target.value });
    else await deps.targets.remove(input.tenantId, kpi);
  }
  const after = await getSettings(deps, input.tenantId);
  await recordChanges(deps, input.tenantId, input.actor, settingsView(tenant, targets), after);
  return after;
}
