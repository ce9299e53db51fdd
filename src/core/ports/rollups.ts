import type { Stats } from '../kpi/stats.js';
import type { BucketUpdate } from '../kpi/bucket-deltas.js';
import type { CustomerSet } from '../kpi/customer-sets.js';

/** A day bucket's home documents as read: each key's numbers per hour slot ("0" … "24") of the day. */
export interface RollupDoc {
  t: Date;
  v: Record<string, Record<string, Stats>>;
  /** version of the customer sets of this document's keys (bumped after each change) */
  uv?: number;
  /** revision of the document (bumped by every write) */
  rv?: number;
  /** per key: the size of its condensed customer set and the version it was taken at */
  un?: Record<string, { v: number; n: number }>;
}

/** One key's customer set on one day, as the reader saw its home document. */
export interface SetRef {
  t: Date;
  key: string;
  uv: number;
  /** the home document's revision as read (a rebuilt snapshot is kept only if it is unchanged) */
  rv?: number;
  /** size of the condensed set when it is of version `uv` */
  n?: number;
}

/**
 * The sets asked for: all of them when their sizes add up to at most `maxEntries`; past that,
 * HyperLogLog registers of each whole day, plus the sets whose day is only partly in a period.
 */
export type LoadedSets =
  | { exact: true; sets: CustomerSet[] }
  | { exact: false; registers: Uint8Array[]; sets: (CustomerSet | null)[] };

/** Marks every bucket a batch changes with its token, so a batch cut short can be finished exactly once. */
export interface ApplyMark {
  token: string;
  /** finishing a cut-short batch: buckets that already carry the token are skipped */
  repair?: boolean;
}

/** Storage of pre-aggregated KPI buckets (infra/mongo/rollups implements it). */
export interface RollupStore {
  /**
   * The home shards of the day buckets of one level starting at these instants; with `key`,
   * only that key (the common unfiltered or single-filter read).
   */
  fetch(tenantId: string, lv: string, days: Date[], key?: string): Promise<RollupDoc[]>;
  /** Customer sets of keys on days (see LoadedSets); `partial[i]`: ref i is needed for part of its day. */
  customerSets(tenantId: string, lv: string, refs: SetRef[], o: { maxEntries: number; partial: boolean[] }): Promise<LoadedSets>;
  /** All-time totals (volume and resolved) per key, for the backlog. */
  totals(tenantId: string): Promise<Record<string, Stats>>;
  apply(tenantId: string, updates: BucketUpdate[], mark?: ApplyMark): Promise<void>;
  /** The batch is settled: its marks are no longer needed (dropped along with later writes). */
  release(tenantId: string, token: string, updates: BucketUpdate[]): void;
  clear(tenantId: string): Promise<void>;
  /**
   * For a rebuild: drops the tenant's day buckets from `from` on, and what older layouts kept
   * beside them (UTC-hour buckets, HyperLogLog shards), keeping all-time totals.
   */
  clearDays(tenantId: string, from: Date): Promise<void>;
}
