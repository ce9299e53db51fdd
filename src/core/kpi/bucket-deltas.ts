import type { RollupEvent } from './contributions.js';
import { ALL_LEVELS, type DimValues } from './dimensions.js';
import { levelKey } from './bucket-keys.js';
import { hash32 } from './hll.js';

export type Granularity = 'd' | 'h' | 'T';
/**
 * 'h' (UTC hour) buckets serve periods cut in a zone other than the tenant's; they keep the
 * unfiltered level only, since every extra level multiplies the write cost of each record.
 * 'T' holds all-time totals of all levels.
 */
export const HOURLY_LEVEL = 'all';
export const TOTALS_LEVEL = 'T';
const HOUR = 3_600_000;
/** every time zone offset in use is a multiple of 15 minutes, so day starts can be cached per slot */
const SLOT = 900_000;
/**
 * A bucket is spread over a few shard documents so that no document grows large: update cost
 * grows faster than linearly with document size. A key's counters and histograms live in its
 * home shard; its HyperLogLog counters live apart, in register shards (numbered from
 * REGISTER_SHARD_BASE), spread by register block. The home shard keeps `uv`, a version bumped
 * after every register change of its keys, so readers can use a condensed register snapshot
 * instead of the counters. Reads of every key add all shards up.
 */
const SHARDS: Record<string, number> = { h: 4, T: 4, full: 8 };
const DEFAULT_SHARDS = 2;
export const REGISTER_SHARD_BASE = 100;
const REGISTER_SHARDS = 4;
const REGISTER_BLOCK_SHIFT = 9;
export const shardsOf = (g: Granularity, lv: string): number => SHARDS[g] ?? SHARDS[lv] ?? DEFAULT_SHARDS;
export const homeShard = (g: Granularity, lv: string, key: string): number => hash32(key) % shardsOf(g, lv);
export const registerShards = (): number[] => Array.from({ length: REGISTER_SHARDS }, (_, i) => REGISTER_SHARD_BASE + i);
export const dataShards = (g: Granularity, lv: string): number[] => Array.from({ length: shardsOf(g, lv) }, (_, i) => i);
/** Only what the backlog needs is kept in all-time totals. */
const TOTAL_FIELDS = new Set(['c.vol', 'c.res']);

export interface BucketUpdate {
  g: Granularity;
  lv: string;
  t: number;
  /** shard number inside the bucket */
  s: number;
  inc: Map<string, number>;
}

/** A bucket being accumulated: per key, its fields' net increments (paths are built once, in `updates()`). */
interface Acc {
  g: Granularity;
  lv: string;
  t: number;
  s: number;
  keys: Map<string, Map<string, number>>;
  /** a register of one of its keys changed (bumps the register version `uv`) */
  uv: boolean;
}

/**
 * Accumulates rollup changes of many records so one batch writes each bucket once.
 * `dayStart` maps an instant to the start of its day in the tenant's time zone.
 */
export class BucketDeltas {
  private readonly buckets = new Map<string, Acc>();
  private readonly days = new Map<number, number>();
  private readonly hashes = new Map<string, number>();
  constructor(private readonly dayStart: (at: Date) => number) {}

  add(events: RollupEvent[], dims: DimValues, sign: 1 | -1): void {
    const keys = ALL_LEVELS.map((level) => [level, levelKey(level, dims)] as const);
    const hourly = keys.filter(([level]) => level === HOURLY_LEVEL);
    for (const e of events) {
      const ms = e.at.getTime();
      const hour = Math.floor(ms / HOUR) * HOUR;
      const day = this.dayOf(ms);
      for (const [, key] of hourly) this.apply('h', HOURLY_LEVEL, hour, key, e, sign, false);
      for (const [level, key] of keys) {
        this.apply('d', level, day, key, e, sign, false);
        this.apply('T', TOTALS_LEVEL, 0, key, e, sign, true);
      }
    }
  }

  private dayOf(ms: number): number {
    const slot = Math.floor(ms / SLOT);
    let day = this.days.get(slot);
    if (day === undefined) this.days.set(slot, (day = this.dayStart(new Date(slot * SLOT))));
    return day;
  }

  /** hash32, remembered: the same few keys and register blocks come back for every record */
  private hash(s: string): number {
    let h = this.hashes.get(s);
    if (h === undefined) this.hashes.set(s, (h = hash32(s)));
    return h;
  }

  private apply(g: Granularity, lv: string, t: number, key: string, e: RollupEvent, sign: 1 | -1, totals: boolean) {
    // the key's fields in its home bucket are looked up once per event, in register buckets once per block
    let home: Acc | undefined;
    let fields: Map<string, number> | undefined;
    let regs: Map<number, Map<string, number>> | undefined;
    for (const field in e.inc) {
      const n = e.inc[field]!;
      if (n === 0 || (totals && !TOTAL_FIELDS.has(field))) continue;
      if (field.startsWith('u.')) {
        const block = Number(field.slice(2, field.indexOf('.', 2))) >> REGISTER_BLOCK_SHIFT;
        let r = (regs ??= new Map()).get(block);
        if (!r) regs.set(block, (r = fieldsOf(this.bucket(g, lv, t, REGISTER_SHARD_BASE + (this.hash(`${key}#${block}`) % REGISTER_SHARDS)), key)));
        r.set(field, (r.get(field) ?? 0) + sign * n);
        (home ??= this.bucket(g, lv, t, this.hash(key) % shardsOf(g, lv))).uv = true;
      } else {
        fields ??= fieldsOf((home ??= this.bucket(g, lv, t, this.hash(key) % shardsOf(g, lv))), key);
        fields.set(field, (fields.get(field) ?? 0) + sign * n);
      }
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
      const inc = new Map<string, number>();
      if (b.uv) inc.set('uv', 1);
      for (const [key, fields] of b.keys) {
        for (const [field, n] of fields) if (n !== 0) inc.set(`v.${key}.${field}`, n);
      }
      if (inc.size > 0) out.push({ g: b.g, lv: b.lv, t: b.t, s: b.s, inc });
    }
    return out;
  }
}

function fieldsOf(b: Acc, key: string): Map<string, number> {
  let fields = b.keys.get(key);
  if (!fields) b.keys.set(key, (fields = new Map()));
  return fields;
}
