/**
 * The chat settings form (Slack `/settings`, Teams `settings`): opening it, submitting it and the
 * App Home summary. Admins only; a submission goes through patchSettings and putAgent, the
 * same code as REST, audited with the chat user as who changed it.
 */
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { SettingsActor } from '../ports/tenants.js';
import { assertSettingsAdmin, isSettingsAdmin, type SettingsViewer } from './admin.js';
import { listAgents, putAgent, removeAgent } from './agents.js';
import type { AgentDeps, SettingsDeps } from './deps.js';
import { settingsForm, withValues, type FormPlatform, type FormValues, type SettingsFormView } from './form.js';
import { agentChanges, fieldOf, formPatch, type FieldErrors } from './form-values.js';
import { getSettings } from './get-settings.js';
import { SettingsValidationError } from './issues.js';
import { patchSettings } from './patch-settings.js';
import type { TSettings } from './schema.js';

export type SettingsFormDeps = SettingsDeps & AgentDeps;

export interface SettingsFormInput {
  tenantId: string;
  viewer: SettingsViewer;
  platform: FormPlatform;
  locale: Locale;
}

/** The form filled in with the team's settings; ForbiddenError for anyone but an admin. */
export async function openSettingsForm(deps: SettingsFormDeps, input: SettingsFormInput): Promise<SettingsFormView> {
  const [settings, agents] = await Promise.all([getSettings(deps, input.tenantId), listAgents(deps, input.tenantId)]);
  assertSettingsAdmin(settings.roles, input.viewer);
  return settingsForm(settings, agents, input.platform, input.locale);
}

export type SubmitResult = { ok: true; settings: TSettings } | { ok: false; errors: FieldErrors; form: SettingsFormView };

/**
 * Saves a submitted form: everything is checked first and nothing is written when any field is
 * wrong (the errors come back by field id, in the viewer's language).
 */
export async function submitSettingsForm(deps: SettingsFormDeps, input: SettingsFormInput & { userId: string; values: FormValues }): Promise<SubmitResult> {
  const [current, agents] = await Promise.all([getSettings(deps, input.tenantId), listAgents(deps, input.tenantId)]);
  // a forged submission from a non-admin stops here, before anything is read from it
  assertSettingsAdmin(current.roles, input.viewer);
  const form = withValues(settingsForm(current, agents, input.platform, input.locale), input.values);
  const errors: FieldErrors = {};
  const patch = formPatch(input.values, current, input.platform, errors, input.locale);
  // nobody locks the team out of its settings by removing themselves (another admin can)
  if (!input.viewer.platformAdmin && !patch.roles.admins.some((id) => input.viewer.ids.some((own) => own.toLowerCase() === id.toLowerCase()))) {
    errors['roles.admins'] = t(input.locale, 'settings.form.keep_yourself');
  }
  const hasDirectory = form.sections.some((s) => s.fields.some((f) => f.id === 'agents'));
  const directory = hasDirectory ? agentChanges(String(input.values['agents'] ?? ''), agents, input.platform, errors, input.locale) : { cleared: [], changed: [] };
  if (Object.keys(errors).length) return { ok: false, errors, form };
  const actor: SettingsActor = { type: 'user', platform: input.platform, userId: input.userId };
  let settings: TSettings;
  try {
    settings = await patchSettings(deps, { tenantId: input.tenantId, actor, patch, locale: input.locale });
  } catch (e) {
    if (!(e instanceof SettingsValidationError)) throw e;
    for (const i of e.issues) {
      const id = fieldOf(i, form);
      const text = t(input.locale, i.key, i.params);
      errors[id] = errors[id] ? `${errors[id]} ${text}` : text;
    }
    return { ok: false, errors, form };
  }
  for (const a of directory.cleared) {
    const { agentId, ...body } = a;
    if (Object.keys(body).length) await putAgent(deps, { tenantId: input.tenantId, actor, agentId, body, locale: input.locale });
    else await removeAgent(deps, { tenantId: input.tenantId, actor, agentId, locale: input.locale });
  }
  for (const { agentId, ...body } of directory.changed) await putAgent(deps, { tenantId: input.tenantId, actor, agentId, body, locale: input.locale });
  return { ok: true, settings };
}

export interface SettingsSummary {
  title: string;
  lines: string[];
  open: string;
}

/** What the settings are, in a few lines (Slack App Home, the confirmation); null for non-admins. */
export async function settingsSummary(deps: SettingsFormDeps, input: Omit<SettingsFormInput, 'platform'>): Promise<SettingsSummary | null> {
  const settings = await getSettings(deps, input.tenantId);
  if (!isSettingsAdmin(settings.roles, input.viewer)) return null;
  return summaryOf(settings, input.locale);
}

export function summaryOf(s: TSettings, locale: Locale): SettingsSummary {
  const sla = (['urgent', 'high', 'normal', 'low'] as const)
    .map((p) => `${t(locale, `settings.form.priority.${p}`)} ${s.slaPolicy[p].firstResponseMinutes}/${s.slaPolicy[p].resolutionMinutes}`)
    .join(' · ');
  const h = s.businessHours;
  const hours = h ? `${h.days.map((d) => t(locale, `settings.form.day.${d}`)).join(', ')} ${h.from}–${h.to}` : t(locale, 'settings.summary.always');
  return {
    title: t(locale, 'settings.summary.title'),
    lines: [
      t(locale, 'settings.summary.zone', { zone: s.timezone, language: t(locale, `settings.form.locale.${s.locale}`) }),
      t(locale, 'settings.summary.targets', { count: Object.keys(s.targets).length }),
      t(locale, 'settings.summary.sla', { sla }),
      t(locale, 'settings.summary.hours', { hours, holidays: s.holidays.length }),
      t(locale, 'settings.summary.roles', { admins: s.roles.admins.length, supervisors: s.roles.supervisors.length }),
    ],
    open: t(locale, 'settings.summary.open'),
  };
}
