import { DateTime, type DurationLikeObject } from 'luxon';
import { ValidationError } from '../errors.js';
import type { PeriodSpec } from './parse.js';

export interface ResolvedPeriod {
  spec: PeriodSpec;
  timezone: string;
  /** [start, end) */
  start: Date;
  end: Date;
  previous: { start: Date; end: Date };
}

export function checkZone(timezone: string): void {
  if (!DateTime.now().setZone(timezone).isValid) throw new ValidationError('period.bad_timezone', { tz: timezone });
}

const UNIT = { week: 'week', month: 'month', quarter: 'quarter', year: 'year' } as const;

/**
 * Places a period on the calendar of a zone, as of `at`. Every period is day-aligned; periods
 * "to date" end at the start of tomorrow and compare with the same span of the unit before
 * (clamped to its length: Mar 1–31 → Feb 1–28); ranges and rolling windows compare with the
 * equal-length span just before.
 */
export function resolvePeriod(spec: PeriodSpec, timezone: string, at: Date): ResolvedPeriod {
  checkZone(timezone);
  const today = DateTime.fromJSDate(at, { zone: timezone }).startOf('day');
  const tomorrow = today.plus({ days: 1 });
  const out = (start: DateTime, end: DateTime, prevStart: DateTime, prevEnd: DateTime): ResolvedPeriod => ({
    spec,
    timezone,
    start: start.toJSDate(),
    end: end.toJSDate(),
    previous: { start: prevStart.toJSDate(), end: prevEnd.toJSDate() },
  });
  const shifted = (start: DateTime, end: DateTime, by: DurationLikeObject) => out(start, end, start.minus(by), end.minus(by));
  switch (spec.kind) {
    case 'today':
      return shifted(today, tomorrow, { days: 1 });
    case 'yesterday':
      return shifted(today.minus({ days: 1 }), today, { days: 1 });
    case 'last_week': {
      const start = today.startOf('week').minus({ weeks: 1 });
      return shifted(start, start.plus({ weeks: 1 }), { weeks: 1 });
    }
    case 'last_month': {
      const start = today.startOf('month').minus({ months: 1 });
      return shifted(start, start.plus({ months: 1 }), { months: 1 });
    }
    case 'week':
    case 'month':
    case 'quarter':
    case 'year': {
      const unit = UNIT[spec.kind];
      const start = today.startOf(unit);
      const prevStart = start.minus({ [`${unit}s`]: 1 });
      // same span of the previous unit, clamped so it never runs into the current one
      const span = tomorrow.diff(start, 'days').days;
      const prevEnd = DateTime.min(prevStart.plus({ days: span }), start);
      return out(start, tomorrow, prevStart, prevEnd);
    }
    case 'rolling': {
      const start = tomorrow.minus({ days: spec.days });
      return out(start, tomorrow, start.minus({ days: spec.days }), start);
    }
    case 'range': {
      const start = DateTime.fromISO(spec.from, { zone: timezone }).startOf('day');
      const end = DateTime.fromISO(spec.to, { zone: timezone }).startOf('day').plus({ days: 1 });
      const days = Math.round(end.diff(start, 'days').days);
      return out(start, end, start.minus({ days }), start);
    }
  }
}

const isoDay = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate()!;

/**
 * The neighbouring period of the same length, for "previous / next" buttons. The result is an
 * explicit range (so it stays put when pressed again later), except that a whole calendar week,
 * month, quarter or year shifts by that unit; its own previous period follows the same rules.
 */
export function shiftPeriod(p: ResolvedPeriod, direction: -1 | 1): ResolvedPeriod {
  const zone = p.timezone;
  const start = DateTime.fromJSDate(p.start, { zone });
  const end = DateTime.fromJSDate(p.end, { zone });
  for (const unit of ['year', 'quarter', 'month', 'week'] as const) {
    if (start.startOf(unit).equals(start) && start.plus({ [`${unit}s`]: 1 }).equals(end)) {
      const s = start.plus({ [`${unit}s`]: direction });
      const e = s.plus({ [`${unit}s`]: 1 });
      return {
        spec: { kind: 'range', from: s.toISODate()!, to: e.minus({ days: 1 }).toISODate()! },
        timezone: zone,
        start: s.toJSDate(),
        end: e.toJSDate(),
        previous: { start: s.minus({ [`${unit}s`]: 1 }).toJSDate(), end: s.toJSDate() },
      };
    }
  }
  // "to date" periods move to the whole unit before / after
  const unit = p.spec.kind in UNIT ? UNIT[p.spec.kind as keyof typeof UNIT] : undefined;
  if (unit) {
    const s = start.plus({ [`${unit}s`]: direction });
    const e = s.plus({ [`${unit}s`]: 1 });
    return {
      spec: { kind: 'range', from: s.toISODate()!, to: e.minus({ days: 1 }).toISODate()! },
      timezone: zone,
      start: s.toJSDate(),
      end: e.toJSDate(),
      previous: { start: s.minus({ [`${unit}s`]: 1 }).toJSDate(), end: s.toJSDate() },
    };
  }
  const days = Math.round(end.diff(start, 'days').days);
  const s = start.plus({ days: direction * days });
  const e = s.plus({ days });
  const spec: PeriodSpec = { kind: 'range', from: isoDay(s.toJSDate(), zone), to: isoDay(e.minus({ days: 1 }).toJSDate(), zone) };
  return resolvePeriod(spec, zone, p.start);
}

/** Start of each local day in [start, end), for daily series. */
export function periodDays(p: { start: Date; end: Date; timezone: string }): Date[] {
  const out: Date[] = [];
  let d = DateTime.fromJSDate(p.start, { zone: p.timezone });
  while (d.toMillis() < p.end.getTime()) {
    out.push(d.toJSDate());
    d = d.plus({ days: 1 });
  }
  return out;
}
