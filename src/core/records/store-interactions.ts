import type { InteractionRecord } from '../domain/interaction.js';
import type { CustomerKeys } from '../ports/customer-keys.js';
import type { UpsertOutcome } from '../ports/interactions.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import { addInteractionChange, deltasFor, dimsOf, earlyCreatedDeltas, sameDims, UNLINKED } from '../kpi/index.js';
import { runBatch, sweepExpiredBatches, type BatchContext } from './journaled-batches.js';
import { writeResponses } from './response-batches.js';
import type { StoreDeps } from './deps.js';

export type { StoreDeps } from './deps.js';

/** The record with its customer's key (kept as it is when it has one: an erased customer keeps theirs). */
export function withCustomerKey(keys: CustomerKeys, tenantId: string, r: InteractionRecord): InteractionRecord {
  return r.customer.key ? r : { ...r, customer: { ...r.customer, key: keys.keyOf(tenantId, r.customer.id) } };
}

const isResolved = (r: InteractionRecord) => (r.status === 'resolved' || r.status === 'closed') && r.resolvedAt !== undefined;

export interface StoreCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export function countOutcomes(outcomes: UpsertOutcome<unknown>[], total: number): StoreCounts {
  const created = outcomes.filter((o) => o.kind === 'created').length;
  const unchanged = outcomes.filter((o) => o.kind === 'unchanged').length;
  // a record sent twice in one batch counts once as written and then as an update
  return { created, unchanged, updated: total - created - unchanged };
}

/** records per journaled batch: keeps the journal document small */
const BATCH_MAX = 10_000;

/**
 * Writes validated interactions and moves their rollup contributions: the previous version's
 * events are subtracted and the new ones added, so re-sends and updates never double count.
 * Responses linked to an interaction whose dimensions changed follow it. Each batch is
 * journaled so that one cut short by MongoDB is finished later (see journaled-batches.ts).
 */
export async function storeInteractions(
  deps: StoreDeps,
  tenantId: string,
  timezone: string,
  given: InteractionRecord[],
  /** told of the interactions that this write made resolved (automatic surveys) */
  onResolved?: (resolved: InteractionRecord[]) => Promise<unknown>,
): Promise<StoreCounts> {
  // the key comes from the id as sent: an update of an erased record sends the id again
  const records = given.map((r) => ({ ...r, customer: { ...r.customer, key: deps.customerKeys.keyOf(tenantId, r.customer.id) } }));
  // the batch's deltas are computed while its records are written (used if all were new)
  let early: ReturnType<typeof earlyCreatedDeltas> | undefined;
  const ctx: BatchContext<InteractionRecord> = { store: deps.interactions, tenantId, finish: (token, outcomes, repair) => applyOutcomes(deps, tenantId, timezone, token, outcomes, repair, onResolved, repair ? undefined : early) };
  await sweepExpiredBatches(ctx);
  const counts: StoreCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < records.length; i += BATCH_MAX) {
    const part = records.slice(i, i + BATCH_MAX);
    early = earlyCreatedDeltas(timezone, part);
    const c = countOutcomes(await runBatch(ctx, part).finally(() => early?.stop()), part.length);
    counts.created += c.created;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
  }
  return counts;
}

/**
 * Rewrites stored interactions by the same journaled path: each is read again just before its
 * write and `rebase` computes the new version from that read (records removed meanwhile are
 * skipped, never re-created), and the rollups move from the version read to the one written.
 * Customer keys stay as stored (an erased customer keeps theirs); no automatic survey follows.
 */
export async function rewriteInteractions(
  deps: StoreDeps,
  tenantId: string,
  timezone: string,
  stored: InteractionRecord[],
  rebase: (stored: InteractionRecord) => InteractionRecord,
): Promise<StoreCounts> {
  const ctx: BatchContext<InteractionRecord> = { store: deps.interactions, tenantId, rebase, finish: (token, outcomes, repair) => applyOutcomes(deps, tenantId, timezone, token, outcomes, repair) };
  await sweepExpiredBatches(ctx);
  const counts: StoreCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < stored.length; i += BATCH_MAX) {
    const outcomes = await runBatch(ctx, stored.slice(i, i + BATCH_MAX));
    const c = countOutcomes(outcomes, outcomes.length);
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
  }
  return counts;
}

/** Moves the written records' contribution into the rollups (marked with the batch token), then what follows from it, then closes the batch. */
async function applyOutcomes(
  deps: StoreDeps,
  tenantId: string,
  timezone: string,
  token: string,
  outcomes: UpsertOutcome<InteractionRecord>[],
  repair: boolean,
  onResolved?: (resolved: InteractionRecord[]) => Promise<unknown>,
  early?: ReturnType<typeof earlyCreatedDeltas>,
): Promise<void> {
  const ready = await early?.for(outcomes);
  const deltas = ready ?? deltasFor(timezone);
  const moved: InteractionRecord[] = [];
  const created: InteractionRecord[] = [];
  for (const o of outcomes) {
    if (o.kind === 'unchanged') continue;
    // versions stored before customer keys existed get theirs from the id they hold
    if (!ready) addInteractionChange(deltas, o.previous && withCustomerKey(deps.customerKeys, tenantId, o.previous), withCustomerKey(deps.customerKeys, tenantId, o.record));
    if (!o.previous) created.push(o.record);
    else if (!sameDims(dimsOf(o.previous), dimsOf(o.record))) moved.push(o.record);
  }
  const updates = deltas.updates();
  await deps.rollups.apply(tenantId, updates, { token, repair });
  // new interactions only matter to answers that arrived before them
  if (created.length > 0 && (await deps.responses.hasUnlinked(tenantId))) moved.push(...created);
  await relinkResponses(deps, tenantId, timezone, moved);
  if (onResolved) {
    const resolved = outcomes.filter((o) => o.kind !== 'unchanged' && isResolved(o.record) && !(o.previous && isResolved(o.previous))).map((o) => o.record);
    if (resolved.length > 0) await onResolved(resolved);
  }
  await deps.interactions.batches.close(tenantId, token);
  deps.rollups.release(tenantId, token, updates);
}

/** Re-files responses under the current dimensions of the interactions they point at. */
export async function relinkResponses(deps: StoreDeps, tenantId: string, timezone: string, changed: InteractionRecord[]) {
  const bySource = new Map<string, Map<string, InteractionRecord>>();
  for (const r of changed) {
    if (!bySource.has(r.source)) bySource.set(r.source, new Map());
    bySource.get(r.source)!.set(r.externalId, r);
  }
  const updates: StoredResponse[] = [];
  for (const [source, byId] of bySource) {
    const linked = await deps.responses.findLinked(tenantId, source, [...byId.keys()]);
    for (const resp of linked) {
      const target = byId.get(resp.interactionExternalId ?? '');
      const dims = target ? dimsOf(target) : UNLINKED;
      if (!sameDims(dims, resp.dims)) updates.push({ ...resp, dims });
    }
  }
  if (updates.length > 0) await writeResponses(deps, tenantId, timezone, updates);
}
