import type mongoose from 'mongoose';
import type { BatchWrite, PendingBatches } from '../../../core/ports/interactions.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';

type Document = mongoose.mongo.Document;
type Collection<T extends Document> = mongoose.mongo.Collection<T>;

interface BatchDoc {
  _id: string;
  tenantId: string;
  keys: [string, string][];
  until: Date;
  openedAt: Date;
}

/**
 * The journal of open batches, over the documents they wrote (interactions or survey answers):
 * `filterOf` finds one of them by its identity.
 */
export function createPendingBatches<T>(
  batches: Collection<BatchDoc>,
  documents: Collection<Document>,
  fromDoc: (doc: Document) => T,
  filterOf: (source: string, externalId: string) => Document,
): PendingBatches<T> {
  return {
    async open(tenantId, token, keys, leaseUntil) {
      await batches.insertOne({ _id: token, tenantId, keys: keys.map((k) => [k.source, k.externalId]), until: leaseUntil, openedAt: new Date() });
    },
    async leaseOf(tenantId, token) {
      const doc = await batches.findOne({ _id: token, tenantId }, { projection: { until: 1 } });
      return doc ? doc.until : null;
    },
    async renew(tenantId, token, seen, until) {
      const res = await batches.updateOne({ _id: token, tenantId, until: seen }, { $set: { until } });
      return res.modifiedCount === 1;
    },
    async writes(tenantId, token) {
      const batch = await batches.findOne({ _id: token, tenantId });
      if (!batch) return [];
      const docs = await mapLimit(batch.keys, LOOKUP_CONCURRENCY, ([source, externalId]) => documents.findOne({ ...filterOf(source, externalId), tenantId }));
      const out: BatchWrite<T>[] = [];
      for (const doc of docs) {
        if (doc?.['wt'] !== token) continue;
        // a replacement keeps the version the rollups counted before it (`pv`); an insert has none.
        // An erasure drops an interaction's `pv` (it holds the customer id): that change is then left as is.
        const record = fromDoc(doc);
        const pv = doc['pv'] as Document | undefined;
        out.push({ record, previous: pv ? fromDoc(pv) : (doc['rev'] as number) > 1 ? record : null });
      }
      return out;
    },
    async close(tenantId, token) {
      await batches.deleteOne({ _id: token, tenantId });
    },
    async expired(tenantId, now) {
      const docs = await batches.find({ tenantId, until: { $lt: now } }, { projection: { _id: 1 } }).toArray();
      return docs.map((d) => d._id);
    },
  };
}
