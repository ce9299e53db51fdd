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
}

type Unit = 'week' | 'month' | 'quarter' | 'year';
const TO_DATE: Partial<Record<PeriodSpec['kind'], Unit>> = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
/** Largest first: a whole year is also a whole quarter's multiple, never the reverse. */
const UNITS: readonly Unit[] = ['year', 'quarter', 'month', 'week'];

const by = (unit: Unit, n: number): DurationLikeObject => ({ [`${unit}s`]: n });
/** Day arithmetic keeps wall time; re-anchoring avoids drifting off midnight where it does not exist. */
const day = (d: DateTime) => d.startOf('day');

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
 * Places a period on the calendar of `timezone` as of `at`. All bounds are local midnights, so a
 * day may last 23 or 25 hours. Previous periods:
 * - today / yesterday / last week / last month: the day, ISO week or month before;
 * - week / month / quarter / year "to date" (ending at the start of tomorrow): the same span of
 *   the unit before, i.e. from its first day to the same date one unit back, clamped by the
 *   calendar (month to date on Mar 31 → Feb 1..Feb 28/29; year to date on Feb 29 → ..Feb 28);
 * - `Nd` (today and the N−1 days before) and explicit ranges: the equal-length span just before,
 *   except that a range covering exactly one ISO week, month, quarter or year is a calendar
 *   period and compares with the unit before (2026-10-01..2026-10-31 → September). This is what
 *   lets a period shifted by {@link shiftPeriod} keep the right previous period when its range
 *   spec is resolved again later (e.g. from a button value).
 */
export function resolvePeriod(spec: PeriodSpec, timezone: string, at: Date): ResolvedPeriod {
  checkZone(timezone);
  if (Number.isNaN(at.getTime())) throw new RangeError('resolvePeriod: `at` is an invalid Date');
  if (!isValidPeriodSpec(spec)) throw invalidPeriod(specText(spec));
  const zone = timezone;
  const today = day(DateTime.fromJSDate(at, { zone }));
  const tomorrow = day(today.plus({ days: 1 }));
  const out = (start: DateTime, end: DateTime, prevStart: DateTime, prevEnd: DateTime): ResolvedPeriod => ({
    spec,
    timezone,
    start: start.toJSDate(),
    end: end.toJSDate(),
    previous: { start: prevStart.toJSDate(), end: prevEnd.toJSDate() },
  });
  const days = (start: DateTime, n: number) => {
    const end = day(start.plus({ days: n }));
    return out(start, end, day(start.minus({ days: n })), start);
  };
  const whole = (start: DateTime, unit: Unit) => out(start, day(start.plus(by(unit, 1))), day(start.minus(by(unit, 1))), start);

  switch (spec.kind) {
    case 'today':
      return days(today, 1);
    case 'yesterday':
      return days(day(today.minus({ days: 1 })), 1);
    case 'last_week':
      return whole(day(today.startOf('week').minus({ weeks: 1 })), 'week');
    case 'last_month':
      return whole(day(today.startOf('month').minus({ months: 1 })), 'month');
    case 'week':
    case 'month':
    case 'quarter':
    case 'year': {
      const unit = spec.kind;
      const start = today.startOf(unit);
      const prevStart = day(start.minus(by(unit, 1)));
      // luxon clamps: Mar 31 minus a month is Feb 28/29; never runs into the current unit
      const prevEnd = DateTime.min(day(day(today.minus(by(unit, 1))).plus({ days: 1 })), start);
      return out(start, tomorrow, prevStart, prevEnd);
    }
    case 'rolling':
      return days(day(tomorrow.minus({ days: spec.days })), spec.days);
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
 * - a whole ISO week, month, quarter or year (last week, last month, a range such as
 *   2026-10-01..2026-10-31, a week to date on a Sunday) moves by that unit;
 * - a week / month / quarter / year "to date" becomes the whole unit before (−1) or after (+1),
 *   so −1 then +1 gives the whole current unit, not the part to date;
 * - anything else (today, yesterday, `Nd`, other ranges) moves by its own length in days.
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
    const length = Math.round(end.diff(start, 'days').days);
    from = day(start.plus({ days: direction * length }));
    to = day(from.plus({ days: length - 1 }));
  }
  return resolvePeriod({ kind: 'range', from: from.toISODate()!, to: to.toISODate()! }, zone, p.start);
}

/** Start of each local day in [start, end), for daily chart series. */
export function periodDays(p: Interval & { timezone: string }): Date[] {
  const out: Date[] = [];
  for (let d = day(DateTime.fromJSDate(p.start, { zone: p.timezone })); d.toMillis() < p.end.getTime(); d = day(d.plus({ days: 1 }))) {
    out.push(d.toJSDate());
  }
  return out;
}
