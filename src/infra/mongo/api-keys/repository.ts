import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { API_KEY_SCOPES, type ApiKeyPrincipal } from '../../../core/domain/api-key.js';
import type { ApiKeyStore } from '../../../core/ports/tenants.js';
import { createBoundedCache } from './bounded-cache.js';
import { syncBootstrapKeys } from './bootstrap.js';
import { hashKey, toApiKeyInfo, type ApiKeyDoc } from './key-doc.js';
import { newKeyId } from './migrate.js';
import { apiKeyModel } from './schema.js';

export interface ApiKeyRepositoryOptions {
  /** how long a valid key is trusted without asking the database; a revocation reaches every instance within it (at most 60 s) */
  cacheTtlMs?: number;
  /** valid keys remembered per instance */
  cacheMax?: number;
  now?: () => Date;
  /** a lastUsedAt write that failed (authentication goes on) */
  onError?: (err: unknown) => void;
}

const MAX_TTL_MS = 60_000;
const LAST_USED_EVERY_MS = 60_000;
// longer is never a key of ours (keys made here are 65 characters): not hashed, not looked up
const MAX_KEY_LENGTH = 512;

/**
 * Valid keys are cached for a bounded time and number; unknown keys get a separate, small
 * cache, so a flood of random keys cannot push valid keys out (every miss asks the unique
 * { keyHash } index once).
 */
export function createApiKeyRepository(conn: Connection, o: ApiKeyRepositoryOptions = {}): ApiKeyStore {
  const model = apiKeyModel(conn);
  const now = o.now ?? (() => new Date());
  const clock = () => now().getTime();
  const ttlMs = Math.min(o.cacheTtlMs ?? 30_000, MAX_TTL_MS);
  const valid = createBoundedCache<{ principal: ApiKeyPrincipal; lastUsedAt: number }>({ max: o.cacheMax ?? 5_000, ttlMs, now: clock });
  const unknown = createBoundedCache<true>({ max: 1_000, ttlMs, now: clock });

  // at most one write per key and minute: the time known here (this instance's last write, or
  // the stored one when the key was read) decides
  const touch = (entry: { principal: ApiKeyPrincipal; lastUsedAt: number }) => {
    const at = clock();
    if (at - entry.lastUsedAt < LAST_USED_EVERY_MS) return;
    entry.lastUsedAt = at;
    // not awaited: a slow write must not slow every request down
    model
      .updateOne({ keyId: entry.principal.keyId }, { $max: { lastUsedAt: new Date(at) } })
      .exec()
      .catch((e: unknown) => o.onError?.(e));
  };

  return {
    async authenticate(key) {
      if (!key || key.length > MAX_KEY_LENGTH) return null;
      const hash = hashKey(key);
      const hit = valid.get(hash);
      if (hit) {
        touch(hit);
        return hit.principal;
      }
      if (unknown.get(hash)) return null;
      // exactly the unique index's field: revokedAt is checked here, not in the query
      const doc = await model.findOne({ keyHash: hash }).lean<ApiKeyDoc>().exec();
      if (!doc || doc.revokedAt) {
        unknown.set(hash, true);
        return null;
      }
      const entry = { principal: { keyId: doc.keyId, tenantId: doc.tenantId, scopes: doc.scopes ?? [...API_KEY_SCOPES] }, lastUsedAt: doc.lastUsedAt?.getTime() ?? 0 };
      valid.set(hash, entry);
      touch(entry);
      return entry.principal;
    },

    async create(tenantId, { name, scopes }) {
      const keyId = newKeyId();
      // 256 random bits; the id in front lets logs and `keys list` name the key without it
      const key = `csk_${keyId}_${randomBytes(32).toString('base64url')}`;
      const doc: ApiKeyDoc = { keyId, tenantId, keyHash: hashKey(key), ...(name ? { name } : {}), source: 'cli', scopes: API_KEY_SCOPES.filter((s) => scopes.includes(s)), createdAt: now() };
      await model.create(doc);
      return { info: toApiKeyInfo(doc), key };
    },

    async list(tenantId) {
      const docs = await model.find({ tenantId }).lean<ApiKeyDoc[]>().exec();
      return docs.map(toApiKeyInfo).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    async revoke(id) {
      const doc = await model.findOne({ keyId: id }).lean<ApiKeyDoc>().exec();
      if (!doc) return null;
      const revokedAt = doc.revokedAt ?? now();
      if (!doc.revokedAt || doc.revokedBy === 'API_KEYS') await model.updateOne({ keyId: id }, { $set: { revokedAt, revokedBy: 'cli' } }).exec();
      // after the write: a request read in between cannot cache it again here
      valid.delete(doc.keyHash);
      return toApiKeyInfo({ ...doc, revokedAt });
    },

    async syncBootstrap(pairs) {
      const result = await syncBootstrapKeys(model, pairs, now);
      for (const { key } of pairs) unknown.delete(hashKey(key));
      return result;
    },
  };
}
