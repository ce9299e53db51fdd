import { DateTime } from 'luxon';
import { t, type Locale } from '../i18n/index.js';
import type { ResolvedPeriod } from './resolve.js';

const fmt = (d: DateTime, locale: Locale, opts: Intl.DateTimeFormatOptions) => d.setLocale(locale).toLocaleString(opts);

/** Dates of a period as shown to people: the end date is inclusive. */
export function periodDates(p: Pick<ResolvedPeriod, 'start' | 'end' | 'timezone'>, locale: Locale): string {
  const s = DateTime.fromJSDate(p.start, { zone: p.timezone });
  const e = DateTime.fromJSDate(p.end, { zone: p.timezone }).minus({ days: 1 });
  const full: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  if (s.hasSame(e, 'day')) return fmt(s, locale, full);
  const first: Intl.DateTimeFormatOptions = s.hasSame(e, 'year') ? { day: 'numeric', month: 'short' } : full;
  return `${fmt(s, locale, first)} – ${fmt(e, locale, full)}`;
}

/** "This week (Nov 23 – Nov 25, 2026)", "Esta semana (23 de nov. – 25 de nov. de 2026)". */
export function periodLabel(p: ResolvedPeriod, locale: Locale): string {
  const dates = periodDates(p, locale);
  const spec = p.spec;
  const name =
    spec.kind === 'range'
      ? null
      : spec.kind === 'rolling'
        ? t(locale, 'period.name.rolling', { days: spec.days })
        : t(locale, `period.name.${spec.kind}`);
  return name ? `${name} (${dates})` : dates;
}
