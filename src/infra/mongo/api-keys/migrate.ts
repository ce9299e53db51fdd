import { randomBytes } from 'node:crypto';
import { API_KEY_SCOPES } from '../../../core/domain/api-key.js';
import type { apiKeyModel } from './schema.js';

type ApiKeyModel = ReturnType<typeof apiKeyModel>;

/** 64 random bits, hex: a public id, not a secret. */
export const newKeyId = () => randomBytes(8).toString('hex');

const OLD_INDEX = 'tenantId_1_keyHash_1';

/**
 * Readies data written by older versions for the unique { keyHash } and { keyId } indexes, so
 * that building them cannot fail start-up: keys get an id (and, as they all came from
 * API_KEYS, source `env` and every scope); a hash stored for two tenants (one key listed for
 * both: it authenticated either) is revoked in both; the old { tenantId, keyHash } index goes.
 * Runs only while one of the new indexes is missing, before ensureIndexes builds them.
 */
export async function migrateApiKeys(model: ApiKeyModel, now = new Date()): Promise<{ backfilled: number; duplicates: number }> {
  const names = new Set((await model.collection.listIndexes().toArray().catch(() => [])).map((i) => String(i['name'])));
  if (names.has('keyHash_1') && names.has('keyId_1')) return { backfilled: 0, duplicates: 0 };
  let backfilled = 0;
  for (const doc of await model.collection.find({ keyId: { $exists: false } }).toArray()) {
    const set = { keyId: newKeyId(), source: doc['source'] ?? 'env', scopes: doc['scopes'] ?? [...API_KEY_SCOPES] };
    // two instances starting at once: the first id written stays
    const r = await model.collection.updateOne({ _id: doc._id, keyId: { $exists: false } }, { $set: set });
    backfilled += r.modifiedCount;
  }
  const groups = await model.collection
    .aggregate<{ _id: string; ids: unknown[] }>([{ $group: { _id: '$keyHash', n: { $sum: 1 }, ids: { $push: '$_id' } } }, { $match: { n: { $gt: 1 } } }])
    .toArray();
  let duplicates = 0;
  for (const group of groups) {
    for (const _id of group.ids) {
      await model.collection.updateOne({ _id: _id as never }, { $set: { keyHash: `duplicate:${String(_id)}`, revokedAt: now, revokedBy: 'migration' } });
      duplicates += 1;
    }
  }
  // another instance starting at once may have dropped it first
  if (names.has(OLD_INDEX)) await model.collection.dropIndex(OLD_INDEX).catch(() => undefined);
  return { backfilled, duplicates };
}
