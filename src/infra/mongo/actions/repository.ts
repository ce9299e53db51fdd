import mongoose, { type Connection } from 'mongoose';
import { oid, recordOf } from '../documents.js';
import type { ActionItem } from '../../../core/domain/meeting.js';
import type { ActionStore } from '../../../core/ports/meetings.js';
import { actionItemModel } from './schema.js';
import { leaseModel } from '../leases/schema.js';
import { nextActionNumber } from './numbers.js';

type Doc = Record<string, unknown>;
const fromDoc = (d: Doc) => recordOf<ActionItem>(d);

export function createActionRepository(conn: Connection): ActionStore {
  const coll = actionItemModel(conn).collection;
  const leases = leaseModel(conn).collection;
  const one = async (filter: Doc, update: Doc) => (await coll.updateOne(filter, update)).modifiedCount === 1;
  const nextNumber = (tenantId: string) => nextActionNumber(leases, tenantId);
  return {
    async create(a, id) {
      const doc = { _id: id ? oid(id) : new mongoose.Types.ObjectId(), ...a, no: await nextNumber(a.tenantId) };
      await coll.insertOne(doc);
      return fromDoc(doc);
    },
    async get(tenantId, id) {
      const d = await coll.findOne({ _id: oid(id), tenantId });
      return d ? fromDoc(d) : null;
    },
    async open(tenantId, by) {
      const filter: Doc = { tenantId, status: 'open' };
      for (const k of ['channelId', 'seriesId', 'meetingId'] as const) if (by[k]) filter[k] = by[k];
      // one person may have two ids (Teams): equality when there is one
      if (by.ownerId) filter['ownerId'] = Array.isArray(by.ownerId) ? (by.ownerId.length === 1 ? by.ownerId[0] : { $in: by.ownerId }) : by.ownerId;
      if (by.dueBefore) filter['dueDate'] = { $lt: by.dueBefore };
      if (by.dueOn) filter['dueDate'] = by.dueOn;
      return (await coll.find(filter).sort({ dueDate: 1, createdAt: 1 }).limit(500).toArray()).map(fromDoc);
    },
    async doneBetween(tenantId, start, end) {
      return (await coll.find({ tenantId, status: 'done', doneAt: { $gte: start, $lt: end } }).sort({ doneAt: 1 }).limit(200).toArray()).map(fromDoc);
    },
    async ofMeeting(tenantId, meetingId) {
      return (await coll.find({ tenantId, meetingId, status: { $ne: 'cancelled' } }).sort({ createdAt: 1 }).toArray()).map(fromDoc);
    },
    markDone: (tenantId, id, now) => one({ _id: oid(id), tenantId, status: 'open' }, { $set: { status: 'done', doneAt: now } }),
    postpone: (tenantId, id, dueDate) => one({ _id: oid(id), tenantId, status: 'open' }, { $set: { dueDate }, $inc: { rev: 1 }, $unset: { remindedAt: '', escalatedAt: '' } }),
    async byNumber(tenantId, no) {
      const d = await coll.findOne({ tenantId, no, status: 'open' });
      return d ? fromDoc(d) : null;
    },
    change: (tenantId, id, rev, set) =>
      one(
        { _id: oid(id), tenantId, status: 'open', rev: rev ?? { $exists: false } },
        { $set: { ...set, rev: (rev ?? 0) + 1 }, ...(set.ownerId || set.dueDate ? { $unset: { remindedAt: '', escalatedAt: '' } } : {}) },
      ),
    cancel: (tenantId, id, by, now) => one({ _id: oid(id), tenantId, status: 'open' }, { $set: { status: 'cancelled', cancelled: { by, at: now } } }),
    claimReminder: (tenantId, id, now, rev) => one({ _id: oid(id), tenantId, status: 'open', remindedAt: { $exists: false }, rev: rev ?? { $exists: false } }, { $set: { remindedAt: now } }),
    claimEscalation: (tenantId, id, now, rev) => one({ _id: oid(id), tenantId, status: 'open', escalatedAt: { $exists: false }, rev: rev ?? { $exists: false } }, { $set: { escalatedAt: now } }),
    async tenants() {
      return (await coll.distinct('tenantId', { status: 'open' })) as string[];
    },
  };
}
