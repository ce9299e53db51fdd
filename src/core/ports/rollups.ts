import type { Stats } from '../kpi/stats.js';
import type { BucketUpdate } from '../kpi/bucket-deltas.js';

export interface RollupDoc {
  t: Date;
  v: Record<string, Stats>;
}

/** Storage of pre-aggregated KPI buckets (infra/mongo/rollups implements it). */
export interface RollupStore {
  /** Buckets of one granularity and level starting at or after `from`. */
  range(tenantId: string, g: 'd' | 'h', lv: string, from: Date): Promise<RollupDoc[]>;
  /** All-time totals (volume and resolved) per key, for the backlog. */
  totals(tenantId: string): Promise<Record<string, Stats>>;
  apply(tenantId: string, updates: BucketUpdate[]): Promise<void>;
  clear(tenantId: string): Promise<void>;
}
