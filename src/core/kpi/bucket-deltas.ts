import type { RollupEvent } from './contributions.js';
import { ALL_LEVELS, type DimValues } from './dimensions.js';
import { levelKey } from './bucket-keys.js';
import { hash32 } from './hll.js';

/**
 * 'd': one bucket per tenant-local day, each key's numbers kept per hour of that day (slot
 * 0 … 24, counted from the day's start; a DST day has 23 or 25; see slotPath), so a period may
 * start or end at any hour and still be read from buckets. 'T' holds all-time totals of all levels.
 */
export type Granularity = 'd' | 'T';
export const TOTALS_LEVEL = 'T';
export const HOUR = 3_600_000;
/** every time zone offset in use is a multiple of 15 minutes, so day starts can be cached per slot */
const QUARTER = 900_000;
/**
 * A bucket is spread over a few shard documents so that no document grows large: update cost
 * grows faster than linearly with document size. A key's counters and histograms live in its
 * home shard; its set of customers (`u`, one counter per customer key and hour) lives apart, in
 * set shards (numbered from SET_SHARD_BASE), spread by customer key. The home shard keeps `uv`,
 * a version bumped after every change of its keys' sets, so readers can use a condensed
 * snapshot of a set instead of its counters. Reads of every key add all shards up.
 */
const SHARDS: Record<string, number> = { T: 4, full: 8 };
const DEFAULT_SHARDS = 2;
export const SET_SHARD_BASE = 100;
const SET_SHARDS = 4;
export const shardsOf = (g: Granularity, lv: string): number => SHARDS[g] ?? SHARDS[lv] ?? DEFAULT_SHARDS;
export const homeShard = (g: Granularity, lv: string, key: string): number => hash32(key) % shardsOf(g, lv);
export const setShards = (): number[] => Array.from({ length: SET_SHARDS }, (_, i) => SET_SHARD_BASE + i);
export const dataShards = (g: Granularity, lv: string): number[] => Array.from({ length: shardsOf(g, lv) }, (_, i) => i);
/** Only what the backlog needs is kept in all-time totals. */
const TOTAL_FIELDS = new Set(['c.vol', 'c.res']);
/** customer keys are base36 strings: their last character spreads them over the set shards */
const setShardOf = (customerKey: string): number => SET_SHARD_BASE + (customerKey.charCodeAt(customerKey.length - 1) % SET_SHARDS);

export interface BucketUpdate {
  g: Granularity;
  lv: string;
  t: number;
  /** shard number inside the bucket */
  s: number;
  /**
   * Per rollup key (`v.<key>`), its fields' net increments: hour fields ("5:c:vol"); set
   * counters ("u.<customer>:<slot>") and all-time totals ("c.vol") nest one level at their dot.
   * Kept by key, not as dotted paths, so whole documents are built without parsing paths.
   */
  keys: Map<string, Map<string, number>>;
  /** the set version `uv` moves (a customer set of one of its keys changed) */
  uv: boolean;
  /** fields written */
  size: number;
}

/** An update as `$inc` paths (small updates are written that way). */
export function incPaths(u: Pick<BucketUpdate, 'keys' | 'uv'>): Map<string, number> {
  const inc = new Map<string, number>();
  if (u.uv) inc.set('uv', 1);
  for (const [key, fields] of u.keys) for (const [field, n] of fields) inc.set(`v.${key}.${field}`, n);
  return inc;
}

/** A bucket being accumulated: per key, its fields' net increments. */
interface Acc {
  g: Granularity;
  lv: string;
  t: number;
  s: number;
  keys: Map<string, Map<string, number>>;
  /** a set of one of its keys changed (bumps the set version `uv`) */
  uv: boolean;
}

interface KeyDay {
  lv: string;
  home: Acc;
  fields: Map<string, number>;
  /** by set shard (index from SET_SHARD_BASE) */
  sets: (Map<string, number> | undefined)[];
}

/** An event's fields as stored under its hour: data fields "<slot>:c:vol", set fields "u.<customer>:<slot>" (flat too). */
interface SlottedEvent {
  data: [string, string, number][];
  sets: [string, string, number][];
}

/**
 * Accumulates rollup changes of many records so one batch writes each bucket once.
 * `dayStart` maps an instant to the start of its day in the tenant's time zone.
 */
export class BucketDeltas {
  private readonly buckets = new Map<string, Acc>();
  private readonly days = new Map<number, number>();
  private readonly hashes = new Map<string, number>();
  /** day → key → its accumulators */
  private readonly keyDays = new Map<number, Map<string, KeyDay>>();
  /** per combination of dimension values: each level's key (the same few combinations come back) */
  private readonly levelKeys = new Map<string, (readonly [string, string])[]>();
  constructor(private readonly dayStart: (at: Date) => number) {}

  private keysOf(dims: DimValues): (readonly [string, string])[] {
    const id = `${dims.channel}\u0000${dims.team}\u0000${dims.agent}\u0000${dims.category}`;
    let keys = this.levelKeys.get(id);
    if (!keys) this.levelKeys.set(id, (keys = ALL_LEVELS.map((level) => [level, levelKey(level, dims)] as const)));
    return keys;
  }

  add(events: RollupEvent[], dims: DimValues, sign: 1 | -1): void {
    const keys = this.keysOf(dims);
    for (const e of events) {
      const ms = e.at.getTime();
      const day = this.dayOf(ms);
      const slotted = slot(e, Math.floor((ms - day) / HOUR));
      for (const [level, key] of keys) {
        this.applyDay(level, day, key, slotted, sign);
        this.applyTotals(key, e, sign);
      }
    }
  }

  private dayOf(ms: number): number {
    const q = Math.floor(ms / QUARTER);
    let day = this.days.get(q);
    if (day === undefined) this.days.set(q, (day = this.dayStart(new Date(q * QUARTER))));
    return day;
  }

  /** hash32, remembered: the same few keys come back for every record */
  private hash(s: string): number {
    let h = this.hashes.get(s);
    if (h === undefined) this.hashes.set(s, (h = hash32(s)));
    return h;
  }

  /** A key's accumulators on one day: its home bucket's fields and, by set shard, its set fields (looked up once per key and day). */
  private keyDay(lv: string, t: number, key: string): KeyDay {
    let byKey = this.keyDays.get(t);
    if (!byKey) this.keyDays.set(t, (byKey = new Map()));
    let kd = byKey.get(key);
    if (!kd) {
      const home = this.bucket('d', lv, t, this.hash(key) % shardsOf('d', lv));
      byKey.set(key, (kd = { lv, home, fields: fieldsOf(home, key), sets: [] }));
    }
    return kd;
  }

  private applyDay(lv: string, t: number, key: string, e: SlottedEvent, sign: 1 | -1) {
    const kd = this.keyDay(lv, t, key);
    for (const [, path, n] of e.data) kd.fields.set(path, (kd.fields.get(path) ?? 0) + sign * n);
    for (const [customer, path, n] of e.sets) {
      const shard = setShardOf(customer);
      const fields = (kd.sets[shard - SET_SHARD_BASE] ??= fieldsOf(this.bucket('d', kd.lv, t, shard), key));
      fields.set(path, (fields.get(path) ?? 0) + sign * n);
      kd.home.uv = true;
    }
  }

  private applyTotals(key: string, e: RollupEvent, sign: 1 | -1) {
    let fields: Map<string, number> | undefined;
    for (const field in e.inc) {
      const n = e.inc[field]!;
      if (n === 0 || !TOTAL_FIELDS.has(field)) continue;
      fields ??= fieldsOf(this.bucket('T', TOTALS_LEVEL, 0, this.hash(key) % shardsOf('T', TOTALS_LEVEL)), key);
      fields.set(field, (fields.get(field) ?? 0) + sign * n);
    }
  }

  private bucket(g: Granularity, lv: string, t: number, s: number): Acc {
    const id = `${g}|${lv}|${t}|${s}`;
    let b = this.buckets.get(id);
    if (!b) this.buckets.set(id, (b = { g, lv, t, s, keys: new Map(), uv: false }));
    return b;
  }

  /** Bucket updates with net-zero increments dropped (a re-send that changed nothing). */
  updates(): BucketUpdate[] {
    const out: BucketUpdate[] = [];
    for (const b of this.buckets.values()) {
      const keys = new Map<string, Map<string, number>>();
      let size = b.uv ? 1 : 0;
      for (const [key, fields] of b.keys) {
        let kept: Map<string, number> | undefined;
        for (const [field, n] of fields) if (n !== 0) (kept ??= new Map()).set(field, n);
        if (kept) keys.set(key, kept);
        size += kept?.size ?? 0;
      }
      if (size > 0) out.push({ g: b.g, lv: b.lv, t: b.t, s: b.s, keys, uv: b.uv, size });
    }
    return out;
  }
}

/**
 * A field under its hour, as one flat name "<slot>:<field with ':' for '.'>" ("5:c:vol",
 * "5:h:frt:3") rather than nested objects: each object level costs the database as much as a
 * field, and a key's hours and fields would otherwise double the objects of every bucket.
 * Built once per field and hour (a handful of fields come back for every record).
 */
const slotPaths = new Map<string, string[]>();
function slotPath(field: string, s: number): string {
  let paths = slotPaths.get(field);
  if (!paths) slotPaths.set(field, (paths = []));
  return (paths[s] ??= `${s}:${field.replaceAll('.', ':')}`);
}

/** The event's fields under hour `s` of its day: built once per event, used at every level. */
function slot(e: RollupEvent, s: number): SlottedEvent {
  const out: SlottedEvent = { data: [], sets: [] };
  for (const field in e.inc) {
    const n = e.inc[field]!;
    if (n === 0) continue;
    if (field.charCodeAt(0) === 117 /* u */ && field.charCodeAt(1) === 46) {
      const customer = field.slice(2);
      out.sets.push([customer, `u.${customer}:${s}`, n]);
    } else out.data.push([field, slotPath(field, s), n]);
  }
  return out;
}

function fieldsOf(b: Acc, key: string): Map<string, number> {
  let fields = b.keys.get(key);
  if (!fields) b.keys.set(key, (fields = new Map()));
  return fields;
}
