import type { TenantSettings } from '../domain/tenant.js';
import type { Locale } from '../i18n/index.js';
import type { SettingsActor } from '../ports/tenants.js';
import { recordChanges, type SettingsDeps } from './deps.js';
import { parseSettingsInput } from './issues.js';
import { ZPrivacyPatch, ZSurveySettingsPatch, type TPrivacySettings, type TSurveySettings } from './schema.js';
import { privacyView, surveysView } from './view.js';

export interface PatchSectionInput {
  tenantId: string;
  actor: SettingsActor;
  patch: unknown;
  locale: Locale;
}

type Deps = Pick<SettingsDeps, 'tenants' | 'audit' | 'now'>;

/** PATCH /api/v1/settings/surveys: automatic sending, expiry, reasons, ticket link, alert channel (null: off). */
export async function patchSurveySettings(deps: Deps, input: PatchSectionInput): Promise<TSurveySettings> {
  const { supervisorsChannel, autoSend, ...rest } = parseSettingsInput(ZSurveySettingsPatch, input.patch, input.locale);
  const current = await deps.tenants.get(input.tenantId);
  const surveys = { ...current.surveys, ...rest, autoSend: { ...current.surveys.autoSend, ...autoSend } } as TenantSettings['surveys'];
  const updated = await deps.tenants.update(input.tenantId, {
    surveys,
    ...(supervisorsChannel === undefined ? {} : { supervisorsChannel: supervisorsChannel ?? undefined }),
  });
  await recordChanges(deps, input.tenantId, input.actor, { surveys: surveysView(current) }, { surveys: surveysView(updated) });
  return surveysView(updated);
}

/** PATCH /api/v1/settings/privacy: how many days raw interactions and comments are kept (null: kept). */
export async function patchPrivacySettings(deps: Deps, input: PatchSectionInput): Promise<TPrivacySettings> {
  const { retentionDays } = parseSettingsInput(ZPrivacyPatch, input.patch, input.locale);
  const current = await deps.tenants.get(input.tenantId);
  const updated = await deps.tenants.update(input.tenantId, { retentionDays: retentionDays ?? undefined });
  await recordChanges(deps, input.tenantId, input.actor, { privacy: privacyView(current) }, { privacy: privacyView(updated) });
  return privacyView(updated);
}
