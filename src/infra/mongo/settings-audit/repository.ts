import mongoose, { type Connection } from 'mongoose';
import type { SettingsActor, SettingsAuditEntry, SettingsAuditStore, SettingsChange } from '../../../core/ports/tenants.js';
import { settingsAuditModel } from './schema.js';

const toEntry = (d: Record<string, unknown>): SettingsAuditEntry => ({
  id: String(d['_id']),
  tenantId: String(d['tenantId']),
  at: d['at'] as Date,
  actor: d['actor'] as SettingsActor,
  changes: d['changes'] as SettingsChange[],
});

export function createSettingsAuditRepository(conn: Connection): SettingsAuditStore {
  const coll = settingsAuditModel(conn).collection;
  return {
    async add(entry) {
      const doc = { _id: new mongoose.Types.ObjectId(), ...entry };
      await coll.insertOne(doc);
      return toEntry(doc);
    },
    async list(tenantId, { limit, before }) {
      const docs = await coll
        .find({ tenantId, ...(before ? { at: { $lt: before } } : {}) })
        .sort({ at: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => toEntry(d));
    },
  };
}
