import type { Stats } from '../kpi/stats.js';
import type { BucketUpdate } from '../kpi/bucket-deltas.js';

export interface RollupDoc {
  t: Date;
  v: Record<string, Stats>;
}

/** Storage of pre-aggregated KPI buckets (infra/mongo/rollups implements it). */
export interface RollupStore {
  /**
   * The stored shards of the buckets of one granularity and level starting at these instants;
   * with `key`, only that key's stats (the common unfiltered or single-filter read).
   */
  fetch(tenantId: string, g: 'd' | 'h', lv: string, starts: Date[], key?: string): Promise<RollupDoc[]>;
  /** All-time totals (volume and resolved) per key, for the backlog. */
  totals(tenantId: string): Promise<Record<string, Stats>>;
  apply(tenantId: string, updates: BucketUpdate[]): Promise<void>;
  clear(tenantId: string): Promise<void>;
}
