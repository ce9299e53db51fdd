/**
 * The settings form as a platform-neutral view: Slack renders it as a modal, Teams as an
 * Adaptive Card. Values come back by field id (see form-values.ts).
 */
import { PRIORITIES } from '../domain/interaction.js';
import { WEEKDAYS } from '../domain/tenant.js';
import { LOCALES, t, type Locale } from '../i18n/index.js';
import type { TAgent } from './agent-schema.js';
import { isGuid, SLACK_USER_ID } from './fields.js';
import type { TSettings } from './schema.js';

export type FormPlatform = 'slack' | 'teams';
export type SettingsFieldKind = 'select' | 'checkboxes' | 'number' | 'time' | 'users' | 'text' | 'multiline';

export interface SettingsField {
  id: string;
  label: string;
  kind: SettingsFieldKind;
  /** select and checkboxes */
  options?: { value: string; label: string }[];
  /** what the field shows first (one value, or several for checkboxes and people) */
  initial: string[];
  hint?: string;
  optional: boolean;
  /** longest text accepted (multiline) */
  maxLength?: number;
}

export interface SettingsFormView {
  title: string;
  submit: string;
  cancel: string;
  sections: { title: string; fields: SettingsField[] }[];
}

/** Zones offered; the team's own zone is added when it is not among them. */
export const FORM_ZONES = [
  'America/Sao_Paulo', 'America/Manaus', 'America/Belem', 'America/Fortaleza', 'America/Recife', 'America/Bahia', 'America/Cuiaba',
  'America/Porto_Velho', 'America/Rio_Branco', 'America/Noronha', 'America/Argentina/Buenos_Aires', 'America/Montevideo', 'America/Santiago',
  'America/Bogota', 'America/Lima', 'America/Mexico_City', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles',
  'America/Toronto', 'Europe/Lisbon', 'Europe/London', 'Europe/Madrid', 'Europe/Paris', 'Europe/Berlin', 'Europe/Rome', 'Africa/Luanda',
  'Africa/Maputo', 'Asia/Tokyo', 'Asia/Singapore', 'Australia/Sydney', 'UTC',
] as const;

/** The longest directory text a form field holds (Slack's limit for a text input). */
export const AGENTS_MAX_CHARS = 3000;

/** Whether an id is one the platform's people picker shows (others, e.g. Slack user groups, are kept as they are). */
export const isPickable = (platform: FormPlatform, id: string) => PERSON_IDS[platform].pickable(id);

/** How each platform names people in the directory: the field, the ids its picker shows, the stored form. */
export const PERSON_IDS: Record<FormPlatform, { key: 'slackUserId' | 'teamsAadId'; pickable(id: string): boolean; stored(id: string): string }> = {
  slack: { key: 'slackUserId', pickable: (id) => SLACK_USER_ID.test(id), stored: (id) => id },
  // AAD object ids are GUIDs: kept in lower case so they compare
  teams: { key: 'teamsAadId', pickable: isGuid, stored: (id) => id.toLowerCase() },
};

/** The directory lines this platform edits: `agentId = user id | name`. */
export function agentLines(agents: readonly TAgent[], platform: FormPlatform): string {
  const idOf = (a: TAgent) => a[PERSON_IDS[platform].key];
  return agents
    .filter((a) => idOf(a) !== undefined)
    .map((a) => `${a.agentId} = ${idOf(a)!}${a.name ? ` | ${a.name}` : ''}`)
    .join('\n');
}

const field = (id: string, label: string, kind: SettingsFieldKind, initial: string[], more: Partial<SettingsField> = {}): SettingsField => ({ id, label, kind, initial, optional: false, ...more });

function slaFields(s: TSettings, locale: Locale): SettingsField[] {
  return PRIORITIES.flatMap((p) => {
    const priority = t(locale, `settings.form.priority.${p}`);
    return [
      field(`sla.${p}.first`, t(locale, 'settings.form.sla_first', { priority }), 'number', [String(s.slaPolicy[p].firstResponseMinutes)]),
      field(`sla.${p}.resolution`, t(locale, 'settings.form.sla_resolution', { priority }), 'number', [String(s.slaPolicy[p].resolutionMinutes)]),
    ];
  });
}

function hoursFields(s: TSettings, locale: Locale): SettingsField[] {
  const days = WEEKDAYS.map((d) => ({ value: d, label: t(locale, `settings.form.day.${d}`) }));
  const h = s.businessHours;
  return [
    field('hours.days', t(locale, 'settings.form.days'), 'checkboxes', h ? [...h.days] : [], { options: days, optional: true, hint: t(locale, 'settings.form.days_hint') }),
    field('hours.from', t(locale, 'settings.form.from'), 'time', h ? [h.from] : [], { optional: true }),
    field('hours.to', t(locale, 'settings.form.to'), 'time', h ? [h.to] : [], { optional: true }),
    field('holidays', t(locale, 'settings.form.holidays'), 'text', s.holidays.length ? [s.holidays.join(', ')] : [], { optional: true, hint: t(locale, 'settings.form.holidays_hint') }),
  ];
}

/** The form filled in with the team's settings and directory, in the viewer's language. */
export function settingsForm(s: TSettings, agents: readonly TAgent[], platform: FormPlatform, locale: Locale): SettingsFormView {
  const zones = FORM_ZONES.includes(s.timezone as (typeof FORM_ZONES)[number]) ? [...FORM_ZONES] : [s.timezone, ...FORM_ZONES];
  const pick = (ids: string[]) => ids.filter((id) => isPickable(platform, id));
  const lines = agentLines(agents, platform);
  const idKind = t(locale, `settings.form.id_kind.${platform}`);
  const directory =
    lines.length <= AGENTS_MAX_CHARS
      ? [field('agents', t(locale, 'settings.form.agents'), 'multiline', lines ? [lines] : [], { optional: true, maxLength: AGENTS_MAX_CHARS, hint: t(locale, 'settings.form.agents_hint', { id: idKind }) })]
      : [];
  return {
    title: t(locale, 'settings.form.title'),
    submit: t(locale, 'settings.form.submit'),
    cancel: t(locale, 'settings.form.cancel'),
    sections: [
      {
        title: t(locale, 'settings.form.general'),
        fields: [
          field('timezone', t(locale, 'settings.form.timezone'), 'select', [s.timezone], { options: zones.map((z) => ({ value: z, label: z })) }),
          field('locale', t(locale, 'settings.form.locale'), 'select', [s.locale], { options: LOCALES.map((l) => ({ value: l, label: t(locale, `settings.form.locale.${l}`) })) }),
        ],
      },
      { title: t(locale, 'settings.form.sla'), fields: slaFields(s, locale) },
      { title: t(locale, 'settings.form.hours'), fields: hoursFields(s, locale) },
      {
        title: t(locale, 'settings.form.roles'),
        fields: [
          field('roles.admins', t(locale, 'settings.form.admins'), 'users', pick(s.roles.admins), { optional: true }),
          field('roles.supervisors', t(locale, 'settings.form.supervisors'), 'users', pick(s.roles.supervisors), { optional: true }),
        ],
      },
      ...(directory.length ? [{ title: t(locale, 'settings.form.directory'), fields: directory }] : []),
    ],
  };
}

/** The same form showing what was typed (a refused submission keeps the person's input). */
export function withValues(view: SettingsFormView, values: FormValues): SettingsFormView {
  return {
    ...view,
    sections: view.sections.map((sec) => ({
      ...sec,
      fields: sec.fields.map((f) => {
        const v = values[f.id];
        return v === undefined ? f : { ...f, initial: (Array.isArray(v) ? v : [v]).filter((x) => x !== '') };
      }),
    })),
  };
}

/** What a submitted form holds, by field id: text, or several values (checkboxes, people). */
export type FormValues = Record<string, string | string[] | undefined>;
