import { API_KEY_SCOPES } from '../../../core/domain/api-key.js';
import type { ApiKeySyncResult } from '../../../core/ports/tenants.js';
import { newKeyId } from './migrate.js';
import { hashKey, type ApiKeyDoc } from './key-doc.js';
import type { apiKeyModel } from './schema.js';

type ApiKeyModel = ReturnType<typeof apiKeyModel>;
const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/** The stored key of this hash, inserted (source `env`, every scope) when absent. */
async function findOrInsert(model: ApiKeyModel, tenantId: string, keyHash: string, now: () => Date): Promise<{ doc: ApiKeyDoc; inserted: boolean }> {
  const found = await model.findOne({ keyHash }).lean<ApiKeyDoc>().exec();
  if (found) return { doc: found, inserted: false };
  const doc: ApiKeyDoc = { keyId: newKeyId(), tenantId, keyHash, source: 'env', scopes: [...API_KEY_SCOPES], createdAt: now() };
  try {
    await model.create({ ...doc, label: 'API_KEYS' });
    return { doc, inserted: true };
  } catch (e) {
    // another instance starting at once inserted it first
    if (!isDuplicate(e)) throw e;
    return { doc: (await model.findOne({ keyHash }).lean<ApiKeyDoc>().exec())!, inserted: false };
  }
}

/**
 * API_KEYS at start-up: listed keys are added; `env` keys no longer listed are revoked; keys
 * made with the CLI are left alone. A key revoked because it was no longer listed comes back
 * when it is listed again (the operator's explicit choice, like adding it); one revoked with
 * `cs-ops keys revoke` never does.
 */
export async function syncBootstrapKeys(model: ApiKeyModel, pairs: readonly { tenantId: string; key: string }[], now: () => Date): Promise<ApiKeySyncResult> {
  const result: ApiKeySyncResult = { added: [], revived: [], revoked: [], stillRevoked: [], otherTenant: [] };
  const listed = new Set<string>();
  for (const { tenantId, key } of pairs) {
    const keyHash = hashKey(key);
    listed.add(keyHash);
    const { doc, inserted } = await findOrInsert(model, tenantId, keyHash, now);
    if (inserted) result.added.push(doc.keyId);
    else if (doc.tenantId !== tenantId) result.otherTenant.push(tenantId);
    else if (doc.revokedAt && doc.revokedBy === 'API_KEYS') {
      await model.updateOne({ keyId: doc.keyId }, { $unset: { revokedAt: 1, revokedBy: 1 } }).exec();
      result.revived.push(doc.keyId);
    } else if (doc.revokedAt) result.stillRevoked.push(doc.keyId);
  }
  // a handful of documents, once per start-up
  const envKeys = await model.find({ source: 'env' }).lean<ApiKeyDoc[]>().exec();
  for (const doc of envKeys) {
    if (doc.revokedAt || listed.has(doc.keyHash)) continue;
    await model.updateOne({ keyId: doc.keyId }, { $set: { revokedAt: now(), revokedBy: 'API_KEYS' } }).exec();
    result.revoked.push(doc.keyId);
  }
  return result;
}
