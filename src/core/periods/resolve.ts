import { DateTime, Info, type DurationLikeObject } from 'luxon';
import { ValidationError } from '../errors.js';
import { invalidPeriod, isValidPeriodSpec, rangeDays, specText, type PeriodSpec } from './parse.js';

export interface Interval {
  /** inclusive */
  start: Date;
  /** exclusive */
  end: Date;
}

/** A period placed on the calendar of a zone: [start, end) and the period it compares with. */
export interface ResolvedPeriod extends Interval {
  spec: PeriodSpec;
  timezone: string;
  previous: Interval;
  /** a period "so far": it ends now (`end` is `at`), its previous one at the same point of its span */
  toDate: boolean;
  /** compared with the same span a year earlier instead of the period before */
  compare: Comparison;
}

/** What a period is compared with: the one before (default) or the same one a year earlier. */
export type Comparison = 'previous' | 'yoy';

type Unit = 'week' | 'month' | 'quarter' | 'year';
const TO_DATE: Partial<Record<PeriodSpec['kind'], Unit>> = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
/** Largest first: a whole year is also a whole quarter's multiple, never the reverse. */
const UNITS: readonly Unit[] = ['year', 'quarter', 'month', 'week'];

const by = (unit: Unit, n: number): DurationLikeObject => ({ [`${unit}s`]: n });
/** Day arithmetic keeps wall time; re-anchoring avoids drifting off midnight where it does not exist. */
const day = (d: DateTime) => d.startOf('day');
/** The nearest whole hour: buckets keep hours, so a span "so far" is compared to the hour. */
const nearestHour = (d: DateTime) => (d.minute >= 30 ? d.plus({ hours: 1 }) : d).startOf('hour');
const hourCeil = (d: DateTime) => (d.startOf('hour').equals(d) ? d : d.startOf('hour').plus({ hours: 1 }));
/**
 * `from` plus the time elapsed from `start` to the end of the hour `end` is in (real time: a DST
 * change does not skew it): both periods are read to whole hours, the current one's last hour
 * being the one in progress.
 */
const sameElapsed = (from: DateTime, start: DateTime, end: DateTime) => nearestHour(from.plus({ milliseconds: hourCeil(end).toMillis() - start.toMillis() }));

const knownZones = new Set<string>();

/** Refuses anything but an IANA zone name (also "UTC"). */
export function checkZone(timezone: string): void {
  if (knownZones.has(timezone)) return;
  if (!Info.isValidIANAZone(timezone)) throw new ValidationError('period.bad_timezone', { tz: timezone });
  if (knownZones.size < 1000) knownZones.add(timezone);
}

/** The calendar unit a range of dates covers exactly (one ISO week, month, quarter or year), if any. */
function wholeUnitOf(from: string, to: string): Unit | undefined {
  const f = DateTime.fromISO(from, { zone: 'utc' });
  return UNITS.find((u) => f.startOf(u).equals(f) && f.endOf(u).toISODate() === to);
}

/**
 * Places a period on the calendar of `timezone` as of `at`. Bounds are local midnights (a day
 * may last 23 or 25 hours), except the end of a period "so far". Previous periods:
 * - today / week / month / quarter / year "so far" and `Nd` (today and the N−1 days before)
 *   end at `at`; they compare with the one before (yesterday, last week's Monday, last month's
 *   1st…) over the same elapsed time, i.e. until the same weekday or day and time, both read to
 *   the end of the hour in progress (buckets keep hours: Thursday 03:58 → last Thursday 04:00),
 *   clipped to its length (month so far on Mar 31 15:00 → all of February) and never into the
 *   current period. Elapsed time is real time: across a DST change the previous span ends an
 *   hour off the same wall-clock time, with as many hours;
 * - yesterday / last week / last month / last year: the day, ISO week, month or year before;
 * - explicit ranges: the equal-length span just before, except that a range covering exactly one
 *   ISO week, month, quarter or year is a calendar period and compares with the unit before
 *   (2026-10-01..2026-10-31 → September). This keeps a period shifted by {@link shiftPeriod}
 *   comparing right when its range spec is resolved again later (e.g. from a button value).
 * With `compare: 'yoy'` every period compares with the same span one year earlier instead.
 */
export function resolvePeriod(spec: PeriodSpec, timezone: string, at: Date, compare: Comparison = 'previous'): ResolvedPeriod {
  checkZone(timezone);
  if (Number.isNaN(at.getTime())) throw new RangeError('resolvePeriod: `at` is an invalid Date');
  if (!isValidPeriodSpec(spec)) throw invalidPeriod(specText(spec));
  const zone = timezone;
  const now = DateTime.fromJSDate(at, { zone });
  const today = day(now);
  const out = (start: DateTime, end: DateTime, prevStart: DateTime, prevEnd: DateTime, toDate = false): ResolvedPeriod => {
    const yoy = compare === 'yoy';
    const pStart = yoy ? day(start.minus({ years: 1 })) : prevStart;
    const pEnd = !yoy ? prevEnd : toDate ? sameElapsed(pStart, start, end) : day(end.minus({ years: 1 }));
    return { spec, timezone, start: start.toJSDate(), end: end.toJSDate(), previous: { start: pStart.toJSDate(), end: DateTime.max(pStart, pEnd).toJSDate() }, toDate, compare };
  };
  const days = (start: DateTime, n: number) => out(start, day(start.plus({ days: n })), day(start.minus({ days: n })), start);
  const whole = (start: DateTime, unit: Unit) => out(start, day(start.plus(by(unit, 1))), day(start.minus(by(unit, 1))), start);
  /** from `start` until now, against the same elapsed time from the start `back` earlier (clipped to `start`) */
  const soFar = (start: DateTime, back: DurationLikeObject) => {
    const prevStart = day(start.minus(back));
    return out(start, now, prevStart, DateTime.min(sameElapsed(prevStart, start, now), start), true);
  };

  switch (spec.kind) {
    case 'today':
      return soFar(today, { days: 1 });
    case 'yesterday':
      return days(day(today.minus({ days: 1 })), 1);
    case 'last_week':
      return whole(day(today.startOf('week').minus({ weeks: 1 })), 'week');
    case 'last_month':
      return whole(day(today.startOf('month').minus({ months: 1 })), 'month');
    case 'last_year':
      return whole(day(today.startOf('year').minus({ years: 1 })), 'year');
    case 'week':
    case 'month':
    case 'quarter':
    case 'year':
      return soFar(today.startOf(spec.kind), by(spec.kind, 1));
    case 'rolling':
      return soFar(day(today.minus({ days: spec.days - 1 })), { days: spec.days });
    case 'range': {
      const start = day(DateTime.fromISO(spec.from, { zone }));
      const unit = wholeUnitOf(spec.from, spec.to);
      return unit ? whole(start, unit) : days(start, rangeDays(spec.from, spec.to));
    }
  }
}

/**
 * The neighbouring period, for "previous / next" buttons. The result is always an explicit
 * `range` spec, so a button pressed tomorrow still shows the same dates, and it is resolved by
 * {@link resolvePeriod}, so its own `previous` is what resolving that spec again gives:
 * - a whole ISO week, month, quarter or year (last week, last month, last year, a range such
 *   as 2026-10-01..2026-10-31) moves by that unit;
 * - a week / month / quarter / year "so far" becomes the whole unit before (−1) or after (+1),
 *   so −1 then +1 gives the whole current unit, not the part so far;
 * - anything else (today, yesterday, `Nd`, other ranges) moves by its own length in days.
 * A year-over-year comparison stays one.
 */
export function shiftPeriod(p: ResolvedPeriod, direction: -1 | 1): ResolvedPeriod {
  const zone = p.timezone;
  const start = DateTime.fromJSDate(p.start, { zone });
  const end = DateTime.fromJSDate(p.end, { zone });
  const unit = UNITS.find((u) => start.startOf(u).equals(start) && day(start.plus(by(u, 1))).equals(end)) ?? TO_DATE[p.spec.kind];
  let from: DateTime;
  let to: DateTime;
  if (unit) {
    from = day(start.plus(by(unit, direction)));
    to = day(from.plus(by(unit, 1)).minus({ days: 1 }));
  } else {
    const length = p.spec.kind === 'today' ? 1 : p.spec.kind === 'rolling' ? p.spec.days : Math.round(end.diff(start, 'days').days);
    from = day(start.plus({ days: direction * length }));
    to = day(from.plus({ days: length - 1 }));
  }
  return resolvePeriod({ kind: 'range', from: from.toISODate()!, to: to.toISODate()! }, zone, p.start, p.compare);
}

/**
 * The instants a period's numbers are read over: a period so far is read to the end of the
 * hour it is in (buckets keep whole hours; nothing is recorded after now but what is dated
 * ahead), as its previous period is (see resolvePeriod).
 */
export function readRange(p: ResolvedPeriod): Interval {
  return { start: p.start, end: p.toDate ? hourCeil(DateTime.fromJSDate(p.end, { zone: p.timezone })).toJSDate() : p.end };
}

/** Start of each local day in [start, end), for daily chart series. */
export function periodDays(p: Interval & { timezone: string }): Date[] {
  const out: Date[] = [];
  for (let d = day(DateTime.fromJSDate(p.start, { zone: p.timezone })); d.toMillis() < p.end.getTime(); d = day(d.plus({ days: 1 }))) {
    out.push(d.toJSDate());
  }
  return out;
}
