import type { InteractionRecord } from '../domain/interaction.js';

export type UpsertKind = 'created' | 'updated' | 'unchanged';
export interface UpsertOutcome<T> {
  record: T;
  previous: T | null;
  kind: UpsertKind;
}

export interface InteractionStore {
  /** Idempotent on (tenant, source, externalId); each outcome says what it replaced. */
  upsertMany(tenantId: string, records: InteractionRecord[]): Promise<UpsertOutcome<InteractionRecord>[]>;
  findByExternalIds(tenantId: string, source: string, externalIds: string[]): Promise<InteractionRecord[]>;
  /** Every interaction of a tenant (rollup rebuilds). */
  scan(tenantId: string): AsyncIterable<InteractionRecord>;
}
