import { DateTime } from 'luxon';
import { ValidationError } from '../errors.js';
import type { RollupDoc, RollupStore } from '../ports/rollups.js';
import { keyDims, keyMatches, levelKey } from './bucket-keys.js';
import { HOURLY_LEVEL } from './bucket-deltas.js';
import { DIMENSIONS, levelFor, NO_DIMS, type DimValues, type Dimension, type Filters, type Level } from './dimensions.js';
import { addStats, emptyStats, kpisFromStats, type Kpis, type Stats, type SummedStats } from './stats.js';

export interface Range {
  start: Date;
  end: Date;
}

export interface KpiQuery {
  tenantId: string;
  /** the tenant's zone: day buckets are cut in it */
  tenantTimezone: string;
  current: Range;
  previous: Range;
  filters: Filters;
  breakdown?: Dimension;
  /** no record holds a time later than a day after now (ingest refuses it) */
  now: Date;
  /** also answer per day: the starts of the days of the current period */
  days?: Date[];
}

export interface KpiAnswer {
  current: Kpis;
  previous: Kpis;
  /** current-period KPIs per value of the breakdown dimension */
  breakdown?: Record<string, Kpis>;
  /** per-day KPIs of the current period (backlog not computed: 0) */
  daily?: { start: Date; kpis: Kpis }[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Start instants of the buckets covering [from, until): tenant-local days or UTC hours. */
function bucketStarts(g: 'd' | 'h', zone: string, from: Date, until: Date): Date[] {
  const out: Date[] = [];
  if (g === 'h') {
    for (let t = Math.floor(from.getTime() / HOUR) * HOUR; t < until.getTime(); t += HOUR) out.push(new Date(t));
    return out;
  }
  for (let d = DateTime.fromJSDate(from, { zone }).startOf('day'); d.toMillis() < until.getTime(); d = d.plus({ days: 1 })) {
    out.push(d.toJSDate());
  }
  return out;
}

/** Which buckets answer the query: tenant days when the ranges are whole days, else UTC hours. */
function plan(q: KpiQuery, level: Level): { g: 'd' | 'h'; lv: string } {
  const bounds = [q.current.start, q.current.end, q.previous.start, q.previous.end];
  const isDay = (d: Date) => DateTime.fromJSDate(d, { zone: q.tenantTimezone }).startOf('day').toMillis() === d.getTime();
  if (bounds.every(isDay)) return { g: 'd', lv: level };
  if (!bounds.every((d) => d.getTime() % HOUR === 0)) {
    throw new ValidationError('kpi.unaligned_period', { timezone: q.tenantTimezone });
  }
  if (level !== 'all') throw new ValidationError('kpi.filters_need_tenant_zone', { timezone: q.tenantTimezone });
  return { g: 'h', lv: HOURLY_LEVEL };
}

interface Sums {
  stats: SummedStats;
  groups: Map<string, SummedStats>;
}

function sumKeys(docs: RollupDoc[], range: Range, select: (key: string) => string | null): Sums {
  const out: Sums = { stats: emptyStats(), groups: new Map() };
  for (const doc of docs) {
    const t = doc.t.getTime();
    if (t < range.start.getTime() || t >= range.end.getTime()) continue;
    for (const [key, stats] of Object.entries(doc.v)) {
      const group = select(key);
      if (group === null) continue;
      addStats(out.stats, stats);
      if (group !== '') {
        let g = out.groups.get(group);
        if (!g) out.groups.set(group, (g = emptyStats()));
        addStats(g, stats);
      }
    }
  }
  return out;
}

/** The one rollup key a query reads, when it reads one (no breakdown, every level dimension fixed). */
function singleKey(level: Level, q: KpiQuery): string | undefined {
  if (q.breakdown) return undefined;
  if (level === 'all') return 'all:*';
  if (level === 'full') {
    if (DIMENSIONS.some((d) => q.filters[d] === undefined)) return undefined;
    return levelKey('full', q.filters as DimValues);
  }
  const value = q.filters[level];
  return value === undefined ? undefined : levelKey(level, { ...NO_DIMS, [level]: value });
}

const open = (s: Stats | undefined) => (s?.c?.['vol'] ?? 0) - (s?.c?.['res'] ?? 0);

export async function queryKpis(store: RollupStore, q: KpiQuery): Promise<KpiAnswer> {
  const level = levelFor(q.filters, q.breakdown);
  const { g, lv } = plan(q, level);
  const from = new Date(Math.min(q.current.start.getTime(), q.previous.start.getTime()));
  const until = new Date(Math.max(q.current.end.getTime(), q.previous.end.getTime(), q.now.getTime() + 2 * DAY));
  const starts = bucketStarts(g, q.tenantTimezone, from, until);
  const [docs, totals] = await Promise.all([
    store.fetch(q.tenantId, g, lv, starts, singleKey(level, q)),
    store.totals(q.tenantId),
  ]);

  const prefix = `${level}:`;
  const select = (key: string): string | null => {
    if (!key.startsWith(prefix) || !keyMatches(key, q.filters)) return null;
    return q.breakdown ? (keyDims(key).dims[q.breakdown] ?? '') : '';
  };

  /** backlog(end) = open items of all time − those created/resolved from `end` on */
  const backlogAt = (end: Date): { total: number; groups: Map<string, number> } => {
    const groups = new Map<string, number>();
    let total = 0;
    const add = (key: string, n: number) => {
      const group = select(key);
      if (group === null) return;
      total += n;
      if (group !== '') groups.set(group, (groups.get(group) ?? 0) + n);
    };
    for (const [key, s] of Object.entries(totals)) add(key, open(s));
    for (const doc of docs) {
      if (doc.t.getTime() < end.getTime()) continue;
      for (const [key, s] of Object.entries(doc.v)) add(key, -open(s));
    }
    return { total, groups };
  };

  const cur = sumKeys(docs, q.current, select);
  const prev = sumKeys(docs, q.previous, select);
  const curBacklog = backlogAt(q.current.end);
  const answer: KpiAnswer = {
    current: kpisFromStats(cur.stats, curBacklog.total),
    previous: kpisFromStats(prev.stats, backlogAt(q.previous.end).total),
  };
  if (q.days) {
    const bounds = [...q.days.map((d) => d.getTime()), q.current.end.getTime()];
    answer.daily = q.days.map((start, i) => ({
      start,
      kpis: kpisFromStats(sumKeys(docs, { start, end: new Date(bounds[i + 1]!) }, select).stats, 0),
    }));
  }
  if (q.breakdown) {
    answer.breakdown = {};
    const names = new Set([...cur.groups.keys(), ...[...curBacklog.groups].filter(([, n]) => n !== 0).map(([k]) => k)]);
    for (const name of [...names].sort()) {
      answer.breakdown[name] = kpisFromStats(cur.groups.get(name) ?? emptyStats(), curBacklog.groups.get(name) ?? 0);
    }
  }
  return answer;
}
