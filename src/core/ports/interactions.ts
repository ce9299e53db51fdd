import type { InteractionRecord } from '../domain/interaction.js';

export type UpsertKind = 'created' | 'updated' | 'unchanged';
export interface UpsertOutcome<T> {
  record: T;
  previous: T | null;
  kind: UpsertKind;
}

/** Written documents carry the token of their batch until a later batch replaces them. */
export interface BatchOptions<T = unknown> {
  token: string;
  /** awaited before a document written by another batch is compared or replaced */
  settle(otherToken: string): Promise<void>;
  /**
   * Update only: each record names a stored one, and what is written is `rebase(stored)`,
   * computed from the version read just before the write (so a concurrent update is never
   * overwritten with stale data); records no longer stored are skipped, never inserted.
   */
  rebase?(stored: T): T;
}

/** One document as an open batch left it: the version it wrote and the one the rollups held before. */
export interface BatchWrite<T = InteractionRecord> {
  record: T;
  previous: T | null;
}

/**
 * A journal of ingest batches whose rollup contribution may not be applied yet: opened before
 * the first write, closed once the rollups have it, so a batch cut short (MongoDB gone between
 * the two writes) is found and finished instead of being half-written.
 */
export interface PendingBatches<T = InteractionRecord> {
  open(tenantId: string, token: string, keys: { source: string; externalId: string }[], leaseUntil: Date): Promise<void>;
  /** the lease end of an open batch; null once it is closed */
  leaseOf(tenantId: string, token: string): Promise<Date | null>;
  /** moves the lease from `seen` to `until`; false when another instance moved it first or it is closed */
  renew(tenantId: string, token: string, seen: Date, until: Date): Promise<boolean>;
  /** the documents an open batch wrote that no later batch replaced */
  writes(tenantId: string, token: string): Promise<BatchWrite<T>[]>;
  close(tenantId: string, token: string): Promise<void>;
  /** open batches whose lease ended before `now` (their instance died) */
  expired(tenantId: string, now: Date): Promise<string[]>;
}

/** A store whose writes are journaled in batches (see use-cases/journaled-batches.ts). */
export interface Journaled<T> {
  /** Idempotent on (tenant, source, externalId); each outcome says what it replaced. */
  upsertMany(tenantId: string, records: T[], batch?: BatchOptions<T>): Promise<UpsertOutcome<T>[]>;
  batches: PendingBatches<T>;
}

export interface InteractionStore extends Journaled<InteractionRecord> {
  findByExternalIds(tenantId: string, source: string, externalIds: string[]): Promise<InteractionRecord[]>;
  /** Every interaction of a tenant (rollup rebuilds). */
  scan(tenantId: string): AsyncIterable<InteractionRecord>;
  /** How many interactions were created in [start, end) (SLA recompute). */
  countCreated(tenantId: string, start: Date, end: Date): Promise<number>;
  /** The interactions created in [start, end), oldest first, in pages (SLA recompute). */
  createdBetween(tenantId: string, start: Date, end: Date, pageSize: number): AsyncIterable<InteractionRecord[]>;
  /** Stores customer keys on interactions stored before keys existed (rollup rebuilds). */
  setCustomerKeys(tenantId: string, keys: { source: string; externalId: string; key: string }[]): Promise<void>;
}
