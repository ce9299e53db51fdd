/**
 * The SLA clock: how many minutes between two instants fall within business hours, on business
 * days that are not holidays, in a time zone. Whole days between the first and the last are
 * counted arithmetically (weeks × business days, minus holidays, plus the few days whose window
 * a daylight-saving change shortens or lengthens), so a span of years costs little more than a day.
 */
import { IANAZone } from 'luxon';
import { WEEKDAYS, type BusinessHours } from '../domain/tenant.js';
import { instantOfLocal, localDayOf, transitionsBetween } from './zone-offsets.js';

export interface SlaCalendar {
  /** IANA zone the hours and holidays are read in */
  timezone: string;
  /** null: every hour of every day (24×7) */
  hours: BusinessHours | null;
  /** local dates 'YYYY-MM-DD' on which the clock stops all day */
  holidays: readonly string[];
}


const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar prepared once: days are numbered from 1970-01-01 (civil dates, no zone). */
interface Compiled {
  zone: IANAZone;
  open: boolean[];
  perWeek: number;
  fromMin: number;
  toMin: number;
  nominalMs: number;
  /** sorted holidays that fall on business weekdays */
  holidays: number[];
  holidaySet: Set<number>;
  /** no hours and no holidays: plain minutes */
  plain: boolean;
}

/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

function minuteOfDay(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(minutes <= 1440)) throw new Error(`business hours must be HH:MM, got "${hhmm}"`);
  return minutes;
}

function dayOfIso(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms / DAY_MS : null;
}

const cache = new WeakMap<SlaCalendar, Compiled>();

function compile(c: SlaCalendar): Compiled {
  const hit = cache.get(c);
  if (hit) return hit;
  const zone = IANAZone.create(c.timezone);
  if (!zone.isValid) throw new Error(`unknown time zone "${c.timezone}"`);
  const open = WEEKDAYS.map((d) => (c.hours ? c.hours.days.includes(d) : true));
  const fromMin = c.hours ? minuteOfDay(c.hours.from) : 0;
  const toMin = c.hours ? minuteOfDay(c.hours.to) : 1440;
  if (toMin <= fromMin) throw new Error('business hours must end after they start');
  const days = c.holidays.map(dayOfIso).filter((d): d is number => d !== null && open[weekdayOf(d)]!);
  const holidays = [...new Set(days)].sort((a, b) => a - b);
  const compiled: Compiled = {
    zone, open, perWeek: open.filter(Boolean).length, fromMin, toMin, nominalMs: (toMin - fromMin) * MINUTE_MS,
    holidays, holidaySet: new Set(holidays), plain: c.hours === null && holidays.length === 0,
  };
  cache.set(c, compiled);
  return compiled;
}

/** The instant of a local day's minute (24:00 is the next day's start). */
const instantAt = (c: Compiled, day: number, minute: number) => instantOfLocal(c.zone, day * DAY_MS + minute * MINUTE_MS);

const isOpen = (c: Compiled, day: number) => c.open[weekdayOf(day)]! && !c.holidaySet.has(day);

/** Milliseconds of [from, to) within one day's business window. */
function overlapOfDay(c: Compiled, day: number, from: number, to: number): number {
  if (!isOpen(c, day)) return 0;
  const start = Math.max(from, instantAt(c, day, c.fromMin));
  const end = Math.min(to, instantAt(c, day, c.toMin));
  return Math.max(0, end - start);
}

/** First index whose holiday is ≥ day. */
function lowerBound(sorted: number[], day: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Business days in [a, b): whole weeks, the remainder, minus holidays on business weekdays. */
function openDaysBetween(c: Compiled, a: number, b: number): number {
  const weeks = Math.floor((b - a) / 7);
  let count = weeks * c.perWeek;
  for (let d = a + weeks * 7; d < b; d++) if (c.open[weekdayOf(d)]) count++;
  return count - (lowerBound(c.holidays, b) - lowerBound(c.holidays, a));
}

/** Milliseconds of the business windows of the whole days first < d < last. */
function wholeDaysMs(c: Compiled, first: number, last: number, from: number, to: number): number {
  let ms = openDaysBetween(c, first + 1, last) * c.nominalMs;
  // a window a DST change falls in is an hour shorter or longer than on other days
  const days = new Set(transitionsBetween(c.zone, from, to).flatMap((at) => [localDayOf(c.zone, at - 1), localDayOf(c.zone, at)]));
  for (const day of days) {
    if (day <= first || day >= last || !isOpen(c, day)) continue;
    ms += instantAt(c, day, c.toMin) - instantAt(c, day, c.fromMin) - c.nominalMs;
  }
  return ms;
}

/** Business minutes (fractional) from `from` to `to`; 0 when `to` is not after `from`. */
export function businessMinutes(from: Date, to: Date, calendar: SlaCalendar): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (!(b > a)) return 0;
  const c = compile(calendar);
  if (c.plain) return (b - a) / MINUTE_MS;
  const first = localDayOf(c.zone, a);
  const last = localDayOf(c.zone, b);
  let ms = overlapOfDay(c, first, a, b);
  if (last > first) ms += overlapOfDay(c, last, a, b);
  if (last > first + 1) ms += wholeDaysMs(c, first, last, a, b);
  return ms / MINUTE_MS;
}

/** 24×7 without holidays: the clock is the wall clock. */
export const isAlwaysOpen = (c: SlaCalendar): boolean => c.hours === null && c.holidays.length === 0;
