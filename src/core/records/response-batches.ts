import type { UpsertOutcome } from '../ports/interactions.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import { addResponseChange, deltasFor } from '../kpi/index.js';
import { runBatch, sweepExpiredBatches, type BatchContext } from './journaled-batches.js';
import type { StoreDeps } from './deps.js';

/** answers per journaled batch: keeps the journal document small */
const BATCH_MAX = 10_000;

/**
 * Writes survey answers (new, changed or re-filed under other dimensions) and moves their
 * rollup contribution, journaled like interactions: an answer written just before MongoDB went
 * away is counted once it is back, never twice.
 */
export async function writeResponses(deps: StoreDeps, tenantId: string, timezone: string, records: StoredResponse[]): Promise<UpsertOutcome<StoredResponse>[]> {
  const ctx: BatchContext<StoredResponse> = {
    store: deps.responses,
    tenantId,
    finish: (token, outcomes, repair) => applyResponseOutcomes(deps, tenantId, timezone, token, outcomes, repair),
  };
  await sweepExpiredBatches(ctx);
  const outcomes: UpsertOutcome<StoredResponse>[] = [];
  for (let i = 0; i < records.length; i += BATCH_MAX) outcomes.push(...(await runBatch(ctx, records.slice(i, i + BATCH_MAX))));
  return outcomes;
}

async function applyResponseOutcomes(deps: StoreDeps, tenantId: string, timezone: string, token: string, outcomes: UpsertOutcome<StoredResponse>[], repair: boolean) {
  const deltas = deltasFor(timezone);
  for (const o of outcomes) if (o.kind !== 'unchanged') addResponseChange(deltas, o.previous, o.record);
  const updates = deltas.updates();
  await deps.rollups.apply(tenantId, updates, { token, repair });
  await deps.responses.batches.close(tenantId, token);
  deps.rollups.release(tenantId, token, updates);
}
