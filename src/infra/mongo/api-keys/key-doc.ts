import { createHash } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeyInfo, type ApiKeyScope, type ApiKeySource } from '../../../core/domain/api-key.js';

/** Keys are looked up by their SHA-256; comparing digests leaks nothing about the key. */
export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface ApiKeyDoc {
  keyId: string;
  tenantId: string;
  keyHash: string;
  name?: string;
  source: ApiKeySource;
  scopes?: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
  revokedBy?: 'API_KEYS' | 'cli' | 'migration';
}

export const toApiKeyInfo = (d: ApiKeyDoc): ApiKeyInfo => ({
  id: d.keyId,
  tenantId: d.tenantId,
  ...(d.name ? { name: d.name } : {}),
  scopes: d.scopes ?? [...API_KEY_SCOPES],
  source: d.source,
  createdAt: d.createdAt,
  ...(d.lastUsedAt ? { lastUsedAt: d.lastUsedAt } : {}),
  ...(d.revokedAt ? { revokedAt: d.revokedAt } : {}),
});
