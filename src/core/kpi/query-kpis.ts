import { DateTime } from 'luxon';
import type { RollupDoc, RollupStore } from '../ports/rollups.js';
import { keyDims, keyMatches, levelKey } from './bucket-keys.js';
import { DIMENSIONS, levelFor, NO_DIMS, type DimValues, type Dimension, type Filters, type Level } from './dimensions.js';
import { ALL_SLOTS } from './customer-sets.js';
import { countCustomers, type CustomerGroup } from './distinct-customers.js';
import { dayStarts, hasSlot, selectionFrom, selectionOf, type Range, type Selection } from './selection.js';
import { addStats, emptyStats, kpisFromStats, type Kpis, type Stats, type SummedStats } from './stats.js';

export type { Range } from './selection.js';

export interface KpiQuery {
  tenantId: string;
  /** the zone the tenant's day buckets are cut in (TenantSettings.rollupTimezone), each day's numbers kept per hour */
  tenantTimezone: string;
  current: Range;
  previous: Range;
  filters: Filters;
  breakdown?: Dimension;
  /** no record holds a time later than a day after now (ingest refuses it) */
  now: Date;
  /** also answer per day: the starts of the days of the current period (each ends at the next, the last at current.end) */
  days?: Date[];
  /** customer-days counted exactly before distinct customers are estimated (default EXACT_BUDGET) */
  exactBudget?: number;
}

export interface KpiAnswer {
  current: Kpis;
  previous: Kpis;
  /** current-period KPIs per value of the breakdown dimension */
  breakdown?: Record<string, Kpis>;
  /** per-day KPIs of the current period (backlog not computed: 0) */
  daily?: { start: Date; kpis: Kpis }[];
}

const DAY = 86_400_000;

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

/** A flat hour field "<slot>:c:<name>" or "<slot>:h:<name>:<bin>" (see bucket-deltas slotPath), parsed once per name. */
type SlotField = { slot: number; hist: string | null; name: string };
const slotFields = new Map<string, SlotField | null>();
function slotField(path: string): SlotField | null {
  let f = slotFields.get(path);
  if (f === undefined) {
    const [slot, kind, name, bin] = path.split(':');
    f = kind === 'c' && name ? { slot: Number(slot), hist: null, name } : kind === 'h' && name && bin ? { slot: Number(slot), hist: name, name: bin } : null;
    slotFields.set(path, f);
  }
  return f;
}

/**
 * A key's numbers over the hours of a mask: flat hour fields, or hours kept as nested objects
 * (`<slot>.c.vol`, written before the flat names). Days kept from the first layout (before a
 * tenant's earliest stored interaction, see rollups/migrate.ts) hold whole-day numbers: read for
 * whole days only.
 */
function addSlots(into: SummedStats, slots: Record<string, unknown> & Stats, mask: number): void {
  if (slots.c !== undefined || slots.h !== undefined) {
    if (mask === ALL_SLOTS) addStats(into, slots);
    return;
  }
  for (const path in slots) {
    const value = slots[path];
    if (typeof value !== 'number') {
      if (hasSlot(mask, Number(path))) addStats(into, value as Stats);
      continue;
    }
    const f = slotField(path);
    if (!f || !hasSlot(mask, f.slot)) continue;
    if (f.hist === null) into.c[f.name] = (into.c[f.name] ?? 0) + value;
    else {
      const h = (into.h[f.hist] ??= {});
      h[f.name] = (h[f.name] ?? 0) + value;
    }
  }
}

/**
 * A key's sums over a mask, remembered per document object: the rollup store hands back the same
 * object for a bucket that has not changed since it was last read, and summing a busy day's
 * hour fields was most of a read's time.
 */
const slotSums = new WeakMap<RollupDoc, Map<string, SummedStats>>();
function slotsOf(doc: RollupDoc, key: string, mask: number): SummedStats {
  let byKey = slotSums.get(doc);
  if (!byKey) slotSums.set(doc, (byKey = new Map()));
  const id = `${mask}|${key}`;
  let sums = byKey.get(id);
  if (!sums) {
    sums = emptyStats();
    addSlots(sums, doc.v[key] as Record<string, unknown> & Stats, mask);
    byKey.set(id, sums);
  }
  return sums;
}

/** Sums of the selected hours per group ('' = no breakdown), and the customer sets to count. */
function sumOver(docs: RollupDoc[], sel: Selection, select: (key: string) => string | null): { stats: SummedStats; groups: Map<string, SummedStats>; customers: CustomerGroup } {
  const stats = emptyStats();
  const groups = new Map<string, SummedStats>();
  const customers: CustomerGroup = [];
  for (const doc of docs) {
    const mask = sel.get(doc.t.getTime());
    if (mask === undefined) continue;
    for (const key in doc.v) {
      const group = select(key);
      if (group === null) continue;
      // shared with later reads: added from, never changed
      const own = slotsOf(doc, key, mask);
      addStats(stats, own);
      if (group !== '') {
        let g = groups.get(group);
        if (!g) groups.set(group, (g = emptyStats()));
        addStats(g, own);
      }
      if ((own.c['vol'] ?? 0) > 0) customers.push({ doc, key, mask, group });
    }
  }
  return { stats, groups, customers };
}

const open = (s: Stats | undefined) => (s?.c?.['vol'] ?? 0) - (s?.c?.['res'] ?? 0);

export async function queryKpis(store: RollupStore, q: KpiQuery): Promise<KpiAnswer> {
  const zone = q.tenantTimezone;
  const level = levelFor(q.filters, q.breakdown);
  // records may lie up to a day after now: the backlog subtracts them too
  const horizon = DateTime.fromMillis(q.now.getTime() + 2 * DAY, { zone }).startOf('day').plus({ days: 1 }).startOf('day').toJSDate();
  const currentSel = selectionOf(q.current, zone);
  const previousSel = selectionOf(q.previous, zone);
  // every day a range or a backlog (read at each end) touches
  const from = new Date(Math.min(q.current.start.getTime(), q.previous.start.getTime(), q.current.end.getTime(), q.previous.end.getTime()));
  const until = new Date(Math.max(q.current.end.getTime(), q.previous.end.getTime(), horizon.getTime()));
  const [docs, totals] = await Promise.all([store.fetch(q.tenantId, level, dayStarts(zone, from, until), singleKey(level, q)), store.totals(q.tenantId)]);

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
    const later = sumOver(docs, selectionFrom(end, zone, horizon), select);
    total -= open(later.stats);
    for (const [group, s] of later.groups) groups.set(group, (groups.get(group) ?? 0) - open(s));
    return { total, groups };
  };

  const cur = sumOver(docs, currentSel, select);
  const prev = sumOver(docs, previousSel, select);
  const daily = q.days?.map((start, i) => ({ start, sums: sumOver(docs, selectionOf({ start, end: q.days![i + 1] ?? q.current.end }, zone), select) }));
  const groupsOf = (sums: ReturnType<typeof sumOver>, name: string): CustomerGroup => sums.customers.filter((c) => c.group === name);
  const names = q.breakdown ? [...cur.groups.keys()] : [];
  const groups = [cur.customers, prev.customers, ...names.map((n) => groupsOf(cur, n)), ...(daily ?? []).map((d) => d.sums.customers)];
  const counted = await countCustomers(store, q.tenantId, level, groups, q.exactBudget);
  const curBacklog = backlogAt(q.current.end);
  const answer: KpiAnswer = {
    current: kpisFromStats(cur.stats, curBacklog.total, counted[0]),
    previous: kpisFromStats(prev.stats, backlogAt(q.previous.end).total, counted[1]),
  };
  if (daily) answer.daily = daily.map((d, i) => ({ start: d.start, kpis: kpisFromStats(d.sums.stats, 0, counted[2 + names.length + i]) }));
  if (q.breakdown) {
    const all = new Set([...names, ...[...curBacklog.groups].filter(([, n]) => n !== 0).map(([k]) => k)]);
    // own entries whatever the name: an agent called "__proto__" is a row, not the object's prototype
    answer.breakdown = Object.fromEntries(
      [...all].sort().map((name) => {
        const i = names.indexOf(name);
        return [name, kpisFromStats(cur.groups.get(name) ?? emptyStats(), curBacklog.groups.get(name) ?? 0, i >= 0 ? counted[2 + i] : undefined)];
      }),
    );
  }
  return answer;
}
