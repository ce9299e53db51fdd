import type { Connection } from 'mongoose';
import type { InteractionRecord } from '../../../core/domain/interaction.js';
import type { InteractionStore } from '../../../core/ports/interactions.js';
import { canonical, revisionedUpsert, type RevisionedSpec } from '../revisioned-upsert.js';
import { interactionModel } from './schema.js';

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

const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

export function createInteractionRepository(conn: Connection): InteractionStore {
  const model = interactionModel(conn);
  const spec = (tenantId: string): RevisionedSpec<InteractionRecord> => ({
    collection: model.collection as never,
    tenantId,
    keyOf: (r) => keyOf(r.source, r.externalId),
    keyOfDoc: (d) => keyOf(String(d['source']), String(d['externalId'])),
    filterFor: (records) => {
      const bySource = new Map<string, string[]>();
      for (const r of records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.externalId]);
      const clauses = [...bySource].map(([source, ids]) => ({ source, externalId: { $in: ids } }));
      return clauses.length === 1 ? clauses[0]! : { $or: clauses };
    },
    toDoc,
    fromDoc: interactionFromDoc,
    same: (a, b) => canonical(a) === canonical(b),
  });
  return {
    upsertMany: (tenantId, records) => revisionedUpsert(spec(tenantId), records),
    async findByExternalIds(tenantId, source, externalIds) {
      const docs = await model.collection
        .find({ tenantId, source, externalId: { $in: externalIds } })
        .toArray();
      return docs.map((d) => interactionFromDoc(d as Doc));
    },
    async *scan(tenantId) {
      for await (const d of model.collection.find({ tenantId })) yield interactionFromDoc(d as Doc);
    },
  };
}
