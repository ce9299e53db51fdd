import type { Connection } from 'mongoose';
import type { RetentionStore } from '../../../core/ports/privacy.js';
import { interactionModel } from '../interactions/schema.js';
import { surveyResponseModel } from '../surveys/schema.js';
import { tenantModel } from '../tenants/schema.js';
import { scrubSnapshots } from './snapshots.js';
import { caseIndexModel } from '../case-index/schema.js';
import { purgeCaseIndex } from '../case-index/purge.js';

export function createRetentionStore(conn: Connection): RetentionStore {
  const tenants = tenantModel(conn).collection;
  const interactions = interactionModel(conn).collection;
  const responses = surveyResponseModel(conn).collection;
  const caseIndex = caseIndexModel(conn).collection;
  return {
    async policies() {
      const docs = await tenants.find({ retentionDays: { $gt: 0 } }).project({ tenantId: 1, retentionDays: 1 }).toArray();
      return docs.map((d) => ({ tenantId: String(d['tenantId']), days: Number(d['retentionDays']) }));
    },
    async purge(tenantId, cutoff) {
      const removed = await interactions.deleteMany({ tenantId, createdAt: { $lt: cutoff } });
      await purgeCaseIndex(caseIndex as never, tenantId, cutoff);
      const comments = await responses.updateMany({ tenantId, respondedAt: { $lt: cutoff }, comment: { $exists: true } }, { $unset: { comment: '', respondent: '' } });
      const quoted = await scrubSnapshots(conn, tenantId, { kind: 'complaint', capturedAt: { $lt: cutoff }, scrubbed: { $ne: true } }, 'followup.expired');
      return { interactions: removed.deletedCount, comments: comments.modifiedCount + quoted };
    },
  };
}
