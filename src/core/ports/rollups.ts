import type { Stats } from '../kpi/stats.js';
import type { BucketUpdate } from '../kpi/bucket-deltas.js';

export interface RollupDoc {
  t: Date;
  v: Record<string, Stats>;
}

/** Marks every bucket a batch changes with its token, so a batch cut short can be finished exactly once. */
export interface ApplyMark {
  token: string;
  /** finishing a cut-short batch: buckets that already carry the token are skipped */
  repair?: boolean;
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
  apply(tenantId: string, updates: BucketUpdate[], mark?: ApplyMark): Promise<void>;
  /** The batch is settled: its marks are no longer needed (dropped along with later writes). */
  release(tenantId: string, token: string, updates: BucketUpdate[]): void;
  clear(tenantId: string): Promise<void>;
}
