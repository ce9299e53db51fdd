import { DateTime } from 'luxon';
import { t, type Locale } from '../i18n/index.js';
import type { Interval, ResolvedPeriod } from './resolve.js';

const DATES: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/**
 * Dates of a period as people read them, end date inclusive, shortest form the locale allows:
 * en "Nov 23 – 25, 2026", "Dec 20, 2025 – Jan 5, 2026", "Nov 25, 2026";
 * pt-BR "23 – 25 de nov. de 2026". ICU's thin and narrow no-break spaces become plain spaces so
 * the text is the same on every platform and ICU version.
 */
export function periodDates(p: Interval & { timezone: string }, locale: Locale): string {
  const last = DateTime.fromJSDate(p.end, { zone: p.timezone }).minus({ days: 1 }).startOf('day').toJSDate();
  const first = p.start.getTime() > last.getTime() ? last : p.start;
  const format = new Intl.DateTimeFormat(locale, { ...DATES, timeZone: p.timezone });
  return format.formatRange(first, last).replace(/[\u2009\u202f\u00a0]/g, ' ');
}

/**
 * Words and dates: "This week (Nov 23 – 25, 2026)", "Esta semana (23 – 25 de nov. de 2026)",
 * "Last 7 days (Nov 19 – 25, 2026)", "Today (Nov 25, 2026)"; explicit ranges (including shifted
 * periods) are their dates alone: "Nov 1 – 15, 2026".
 */
export function periodLabel(p: ResolvedPeriod, locale: Locale): string {
  const dates = periodDates(p, locale);
  const spec = p.spec;
  if (spec.kind === 'range') return dates;
  const name =
    spec.kind !== 'rolling'
      ? t(locale, `period.name.${spec.kind}`)
      : t(locale, spec.days === 1 ? 'period.name.rolling_one' : 'period.name.rolling', { days: spec.days });
  return `${name} (${dates})`;
}
