import { DateTime } from 'luxon';
import { ValidationError } from '../errors.js';
import { HOUR } from './bucket-deltas.js';
import { ALL_SLOTS, slotMask } from './customer-sets.js';

export interface Range {
  start: Date;
  end: Date;
}

/** The hours of each tenant-local day a range covers: day start (ms) → slot mask. */
export type Selection = Map<number, number>;

/** Starts of the tenant-local days overlapping [from, until). */
export function dayStarts(zone: string, from: Date, until: Date): Date[] {
  const out: Date[] = [];
  for (let d = DateTime.fromJSDate(from, { zone }).startOf('day'); d.toMillis() < until.getTime(); d = d.plus({ days: 1 }).startOf('day')) {
    out.push(d.toJSDate());
  }
  return out;
}

/**
 * A range as whole days and, on its first and last day, the hours it covers. Buckets hold each
 * day's numbers per hour counted from the day's start, so a bound must fall on such an hour:
 * any whole hour of a zone whose offset differs from the tenant's by whole hours.
 */
export function selectionOf(range: Range, zone: string): Selection {
  const out: Selection = new Map();
  for (const day of dayStarts(zone, range.start, range.end)) {
    const d = day.getTime();
    const next = DateTime.fromMillis(d, { zone }).plus({ days: 1 }).startOf('day').toMillis();
    const from = Math.max(range.start.getTime(), d);
    const to = Math.min(range.end.getTime(), next);
    if (from >= to) continue;
    if ((from - d) % HOUR !== 0 || (to - d) % HOUR !== 0) throw new ValidationError('kpi.unaligned_period', { timezone: zone });
    out.set(d, from === d && to === next ? ALL_SLOTS : slotMask((from - d) / HOUR, (to - d) / HOUR));
  }
  return out;
}

/** From `end` on, for ever (the backlog subtracts what happened then): the days from end's day. */
export function selectionFrom(end: Date, zone: string, until: Date): Selection {
  return selectionOf({ start: end, end: new Date(Math.max(until.getTime(), end.getTime())) }, zone);
}

/** Whether an hour slot is in a mask. */
export const hasSlot = (mask: number, slot: number): boolean => mask === ALL_SLOTS || ((mask >>> slot) & 1) === 1;
