import { DateTime } from 'luxon';
import { ValidationError } from '../errors.js';

/** A period as the user wrote it, before it is placed on the calendar of a time zone. */
export type PeriodSpec =
  | { kind: 'today' | 'yesterday' | 'week' | 'last_week' | 'month' | 'last_month' | 'quarter' | 'year' }
  | { kind: 'rolling'; days: number }
  | { kind: 'range'; from: string; to: string };

export const MAX_RANGE_DAYS = 366;

/** Words in en and pt-BR (compared without accents and case). */
export const PERIOD_WORDS: Record<string, PeriodSpec['kind']> = {
  today: 'today',
  hoje: 'today',
  yesterday: 'yesterday',
  ontem: 'yesterday',
  week: 'week',
  semana: 'week',
  'this week': 'week',
  'esta semana': 'week',
  'last week': 'last_week',
  'semana passada': 'last_week',
  'ultima semana': 'last_week',
  month: 'month',
  mes: 'month',
  'this month': 'month',
  'este mes': 'month',
  'last month': 'last_month',
  'mes passado': 'last_month',
  'ultimo mes': 'last_month',
  quarter: 'quarter',
  trimestre: 'quarter',
  year: 'year',
  ano: 'year',
};

export const normalizeWords = (text: string) =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');

const invalid = (text: string) => new ValidationError('period.invalid', { text });

function isoDate(s: string): boolean {
  return DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}

/** Parses one period expression; empty means this week. */
export function parsePeriod(text: string): PeriodSpec {
  const t = normalizeWords(text);
  if (t === '') return { kind: 'week' };
  const word = PERIOD_WORDS[t];
  if (word) return { kind: word } as PeriodSpec;
  const rolling = /^(\d{1,3}) ?(d|dias?|days?)$/.exec(t);
  if (rolling) {
    const days = Number(rolling[1]);
    if (days < 1 || days > MAX_RANGE_DAYS) throw new ValidationError('period.bad_days', { days, max: MAX_RANGE_DAYS });
    return { kind: 'rolling', days };
  }
  const range = /^(\d{4}-\d{2}-\d{2}) ?(?:\.\.|a|to|ate) ?(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    if (!isoDate(from)) throw new ValidationError('period.bad_date', { date: from });
    if (!isoDate(to)) throw new ValidationError('period.bad_date', { date: to });
    if (from > to) throw new ValidationError('period.reversed', { from, to });
    const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;
    if (days > MAX_RANGE_DAYS) throw new ValidationError('period.too_long', { days, max: MAX_RANGE_DAYS });
    return { kind: 'range', from, to };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    if (!isoDate(t)) throw new ValidationError('period.bad_date', { date: t });
    return { kind: 'range', from: t, to: t };
  }
  throw invalid(text.trim());
}
