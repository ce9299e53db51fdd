/**
 * Every user-facing text exists in pt-BR and en. Each capability keeps its catalog in its own catalog/ folder (shared texts in ./catalog/);
 * a test checks both locales have the same keys.
 */
import { common } from './catalog/common.js';
import { periods } from './catalog/periods.js';
import { ingest } from '../ingest/catalog/ingest.js';
import { kpi } from '../kpi/catalog/kpi.js';
import { bot } from './catalog/bot.js';
import { slack } from './catalog/slack.js';
import { survey } from '../surveys/catalog/survey.js';
import { meeting } from '../meetings/catalog/meeting.js';
import { report } from '../reports/catalog/report.js';
import { alert } from '../alerts/catalog/alert.js';
import { followup } from '../follow-up/catalog/followup.js';
import { delivery } from './catalog/delivery.js';
import { legal } from './catalog/legal.js';
import { document } from '../reports/catalog/document.js';
import { settings } from '../settings/catalog/settings.js';
import { sla } from '../sla/catalog/sla.js';
import { target } from '../settings/catalog/target.js';
import { settingsForm } from '../settings/catalog/settings-form.js';
import { meetingStats } from '../meetings/catalog/meeting-stats.js';
import { meetingCancel } from '../meetings/catalog/meeting-cancel.js';
import { meetingEdit } from '../meetings/catalog/meeting-edit.js';

export const LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

export type Catalog = Record<Locale, Record<string, string>>;
export type Params = Record<string, string | number>;

const catalogs: Catalog[] = [common, periods, ingest, kpi, bot, slack, survey, meeting, report, followup, alert, delivery, legal, settings, settingsForm, sla, target, meetingStats, meetingCancel, meetingEdit, document];
const merged: Catalog = { 'pt-BR': {}, en: {} };
for (const c of catalogs) for (const l of LOCALES) Object.assign(merged[l], c[l]);

export const messageKeys = (locale: Locale): string[] => Object.keys(merged[locale]);

/** Picks a supported locale from a tag like "pt", "pt_BR", "en-US" or an Accept-Language header. */
export function toLocale(tag: string | undefined | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (!tag) return fallback;
  for (const part of tag.split(',')) {
    const lang = part.trim().split(';')[0]!.toLowerCase().replace('_', '-');
    if (lang.startsWith('pt')) return 'pt-BR';
    if (lang.startsWith('en')) return 'en';
  }
  return fallback;
}

/** Translates a key; {name} placeholders take params. Unknown keys show the key itself. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const text = merged[locale][key] ?? merged.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
