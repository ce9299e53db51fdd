import mongoose, { type Connection } from 'mongoose';
import { oid, recordOf } from '../documents.js';
import type { Meeting } from '../../../core/domain/meeting.js';
import type { MeetingStore } from '../../../core/ports/meetings.js';
import { meetingModel } from './schema.js';
import { leaseModel } from '../leases/schema.js';

const DUPLICATE_KEY = 11000;
const FOREVER = new Date('9999-12-31T00:00:00Z');

type Doc = Record<string, unknown>;
const fromDoc = (d: Doc) => recordOf<Meeting>(d, ['createdAt']);

export function createMeetingRepository(conn: Connection): MeetingStore {
  const coll = meetingModel(conn).collection;
  const leases = leaseModel(conn).collection;
  const one = async (filter: Doc, update: Doc) => (await coll.updateOne(filter, update)).modifiedCount === 1;
  return {
    async create(m, id) {
      const doc = { _id: id ? oid(id) : new mongoose.Types.ObjectId(), ...m, createdAt: new Date() };
      await coll.insertOne(doc);
      return fromDoc(doc);
    },
    async get(tenantId, id) {
      const d = await coll.findOne({ _id: oid(id), tenantId });
      return d ? fromDoc(d) : null;
    },
    async current(tenantId, channelId) {
      const running = await coll.findOne({ tenantId, channelId, status: 'running' });
      if (running) return fromDoc(running);
      const [planned] = await coll.find({ tenantId, channelId, status: 'planned' }).sort({ startsAt: 1 }).limit(1).toArray();
      return planned ? fromDoc(planned) : null;
    },
    async previousOfSeries(tenantId, seriesId, before) {
      const [d] = await coll.find({ tenantId, seriesId, startsAt: { $lt: before } }).sort({ startsAt: -1 }).limit(1).toArray();
      return d ? fromDoc(d) : null;
    },
    async nextPlanned(tenantId, seriesId) {
      const [d] = await coll.find({ tenantId, seriesId, status: 'planned' }).sort({ startsAt: 1 }).limit(1).toArray();
      return d ? fromDoc(d) : null;
    },
    async claimSlot(tenantId, slot, meetingId) {
      const name = `meeting-slot:${slot}`;
      try {
        await leases.insertOne({ tenantId, name, owner: meetingId, until: FOREVER });
        return meetingId;
      } catch (e) {
        if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
        const d = await leases.findOne({ tenantId, name });
        return String(d?.['owner'] ?? meetingId);
      }
    },
    setAgenda: (tenantId, id, rev, agenda) =>
      one({ _id: oid(id), tenantId, status: 'planned', rev: rev ?? { $exists: false } }, { $set: { agenda, rev: (rev ?? 0) + 1 } }),
    start: (tenantId, id, now) => one({ _id: oid(id), tenantId, status: 'planned' }, { $set: { status: 'running', startedAt: now, currentItem: 0, 'agenda.0.startedAt': now } }),
    advance: (tenantId, id, from, now) =>
      one(
        { _id: oid(id), tenantId, status: 'running', currentItem: from, [`agenda.${from + 1}`]: { $exists: true } },
        { $set: { currentItem: from + 1, [`agenda.${from}.endedAt`]: now, [`agenda.${from + 1}.startedAt`]: now } },
      ),
    addEntry: (tenantId, id, item, kind, entry) => one({ _id: oid(id), tenantId, status: 'running' }, { $push: { [`agenda.${item}.${kind}`]: entry } }),
    async end(tenantId, id, now) {
      const d = await coll.findOne({ _id: oid(id), tenantId, status: 'running' });
      if (!d) return false;
      const current = Number(d['currentItem'] ?? 0);
      return one({ _id: d['_id'], tenantId, status: 'running', currentItem: current }, { $set: { status: 'ended', endedAt: now, [`agenda.${current}.endedAt`]: now } });
    },
    async setLiveMessage(tenantId, id, at) {
      await coll.updateOne({ _id: oid(id), tenantId }, { $set: { liveMessage: at } });
    },
    async setAgendaMessage(tenantId, id, at) {
      await coll.updateOne({ _id: oid(id), tenantId }, { $set: { agendaMessage: at } });
    },
    claimReminder: (tenantId, id, now, startsAt) => one({ _id: oid(id), tenantId, remindedAt: { $exists: false }, ...(startsAt ? { startsAt } : {}) }, { $set: { remindedAt: now } }),
    reschedule: (tenantId, id, rev, startsAt, by, now) =>
      one({ _id: oid(id), tenantId, status: 'planned', rev: rev ?? { $exists: false } }, { $set: { startsAt, rev: (rev ?? 0) + 1, rescheduled: { by, at: now } }, $unset: { remindedAt: '' } }),
    appendItem: (tenantId, id, item, max) => one({ _id: oid(id), tenantId, status: 'running', [`agenda.${max - 1}`]: { $exists: false } }, { $push: { agenda: item } }),
    claimNudge: (tenantId, id, item) => one({ _id: oid(id), tenantId, nudged: { $ne: item } }, { $push: { nudged: item } }),
    async toRemind(tenantId, until) {
      return (await coll.find({ tenantId, status: 'planned', startsAt: { $lte: until }, remindedAt: { $exists: false } }).toArray()).map(fromDoc);
    },
    cancel: (tenantId, id, by, now) => one({ _id: oid(id), tenantId, status: 'planned' }, { $set: { status: 'cancelled', cancelled: { by, at: now } } }),
    async endedBetween(tenantId, channelId, start, end, seriesId) {
      const filter = { tenantId, channelId, status: 'ended', startsAt: { $gte: start, $lt: end }, ...(seriesId ? { seriesId } : {}) };
      return (await coll.find(filter).sort({ startsAt: 1 }).limit(500).toArray()).map(fromDoc);
    },
    async running(tenantId) {
      return (await coll.find({ tenantId, status: 'running' }).toArray()).map(fromDoc);
    },
    async tenants() {
      return (await coll.distinct('tenantId', { status: { $in: ['planned', 'running'] } })) as string[];
    },
  };
}
