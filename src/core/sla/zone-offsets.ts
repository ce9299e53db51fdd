/**
 * UTC offsets of a time zone, read from luxon once per zone and year and kept as a table of
 * transitions: asking the platform for an offset costs microseconds, and the SLA clock asks
 * for many (the hot path of ingest for tenants with business hours).
 */
import { IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface YearTable {
  start: number;
  end: number;
  /** ats[i]: the instant from which offsets[i] (minutes) applies; ats[0] is the year's start */
  ats: number[];
  offsets: number[];
}

const MAX_TABLES = 2000;
/** by zone (luxon keeps one IANAZone per name) and year */
const tables = new Map<IANAZone, Map<number, YearTable>>();
let tableCount = 0;
/** the table used last, per zone: most lookups of one computation fall in the same year */
const lastUsed = new Map<IANAZone, YearTable>();

/** The year's offsets, scanned day by day; each change is pinned to the millisecond. */
function buildYear(zone: IANAZone, year: number): YearTable {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const table: YearTable = { start, end, ats: [start], offsets: [zone.offset(start)] };
  let lo = start;
  let offLo = table.offsets[0]!;
  while (lo < end) {
    const hi = Math.min(end, lo + DAY_MS);
    const offHi = zone.offset(hi);
    if (offHi !== offLo) {
      let a = lo;
      let b = hi;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (zone.offset(mid) === offLo) a = mid;
        else b = mid;
      }
      if (b < end) {
        table.ats.push(b);
        table.offsets.push(zone.offset(b));
      }
      // another change may follow within the same day
      lo = b;
      offLo = zone.offset(b);
      continue;
    }
    lo = hi;
    offLo = offHi;
  }
  return table;
}

function yearTable(zone: IANAZone, year: number): YearTable {
  if (tableCount >= MAX_TABLES) {
    tables.clear();
    lastUsed.clear();
    tableCount = 0;
  }
  let byYear = tables.get(zone);
  if (!byYear) tables.set(zone, (byYear = new Map()));
  let table = byYear.get(year);
  if (!table) {
    table = buildYear(zone, year);
    byYear.set(year, table);
    tableCount++;
  }
  lastUsed.set(zone, table);
  return table;
}

function tableAt(zone: IANAZone, ms: number): YearTable {
  const last = lastUsed.get(zone);
  return last && ms >= last.start && ms < last.end ? last : yearTable(zone, new Date(ms).getUTCFullYear());
}

/** Last index whose instant is ≤ ms. */
function indexAt(ats: number[], ms: number): number {
  let lo = 0;
  let hi = ats.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ats[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The zone's offset from UTC at an instant, in minutes (local = UTC + offset). */
export function offsetAt(zone: IANAZone, ms: number): number {
  const t = tableAt(zone, ms);
  return t.offsets[indexAt(t.ats, ms)]!;
}

/** Instants in (from, to] at which the offset changes. */
export function transitionsBetween(zone: IANAZone, from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) {
    const t = yearTable(zone, y);
    // a year's first entry is its start, not a change, unless the offset differs from the year before
    t.ats.forEach((at, i) => {
      if (at > from && at <= to && (i > 0 || offsetAt(zone, at - 1) !== t.offsets[0])) out.push(at);
    });
  }
  return out;
}

/**
 * The instant a local wall time (as milliseconds of a UTC-labelled clock) names: a time that
 * occurs twice (clocks turned back) is its first occurrence; a time that never occurs (clocks
 * turned forward) moves forward by the gap, as luxon does.
 */
export function instantOfLocal(zone: IANAZone, localMs: number): number {
  // any instant showing this wall time is within 18 hours of it: at most one change in between
  const before = offsetAt(zone, localMs - 18 * 60 * MINUTE_MS);
  const after = offsetAt(zone, localMs + 18 * 60 * MINUTE_MS);
  const valid = [before, after].filter((o) => offsetAt(zone, localMs - o * MINUTE_MS) === o);
  if (valid.length > 0) return localMs - Math.max(...valid) * MINUTE_MS;
  return localMs - Math.min(before, after) * MINUTE_MS;
}

/** The local calendar day (days since 1970-01-01) of an instant. */
export const localDayOf = (zone: IANAZone, ms: number): number => Math.floor((ms + offsetAt(zone, ms) * MINUTE_MS) / DAY_MS);
