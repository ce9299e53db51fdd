import type { Connection } from 'mongoose';
import type { InteractionRecord } from '../../../core/domain/interaction.js';
import type { InteractionStore } from '../../../core/ports/interactions.js';
import { revisionedUpsert, type RevisionedSpec } from '../revisioned-upsert.js';
import { interactionModel } from './schema.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';
import { pendingBatchModel } from '../pending-batches/schema.js';
import { createPendingBatches } from '../pending-batches/store.js';
import { caseIndexModel } from '../case-index/schema.js';
import { writeCaseIndex } from '../case-index/writer.js';

type Doc = Record<string, unknown>;
const RECORD_FIELDS = [
  'externalId', 'source', 'channel', 'customer', 'agent', 'team', 'category', 'priority', 'status', 'createdAt',
  'firstResponseAt', 'resolvedAt', 'reopenedAt', 'escalatedAt', 'contactCount', 'firstContactResolution', 'sla',
  'product', 'problem', 'actionsTaken', 'rootCause', 'notes',
] as const;

export function interactionFromDoc(doc: Doc): InteractionRecord {
  const out: Doc = {};
  for (const f of RECORD_FIELDS) if (doc[f] !== undefined && doc[f] !== null) out[f] = doc[f];
  out['reopenedAt'] ??= [];
  return out as unknown as InteractionRecord;
}

function toDoc(r: InteractionRecord): Doc {
  const out: Doc = {};
  for (const f of RECORD_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out;
}

/** What the rollups and the automatic surveys need of a replaced version: ids and times, no names, contacts or free text. */
const PREVIOUS_FIELDS = [
  'externalId', 'source', 'channel', 'team', 'category', 'priority', 'status', 'createdAt', 'firstResponseAt', 'resolvedAt',
  'reopenedAt', 'escalatedAt', 'contactCount', 'firstContactResolution', 'sla',
] as const;
function previousView(r: InteractionRecord): Doc {
  const out: Doc = { customer: { id: r.customer.id, ...(r.customer.key ? { key: r.customer.key } : {}) }, ...(r.agent ? { agent: { id: r.agent.id } } : {}) };
  for (const f of PREVIOUS_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out;
}

const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

export function createInteractionRepository(conn: Connection): InteractionStore {
  const model = interactionModel(conn);
  const caseIndex = caseIndexModel(conn).collection;
  const spec = (tenantId: string): RevisionedSpec<InteractionRecord> => ({
    collection: model.collection as never,
    tenantId,
    keyOf: (r) => keyOf(r.source, r.externalId),
    filterFor: (r) => ({ source: r.source, externalId: r.externalId }),
    toDoc,
    fromDoc: interactionFromDoc,
    previousView,
  });
  return {
    async upsertMany(tenantId, records, batch) {
      const outcomes = await revisionedUpsert(spec(tenantId), records, batch);
      // the report document's index of root causes and open items (see case-index/schema.ts)
      await writeCaseIndex(caseIndex as never, tenantId, outcomes);
      return outcomes;
    },
    batches: createPendingBatches(pendingBatchModel(conn).collection as never, model.collection as never, interactionFromDoc, (source, externalId) => ({ source, externalId })),
    async findByExternalIds(tenantId, source, externalIds) {
      const docs = await mapLimit(externalIds, LOOKUP_CONCURRENCY, (externalId) =>
        model.collection.findOne({ tenantId, source, externalId }),
      );
      return docs.filter((d) => d !== null).map((d) => interactionFromDoc(d as Doc));
    },
    async *scan(tenantId) {
      for await (const d of model.collection.find({ tenantId })) yield interactionFromDoc(d as Doc);
    },
    countCreated: (tenantId, start, end) => model.collection.countDocuments({ tenantId, createdAt: { $gte: start, $lt: end } }),
    async *createdBetween(tenantId, start, end, pageSize) {
      // served by { tenantId, createdAt }
      const cursor = model.collection.find({ tenantId, createdAt: { $gte: start, $lt: end } }).sort({ createdAt: 1 }).batchSize(pageSize);
      let page: InteractionRecord[] = [];
      for await (const d of cursor) {
        page.push(interactionFromDoc(d as Doc));
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    async setCustomerKeys(tenantId, keys) {
      if (keys.length === 0) return;
      // only where none is set yet: a key never changes once the rollups counted it
      await model.collection.bulkWrite(
        keys.map((k) => ({ updateOne: { filter: { tenantId, source: k.source, externalId: k.externalId, 'customer.key': { $exists: false } }, update: { $set: { 'customer.key': k.key } } } })),
        { ordered: false },
      );
    },
  };
}
