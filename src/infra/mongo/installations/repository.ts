import type { Connection } from 'mongoose';
import type { InstallationRepository } from '../../../core/ports/installations.js';
import { installationModel } from './schema.js';

/** Slack installations and Teams conversation references in `installations`. */
export function createInstallationRepository(conn: Connection): InstallationRepository {
  const model = installationModel(conn);
  return {
    async find(where) {
      const doc = await model.findOne({ tenantId: where.tenantId, platform: where.platform, ...(where.key ? { key: where.key } : {}) }, { data: 1 }).lean().exec();
      return (doc?.data as Record<string, unknown> | undefined) ?? null;
    },
    async put(where, data, at) {
      await model.updateOne(where, { $set: { data, updatedAt: at } }, { upsert: true }).exec();
    },
    async unsetFields(where, fields, at) {
      await model.updateOne(where, { $unset: Object.fromEntries(fields.map((f) => [`data.${f}`, ''])), $set: { updatedAt: at } }).exec();
    },
    async remove(where) {
      await model.deleteOne(where).exec();
    },
  };
}
