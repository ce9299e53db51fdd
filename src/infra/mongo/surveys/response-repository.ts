import type { Connection } from 'mongoose';
import type { StoredResponse, SurveyResponseStore } from '../../../core/ports/survey-responses.js';
import { revisionedUpsert, type RevisionedSpec } from '../revisioned-upsert.js';
import { surveyResponseModel } from './schema.js';
import { NONE } from '../../../core/kpi/dimensions.js';
import { responseIdOf, UNLINKED_SOURCE } from '../../../core/domain/survey.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';
import { pendingResponseBatchModel } from '../pending-batches/schema.js';
import { createPendingBatches } from '../pending-batches/store.js';

type Doc = Record<string, unknown>;
const FIELDS = ['externalId', 'source', 'type', 'score', 'respondedAt', 'interactionExternalId', 'comment', 'dims', 'surveyId', 'reason', 'respondent'] as const;

/** API-pushed answers are identified by "<source>:<externalId>"; bot surveys by their id. */
const keyOf = (r: StoredResponse) => `${r.source}:${r.externalId}`;

/** What the rollups need of a replaced answer until its batch settles: no comment, reason or respondent. */
const PREVIOUS_FIELDS = ['externalId', 'source', 'type', 'score', 'respondedAt', 'interactionExternalId', 'dims', 'surveyId'] as const;
function previousView(r: StoredResponse): Doc {
  const out: Doc = {};
  for (const f of PREVIOUS_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out;
}

function fromDoc(doc: Doc): StoredResponse {
  const out: Doc = {};
  for (const f of FIELDS) if (doc[f] !== undefined && doc[f] !== null) out[f] = doc[f];
  return out as unknown as StoredResponse;
}

export function createSurveyResponseRepository(conn: Connection): SurveyResponseStore {
  const model = surveyResponseModel(conn);
  const spec = (tenantId: string): RevisionedSpec<StoredResponse> => ({
    collection: model.collection as never,
    tenantId,
    keyOf,
    filterFor: (r) => ({ key: keyOf(r) }),
    toDoc: (r) => {
      const out: Doc = { key: keyOf(r) };
      for (const f of FIELDS) if (r[f] !== undefined) out[f] = r[f];
      return out;
    },
    fromDoc,
    previousView,
  });
  return {
    upsertMany: (tenantId, records, batch) => revisionedUpsert(spec(tenantId), records, batch),
    batches: createPendingBatches(pendingResponseBatchModel(conn).collection as never, model.collection as never, fromDoc, (source, externalId) => ({ key: `${source}:${externalId}` })),
    async findLinked(tenantId, source, ids) {
      const found = await mapLimit(ids, LOOKUP_CONCURRENCY, (interactionExternalId) =>
        model.collection.find({ tenantId, source, interactionExternalId }).toArray(),
      );
      return found.flat().map((d) => fromDoc(d as Doc));
    },
    async ofUnlinkedSurveys(tenantId, surveyIds) {
      if (surveyIds.length === 0) return [];
      const keys = surveyIds.map((id) => keyOf({ source: UNLINKED_SOURCE, externalId: responseIdOf(id) } as StoredResponse));
      return (await model.collection.find({ tenantId, key: { $in: keys } }).toArray()).map(fromDoc);
    },
    async hasUnlinked(tenantId) {
      // interactions always have a channel, so '-' marks an answer whose interaction is unknown
      const doc = await model.collection.findOne({ tenantId, 'dims.channel': NONE, interactionExternalId: { $exists: true } });
      return doc !== null;
    },
    async get(tenantId, source, externalId) {
      const doc = await model.collection.findOne({ tenantId, key: `${source}:${externalId}` });
      return doc ? fromDoc(doc as Doc) : null;
    },
    async latestComments(tenantId, range, limit, filters) {
      const byDims = Object.fromEntries(Object.entries(filters).map(([k, v]) => [`dims.${k}`, v]));
      const docs = await model.collection
        .find({ tenantId, respondedAt: { $gte: range.start, $lt: range.end }, comment: { $exists: true }, ...byDims })
        .sort({ respondedAt: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => fromDoc(d as Doc));
    },
    async *scan(tenantId) {
      for await (const d of model.collection.find({ tenantId, externalId: { $exists: true } })) yield fromDoc(d as Doc);
    },
  };
}
