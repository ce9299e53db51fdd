import { DateTime } from 'luxon';
import { ValidationError } from '../errors.js';
import { lookup } from '../lookup.js';

/** A period as the user wrote it, before it is placed on the calendar of a time zone. */
export type PeriodSpec =
  | { kind: 'today' | 'yesterday' | 'week' | 'last_week' | 'month' | 'last_month' | 'quarter' | 'year' | 'last_year' }
  | { kind: 'rolling'; days: number }
  | { kind: 'range'; from: string; to: string };

export type NamedPeriodKind = Exclude<PeriodSpec['kind'], 'rolling' | 'range'>;

/** Longest rolling window and longest explicit range, in days (three years). */
export const MAX_RANGE_DAYS = 1096;

/** Words in en and pt-BR, compared after {@link normalizeWords} (no accents, lower case). */
export const PERIOD_WORDS: Record<string, NamedPeriodKind> = {
  today: 'today',
  hoje: 'today',
  yesterday: 'yesterday',
  ontem: 'yesterday',
  week: 'week',
  'this week': 'week',
  semana: 'week',
  'esta semana': 'week',
  'essa semana': 'week',
  'last week': 'last_week',
  'semana passada': 'last_week',
  'ultima semana': 'last_week',
  month: 'month',
  'this month': 'month',
  mes: 'month',
  'este mes': 'month',
  'esse mes': 'month',
  'last month': 'last_month',
  'mes passado': 'last_month',
  'ultimo mes': 'last_month',
  quarter: 'quarter',
  'this quarter': 'quarter',
  trimestre: 'quarter',
  'este trimestre': 'quarter',
  'esse trimestre': 'quarter',
  year: 'year',
  'this year': 'year',
  ano: 'year',
  'este ano': 'year',
  'esse ano': 'year',
  'last year': 'last_year',
  'ano passado': 'last_year',
  'ultimo ano': 'last_year',
};

/** Lower case, accents removed, single spaces: "  Mês  Passado" → "mes passado". */
export const normalizeWords = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const ROLLING_RE = /^(\d{1,6}) ?(?:d|dias?|days?)$/;
const RANGE_RE = new RegExp(String.raw`^(${DATE})(?:\s*(?:\.\.\.?|–|—)\s*|\s+(?:a|ate|to)\s+)(${DATE})$`);
const DAY_RE = new RegExp(`^(${DATE})$`);

/** Whether normalized text has the shape of a period (it may still be invalid, e.g. 0d). */
export const looksLikePeriod = (words: string): boolean =>
  Object.hasOwn(PERIOD_WORDS, words) || ROLLING_RE.test(words) || RANGE_RE.test(words) || DAY_RE.test(words);

const utcDay = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** Inclusive day count of a range of valid YYYY-MM-DD dates. */
export const rangeDays = (from: string, to: string): number => Math.round(utcDay(to).diff(utcDay(from), 'days').days) + 1;

const isIsoDay = (s: string) => DAY_RE.test(s) && utcDay(s).isValid;

/** The rules a spec must satisfy, whoever built it (parser, button value, API). */
export function isValidPeriodSpec(spec: PeriodSpec): boolean {
  if (spec.kind === 'rolling') return Number.isInteger(spec.days) && spec.days >= 1 && spec.days <= MAX_RANGE_DAYS;
  if (spec.kind === 'range') {
    if (!isIsoDay(spec.from) || !isIsoDay(spec.to) || spec.from > spec.to) return false;
    return rangeDays(spec.from, spec.to) <= MAX_RANGE_DAYS;
  }
  return true;
}

/** Text of a spec as a user could type it back (used in error messages). */
export function specText(spec: PeriodSpec): string {
  if (spec.kind === 'rolling') return `${spec.days}d`;
  if (spec.kind === 'range') return `${spec.from}..${spec.to}`;
  return spec.kind;
}

export const invalidPeriod = (text: string): ValidationError => new ValidationError('period.invalid', { text });

/**
 * Parses one period expression in en or pt-BR (case and accents ignored); empty means this week.
 * Every refusal, whatever the reason (unknown words, 0d, 2026-02-30, reversed or too long ranges),
 * is `period.invalid` with the text, whose message lists the accepted forms in each language.
 */
export function parsePeriod(text: string): PeriodSpec {
  const words = normalizeWords(text);
  if (words === '') return { kind: 'week' };
  const named = lookup(PERIOD_WORDS, words);
  if (named) return { kind: named };
  let spec: PeriodSpec | undefined;
  const rolling = ROLLING_RE.exec(words);
  const range = RANGE_RE.exec(words);
  const day = DAY_RE.exec(words);
  if (rolling) spec = { kind: 'rolling', days: Number(rolling[1]) };
  else if (range) spec = { kind: 'range', from: range[1]!, to: range[2]! };
  else if (day) spec = { kind: 'range', from: day[1]!, to: day[1]! };
  if (!spec || !isValidPeriodSpec(spec)) throw invalidPeriod(text.trim());
  return spec;
}
