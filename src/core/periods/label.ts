import { DateTime } from 'luxon';
import { t, type Locale } from '../i18n/index.js';
import type { Interval, ResolvedPeriod } from './resolve.js';

const DATES: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const thin = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');
const isMidnight = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).startOf('day').toMillis() === d.getTime();

/**
 * Dates of a period as people read them, end date inclusive, shortest form the locale allows:
 * en "Nov 23 – 25, 2026", "Dec 20, 2025 – Jan 5, 2026", "Nov 25, 2026";
 * pt-BR "23 – 25 de nov. de 2026". ICU's thin and narrow no-break spaces become plain spaces so
 * the text is the same on every platform and ICU version. A period ending during a day (so far)
 * includes that day.
 */
export function periodDates(p: Interval & { timezone: string }, locale: Locale): string {
  const last = DateTime.fromMillis(Math.max(p.start.getTime(), p.end.getTime() - 1), { zone: p.timezone }).startOf('day').toJSDate();
  const first = p.start.getTime() > last.getTime() ? last : p.start;
  const format = new Intl.DateTimeFormat(locale, { ...DATES, timeZone: p.timezone });
  return thin(format.formatRange(first, last));
}

/** "Nov 23 – 26, 2026" or, when it ends during a day, "Nov 23 – 26, 2026, until 04:00". */
export function spanText(p: Interval & { timezone: string }, locale: Locale): string {
  const dates = periodDates(p, locale);
  if (isMidnight(p.end, p.timezone)) return dates;
  const time = thin(new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: p.timezone }).format(p.end));
  return t(locale, 'period.until', { dates, time });
}

/** What the period is compared with, for cards and reports: "Nov 23 – 26, 2026, until 04:00". */
export function comparedText(p: ResolvedPeriod, locale: Locale): string {
  const span = spanText({ ...p.previous, timezone: p.timezone }, locale);
  return p.compare === 'yoy' ? `${span} (${t(locale, 'period.yoy')})` : span;
}

/**
 * Words and dates: "This week so far (Nov 23 – 25, 2026)", "Esta semana até agora (23 – 25 de
 * nov. de 2026)", "Last 7 days so far (Nov 19 – 25, 2026)", "Yesterday (Nov 24, 2026)"; explicit
 * ranges (including shifted periods) are their dates alone: "Nov 1 – 15, 2026".
 */
export function periodLabel(p: ResolvedPeriod, locale: Locale): string {
  const dates = periodDates(p, locale);
  const spec = p.spec;
  if (spec.kind === 'range') return dates;
  const name =
    spec.kind !== 'rolling'
      ? t(locale, `period.name.${spec.kind}`)
      : t(locale, spec.days === 1 ? 'period.name.rolling_one' : 'period.name.rolling', { days: spec.days });
  return `${p.toDate ? t(locale, 'period.so_far', { name }) : name} (${dates})`;
}
