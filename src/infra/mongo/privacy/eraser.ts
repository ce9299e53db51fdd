import type { Connection } from 'mongoose';
import type { PersonalDataEraser } from '../../../core/ports/privacy.js';
import { interactionModel } from '../interactions/schema.js';
import { surveyModel, surveyResponseModel } from '../surveys/schema.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';
import { scrubSnapshots } from './snapshots.js';
import { caseIndexModel, dayOf } from '../case-index/schema.js';
import { hashOf } from '../case-index/writer.js';

const FREE_TEXTS = { 'customer.name': '', 'customer.email': '', 'customer.slackUserId': '', 'customer.teamsUserId': '', problem: '', actionsTaken: '', rootCause: '', notes: '' };

export function createPersonalDataEraser(conn: Connection): PersonalDataEraser {
  const interactions = interactionModel(conn).collection;
  const responses = surveyResponseModel(conn).collection;
  const surveys = surveyModel(conn).collection;
  const caseIndex = caseIndexModel(conn).collection;
  return {
    async eraseCustomer(tenantId, customerId, pseudonym) {
      const docs = await interactions.find({ tenantId, 'customer.id': customerId }).project({ source: 1, externalId: 1, customer: 1, createdAt: 1 }).toArray();
      const chatIds = [...new Set(docs.flatMap((d) => [d['customer']?.slackUserId, d['customer']?.teamsUserId]).filter((x): x is string => typeof x === 'string'))];
      // `pv` (the version a batch replaced, kept until it settles) holds the customer id too
      const changed = await interactions.updateMany({ tenantId, 'customer.id': customerId }, { $set: { 'customer.id': pseudonym }, $unset: { ...FREE_TEXTS, pv: '' } });
      // the report document's copy of their problem and root cause (free texts, as above)
      await mapLimit(docs, LOOKUP_CONCURRENCY, (d) => {
        const entry = `e.${hashOf(String(d['source']), String(d['externalId']))}`;
        return caseIndex.updateOne({ tenantId, key: `c:${dayOf(d['createdAt'] as Date)}` }, { $unset: { [`${entry}.p`]: '', [`${entry}.r`]: '' } });
      });
      // answers about those tickets, and answers given by the customer's chat accounts
      const linked = await mapLimit(docs, LOOKUP_CONCURRENCY, (d) =>
        responses.updateMany({ tenantId, source: d['source'], interactionExternalId: d['externalId'] }, { $unset: { comment: '', respondent: '' } }),
      );
      const byAccount = await mapLimit(chatIds, LOOKUP_CONCURRENCY, (id) => responses.updateMany({ tenantId, respondent: id }, { $unset: { comment: '', respondent: '' } }));
      const sent = await mapLimit(chatIds, LOOKUP_CONCURRENCY, (id) => surveys.updateMany({ tenantId, 'recipient.userId': id }, { $set: { 'recipient.userId': pseudonym } }));
      const sum = (xs: { modifiedCount: number }[]) => xs.reduce((s, x) => s + x.modifiedCount, 0);
      // their comments quoted in review agendas, minutes and actions
      const snapshots = await scrubSnapshots(conn, tenantId, { customerId }, 'followup.erased');
      return { interactions: changed.modifiedCount, responses: sum(linked) + sum(byAccount), surveys: sum(sent), snapshots };
    },
  };
}
