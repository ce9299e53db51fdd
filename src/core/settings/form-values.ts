/**
 * A submitted settings form → the PATCH body of /api/v1/settings and the directory entries to
 * write. Only the form's own shape is checked here (numbers, directory lines); the values
 * themselves are checked by the same schemas as REST, in patchSettings and putAgent.
 */
import { PRIORITIES } from '../domain/interaction.js';
import { t, type Locale } from '../i18n/index.js';
import type { FieldIssue } from '../ingest/index.js';
import { ZAgentId, ZAgentPut, type TAgent } from './agent-schema.js';
import { isPickable, PERSON_IDS, type FormPlatform, type FormValues, type SettingsFormView } from './form.js';
import type { TSettings } from './schema.js';

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
/** several values: an array (Slack) or one comma separated text (Teams) */
const many = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(','))
    .map((x) => x.trim())
    .filter(Boolean);

export type FieldErrors = Record<string, string>;

/** A number field as the number typed, or NaN (refused by the schema, named by field). */
const minutes = (v: string | string[] | undefined) => (one(v) === '' ? Number.NaN : Number(one(v)));

function slaPatch(values: FormValues, errors: FieldErrors, locale: Locale) {
  const policy: Record<string, { firstResponseMinutes: number; resolutionMinutes: number }> = {};
  for (const p of PRIORITIES) {
    const first = minutes(values[`sla.${p}.first`]);
    const resolution = minutes(values[`sla.${p}.resolution`]);
    for (const [id, n] of [[`sla.${p}.first`, first], [`sla.${p}.resolution`, resolution]] as const) {
      if (!Number.isInteger(n) || n <= 0) errors[id] = t(locale, 'settings.form.bad_minutes');
    }
    policy[p] = { firstResponseMinutes: first, resolutionMinutes: resolution };
  }
  return policy;
}

/** The role list after the form: the people picked, plus ids the picker cannot show (kept). */
const roleList = (picked: string[], current: string[], platform: FormPlatform) => [...picked, ...current.filter((id) => !isPickable(platform, id))];

/** The PATCH body the form stands for (every field of the form is sent). */
export function formPatch(values: FormValues, current: TSettings, platform: FormPlatform, errors: FieldErrors, locale: Locale) {
  const days = many(values['hours.days']);
  return {
    timezone: one(values['timezone']),
    locale: one(values['locale']),
    slaPolicy: slaPatch(values, errors, locale),
    businessHours: days.length ? { days, from: one(values['hours.from']), to: one(values['hours.to']) } : null,
    holidays: one(values['holidays'])
      .split(/[\s,;]+/)
      .filter(Boolean),
    roles: {
      admins: roleList(many(values['roles.admins']), current.roles.admins, platform),
      supervisors: roleList(many(values['roles.supervisors']), current.roles.supervisors, platform),
    },
  };
}

const LINE = /^([^=]+?)\s*=\s*([^|\s]*)\s*(?:\|\s*(.*))?$/;
/** `<@U123>` and `<@U123|ana>` as Slack writes mentions, or the bare id */
const userIdOf = (s: string) => s.replace(/^<@([^>|]+)(\|[^>]*)?>$/, '$1');

/**
 * The directory entries to write so the directory matches the lines: changed and new lines,
 * and people whose line was removed (their id on this platform cleared; the entry removed when
 * nothing else is left). Entries on other platforms only are untouched.
 */
export function agentChanges(text: string, agents: readonly TAgent[], platform: FormPlatform, errors: FieldErrors, locale: Locale) {
  const { key, stored } = PERSON_IDS[platform];
  const byId = new Map(agents.map((a) => [a.agentId, a]));
  const seen = new Map<string, number>();
  const puts: TAgent[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = LINE.exec(line);
    const agentId = m ? ZAgentId.safeParse(m[1]) : null;
    const userId = m ? userIdOf(m[2] ?? '') : '';
    const name = m?.[3]?.trim();
    const body = { ...(userId ? { [key]: userId } : {}), ...(name ? { name } : {}) };
    if (!m || !agentId?.success || !userId || !ZAgentPut.safeParse(body).success || !isPickable(platform, userId)) {
      problems.push(t(locale, 'settings.form.bad_agent_line', { line: i + 1, id: t(locale, `settings.form.id_kind.${platform}`) }));
      return;
    }
    for (const k of [agentId.data, userId.toLowerCase()]) {
      if (seen.has(k)) problems.push(t(locale, 'settings.form.duplicate_agent', { line: i + 1, other: seen.get(k)!, value: k }));
      seen.set(k, i + 1);
    }
    const before = byId.get(agentId.data);
    puts.push({ ...before, agentId: agentId.data, [key]: stored(userId), ...(name ? { name } : {}) });
  });
  if (problems.length) errors['agents'] = problems.slice(0, 5).join(' ');
  const listed = new Set(puts.map((a) => a.agentId));
  // removed lines first, so an id moved from one agent to another is free when it is written
  const cleared = agents.filter((a) => a[key] !== undefined && !listed.has(a.agentId)).map(({ [key]: _gone, ...rest }) => rest as TAgent);
  const changed = puts.filter((a) => JSON.stringify(a) !== JSON.stringify(byId.get(a.agentId)));
  return { cleared, changed };
}

/** The form's field each problem of the settings schemas is about (`slaPolicy.high.resolutionMinutes` → `sla.high.resolution`). */
export function fieldOf(issue: FieldIssue, view: SettingsFormView): string {
  const path = issue.field || `slaPolicy.${String(issue.params['priority'] ?? '')}`;
  const sla = /^slaPolicy\.(\w+)(?:\.(firstResponseMinutes|resolutionMinutes))?/.exec(path);
  if (sla) return `sla.${sla[1]}.${sla[2] === 'firstResponseMinutes' ? 'first' : 'resolution'}`;
  const hours = /^businessHours\.(from|to)/.exec(path);
  if (hours) return `hours.${hours[1]}`;
  if (path.startsWith('businessHours')) return 'hours.days';
  const direct = /^(timezone|locale|holidays|roles\.admins|roles\.supervisors)/.exec(path);
  return direct ? direct[1]! : (view.sections[0]?.fields[0]?.id ?? 'timezone');
}
