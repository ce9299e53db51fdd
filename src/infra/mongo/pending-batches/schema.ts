import { Schema, type Connection } from 'mongoose';

/**
 * A batch whose rollup contribution may not be applied yet (see use-cases/journaled-batches.ts):
 * inserted before its first write, deleted once the rollups have it. `keys` are the records it
 * may have written; `until` is the lease of the instance finishing it.
 */
export const pendingBatchSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    /** [source, externalId] pairs */
    keys: { type: [[String]], required: true },
    until: { type: Date, required: true },
    openedAt: { type: Date, required: true },
  },
  { collection: 'pending_batches', versionKey: false },
);
// batches of a tenant whose instance died (lease over): the sweep on the next ingest
pendingBatchSchema.index({ tenantId: 1, until: 1 });

export const pendingBatchModel = (conn: Connection) => conn.model('PendingBatch', pendingBatchSchema);
/** the same journal for survey answers (their own collection: a sweep reads one kind) */
const pendingResponseBatchSchema = pendingBatchSchema.clone().set('collection', 'pending_response_batches');
export const pendingResponseBatchModel = (conn: Connection) => conn.model('PendingResponseBatch', pendingResponseBatchSchema);
