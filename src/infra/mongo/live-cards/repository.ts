import mongoose, { type Connection } from 'mongoose';
import type { LiveCard, LiveCardStore } from '../../../core/ports/live-cards.js';
import { liveCardModel } from './schema.js';

const toLive = (d: Record<string, unknown>): LiveCard => ({ ...(d as unknown as LiveCard), id: String(d['_id']) });
const oid = (id: string) => (mongoose.isValidObjectId(id) ? new mongoose.Types.ObjectId(id) : null);

export function createLiveCardRepository(conn: Connection): LiveCardStore {
  const model = liveCardModel(conn);
  return {
    async add(card) {
      const doc = await model
        .findOneAndUpdate(
          { tenantId: card.tenantId, platform: card.platform, channelId: card.channelId, messageId: card.messageId },
          { $set: card },
          { upsert: true, returnDocument: 'after', lean: true },
        )
        .exec();
      return toLive(doc as unknown as Record<string, unknown>);
    },
    async get(tenantId, id) {
      const _id = oid(id);
      if (!_id) return null;
      const doc = await model.findOne({ tenantId, _id }).lean().exec();
      return doc ? toLive(doc as unknown as Record<string, unknown>) : null;
    },
    async remove(tenantId, id) {
      const _id = oid(id);
      if (!_id) return false;
      return (await model.deleteOne({ tenantId, _id }).exec()).deletedCount === 1;
    },
    async due(tenantId, before, now) {
      const docs = await model.find({ tenantId, refreshedAt: { $lt: before }, until: { $gt: now } }).lean().exec();
      return docs.map((d) => toLive(d as unknown as Record<string, unknown>));
    },
    async claim(tenantId, id, previous, now) {
      const _id = oid(id);
      if (!_id) return false;
      const res = await model.updateOne({ tenantId, _id, refreshedAt: previous }, { $set: { refreshedAt: now } }).exec();
      return res.modifiedCount === 1;
    },
    // the refresher walks tenants first; every card query after that is tenant-scoped
    async tenants() {
      return (await model.distinct('tenantId').exec()) as string[];
    },
  };
}
