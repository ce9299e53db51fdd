import mongoose, { type Connection } from 'mongoose';
import type { Survey } from '../../../core/domain/survey.js';
import type { SurveyStore } from '../../../core/ports/surveys.js';
import { surveyModel } from './schema.js';

type Doc = Record<string, unknown>;
const DUPLICATE_KEY = 11000;
const isObjectId = (id: string) => /^[a-f0-9]{24}$/.test(id);

function fromDoc(d: Doc): Survey {
  const out: Doc = { id: String(d['_id']) };
  for (const f of ['tenantId', 'type', 'subject', 'meetingId', 'platform', 'recipient', 'interaction', 'locale', 'status', 'dueAt', 'sentAt', 'expiresAt', 'message', 'sentBy', 'alert', 'error', 'pendingCount', 'sendingUntil']) {
    if (d[f] !== undefined && d[f] !== null) out[f] = d[f];
  }
  return out as unknown as Survey;
}

export function createSurveyRepository(conn: Connection): SurveyStore {
  const coll = surveyModel(conn).collection;
  return {
    async create(survey) {
      const _id = new mongoose.Types.ObjectId();
      // one survey of a type per interaction; one rating per meeting and attendee
      const who = 'userId' in survey.recipient ? survey.recipient.userId : survey.recipient.channelId;
      const dedupe = survey.interaction
        ? `${survey.interaction.source}:${survey.interaction.externalId}:${survey.type}`
        : survey.meetingId
          ? `meeting:${survey.meetingId}:${who}`
          : _id.toHexString();
      const doc = { _id, ...survey, dedupe, createdAt: new Date() };
      try {
        await coll.insertOne(doc);
        return { survey: fromDoc(doc), created: true };
      } catch (e) {
        if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
        const existing = await coll.findOne({ tenantId: survey.tenantId, dedupe });
        if (!existing) throw e;
        return { survey: fromDoc(existing), created: false };
      }
    },
    async find(id) {
      if (!isObjectId(id)) return null;
      const d = await coll.findOne({ _id: new mongoose.Types.ObjectId(id) });
      return d ? fromDoc(d) : null;
    },
    async transition(tenantId, id, from, to, set = {}) {
      if (!isObjectId(id)) return false;
      // the sender's hold ends with "sending"
      const unset = { ...(to !== 'failed' && from === 'failed' ? { error: '' } : {}), ...(from === 'sending' ? { sendingUntil: '' } : {}) };
      const res = await coll.updateOne({ _id: new mongoose.Types.ObjectId(id), tenantId, status: from }, { $set: { ...set, status: to }, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) });
      return res.modifiedCount === 1;
    },
    async due(tenantId, now, limit) {
      const docs = await coll.find({ tenantId, status: 'scheduled', dueAt: { $lte: now } }).sort({ dueAt: 1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },
    async tenantsWithScheduled() {
      return (await coll.distinct('tenantId', { status: 'scheduled' })) as string[];
    },
    async tenantsWithPending() {
      return (await coll.distinct('tenantId', { $or: [{ status: 'sending' }, { 'pendingCount.until': { $exists: true } }] })) as string[];
    },
    async abandonedSends(tenantId, now, limit) {
      return (await coll.find({ tenantId, status: 'sending', sendingUntil: { $lt: now } }).limit(limit).toArray()).map(fromDoc);
    },
    async holdSend(tenantId, id, from, until) {
      const res = await coll.updateOne({ _id: new mongoose.Types.ObjectId(id), tenantId, status: 'sending', sendingUntil: from }, { $set: { sendingUntil: until } });
      return res.modifiedCount === 1;
    },
    async abandonedCounts(tenantId, now, limit) {
      return (await coll.find({ tenantId, 'pendingCount.until': { $lt: now } }).limit(limit).toArray()).map(fromDoc);
    },
    async holdCount(tenantId, id, from, until) {
      const res = await coll.updateOne({ _id: new mongoose.Types.ObjectId(id), tenantId, 'pendingCount.until': from }, { $set: { 'pendingCount.until': until } });
      return res.modifiedCount === 1;
    },
    async settleCount(tenantId, id, until) {
      await coll.updateOne({ _id: new mongoose.Types.ObjectId(id), tenantId, 'pendingCount.until': until }, { $unset: { pendingCount: '' } });
    },
    async claimAlert(tenantId, id) {
      const res = await coll.updateOne({ _id: new mongoose.Types.ObjectId(id), tenantId, alert: { $exists: false } }, { $set: { alert: null } });
      return res.modifiedCount === 1;
    },
    async ofMeetings(tenantId, meetingIds) {
      const ids = meetingIds.filter((id) => /^[a-f0-9]{24}$/.test(id));
      if (ids.length === 0) return [];
      // ratings are deduped as "meeting:<id>:<attendee>": a prefix scan of the unique index
      const docs = await coll.find({ tenantId, dedupe: { $in: ids.map((id) => new RegExp(`^meeting:${id}:`)) } }).toArray();
      return docs.map(fromDoc);
    },
    async setAlert(tenantId, id, alert) {
      const _id = new mongoose.Types.ObjectId(id);
      await coll.updateOne({ _id, tenantId }, alert ? { $set: { alert } } : { $unset: { alert: '' } });
    },
    async *scanCounted(tenantId) {
      for await (const d of coll.find({ tenantId, status: 'sent', type: { $ne: 'meeting' }, pendingCount: { $exists: false } })) yield fromDoc(d);
    },
  };
}
