import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { ApiKeyStore } from '../../../core/ports/tenants.js';
import { apiKeyModel } from './schema.js';

/** Keys are looked up by their SHA-256; comparing digests leaks nothing about the key. */
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const CACHE_MS = 30_000;

export function createApiKeyRepository(conn: Connection): ApiKeyStore {
  const model = apiKeyModel(conn);
  const cache = new Map<string, { tenantId: string | null; until: number }>();
  return {
    async tenantForKey(key) {
      if (!key) return null;
      const hash = hashKey(key);
      const hit = cache.get(hash);
      if (hit && hit.until > Date.now()) return hit.tenantId;
      const doc = await model.findOne({ keyHash: hash, revokedAt: { $exists: false } }).lean().exec();
      const tenantId = doc ? doc.tenantId : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { tenantId, until: Date.now() + CACHE_MS });
      return tenantId;
    },
    async add(tenantId, key, label) {
      cache.delete(hashKey(key));
      await model
        .updateOne(
          { keyHash: hashKey(key) },
          { $setOnInsert: { tenantId, keyHash: hashKey(key), label, createdAt: new Date() } },
          { upsert: true },
        )
        .exec();
    },
  };
}
