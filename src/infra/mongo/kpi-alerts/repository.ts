import mongoose, { type Connection } from 'mongoose';
import { oid, recordOf } from '../documents.js';
import type { KpiAlert } from '../../../core/domain/kpi-alert.js';
import type { KpiAlertStore } from '../../../core/ports/kpi-alerts.js';
import { kpiAlertModel } from './schema.js';

type Doc = Record<string, unknown>;
const fromDoc = (d: Doc) => recordOf<KpiAlert>(d);
/** what a check leaves behind; a new definition starts without it */
const HISTORY = { lastValue: '', lastCheckedAt: '', firedAt: '', breachValue: '', lastFiredAt: '', recoveredAt: '', suppressedAt: '', outbox: '', lastError: '' };

export function createKpiAlertRepository(conn: Connection): KpiAlertStore {
  const coll = kpiAlertModel(conn).collection;
  return {
    async create(a) {
      const doc = { _id: new mongoose.Types.ObjectId(), ...a, state: 'ok', version: 0 };
      await coll.insertOne(doc);
      return fromDoc(doc);
    },
    async list({ tenantId, channelId }) {
      return (await coll.find({ tenantId, channelId }).sort({ createdAt: 1 }).limit(200).toArray()).map(fromDoc);
    },
    async remove({ tenantId, channelId }, id) {
      return (await coll.deleteOne({ _id: oid(id), tenantId, channelId })).deletedCount === 1;
    },
    async setPaused({ tenantId, channelId }, id, paused, now) {
      // pausing drops a post not yet made; resuming checks at once
      const update = paused
        ? { $set: { paused, updatedAt: now }, $unset: { outbox: '' }, $inc: { version: 1 } }
        : { $set: { paused, updatedAt: now, nextCheckAt: now }, $inc: { version: 1 } };
      const d = await coll.findOneAndUpdate({ _id: oid(id), tenantId, channelId }, update, { returnDocument: 'after' });
      return d ? fromDoc(d) : null;
    },
    async redefine({ tenantId, channelId }, id, def, now) {
      const d = await coll.findOneAndUpdate(
        { _id: oid(id), tenantId, channelId },
        { $set: { ...def, state: 'ok', nextCheckAt: now, updatedAt: now }, $unset: HISTORY, $inc: { version: 1 } },
        { returnDocument: 'after' },
      );
      return d ? fromDoc(d) : null;
    },
    async tenants() {
      return (await coll.distinct('tenantId', { paused: false })) as string[];
    },
    async due(tenantId, now, limit) {
      return (await coll.find({ tenantId, paused: false, nextCheckAt: { $lte: now } }).sort({ nextCheckAt: 1 }).limit(limit).toArray()).map(fromDoc);
    },
    async claim(tenantId, id, version, now, nextCheckAt) {
      const res = await coll.updateOne({ _id: oid(id), tenantId, version, paused: false, nextCheckAt: { $lte: now } }, { $set: { nextCheckAt }, $inc: { version: 1 } });
      return res.modifiedCount === 1;
    },
    async transition(tenantId, id, version, set) {
      const res = await coll.updateOne({ _id: oid(id), tenantId, version }, { $set: set, $inc: { version: 1 } });
      return res.modifiedCount === 1;
    },
    async delivered(tenantId, id, key) {
      await coll.updateOne({ _id: oid(id), tenantId, 'outbox.key': key }, { $unset: { outbox: '', lastError: '' }, $inc: { version: 1 } });
    },
    async deliveryFailed(tenantId, id, outbox, error, retryAt) {
      const update = retryAt
        ? { $set: { lastError: error, 'outbox.attempts': outbox.attempts + 1, nextCheckAt: retryAt }, $inc: { version: 1 } }
        : { $set: { lastError: error }, $unset: { outbox: '' }, $inc: { version: 1 } };
      await coll.updateOne({ _id: oid(id), tenantId, 'outbox.key': outbox.key }, update);
    },
  };
}
