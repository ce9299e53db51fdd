import type { RollupEvent } from './contributions.js';
import { ALL_LEVELS, SINGLE_LEVELS, type DimValues } from './dimensions.js';
import { levelKey } from './bucket-keys.js';

export type Granularity = 'd' | 'h' | 'T';
/** 'h' buckets hold every single level in one document ('s'); 'T' holds all levels. */
export const HOURLY_LEVEL = 's';
export const TOTALS_LEVEL = 'T';
const HOUR = 3_600_000;
/** Only what the backlog needs is kept in all-time totals. */
const TOTAL_FIELDS = new Set(['c.vol', 'c.res']);

export interface BucketUpdate {
  g: Granularity;
  lv: string;
  t: number;
  inc: Map<string, number>;
}

/**
 * Accumulates rollup changes of many records so one batch writes each bucket once.
 * `dayStart` maps an instant to the start of its day in the tenant's time zone.
 */
export class BucketDeltas {
  private readonly buckets = new Map<string, BucketUpdate>();
  constructor(private readonly dayStart: (at: Date) => number) {}

  add(events: RollupEvent[], dims: DimValues, sign: 1 | -1): void {
    for (const e of events) {
      const hour = Math.floor(e.at.getTime() / HOUR) * HOUR;
      const day = this.dayStart(e.at);
      for (const level of SINGLE_LEVELS) this.apply('h', HOURLY_LEVEL, hour, levelKey(level, dims), e, sign, false);
      for (const level of ALL_LEVELS) {
        const key = levelKey(level, dims);
        this.apply('d', level, day, key, e, sign, false);
        this.apply('T', TOTALS_LEVEL, 0, key, e, sign, true);
      }
    }
  }

  private apply(g: Granularity, lv: string, t: number, key: string, e: RollupEvent, sign: 1 | -1, totals: boolean) {
    const id = `${g}|${lv}|${t}`;
    let b = this.buckets.get(id);
    for (const [field, n] of Object.entries(e.inc)) {
      if (n === 0 || (totals && !TOTAL_FIELDS.has(field))) continue;
      b ??= this.create(id, g, lv, t);
      const path = `v.${key}.${field}`;
      b.inc.set(path, (b.inc.get(path) ?? 0) + sign * n);
    }
  }

  private create(id: string, g: Granularity, lv: string, t: number): BucketUpdate {
    const b: BucketUpdate = { g, lv, t, inc: new Map() };
    this.buckets.set(id, b);
    return b;
  }

  /** Bucket updates with net-zero increments dropped (a re-send that changed nothing). */
  updates(): BucketUpdate[] {
    const out: BucketUpdate[] = [];
    for (const b of this.buckets.values()) {
      for (const [path, n] of b.inc) if (n === 0) b.inc.delete(path);
      if (b.inc.size > 0) out.push(b);
    }
    return out;
  }
}
