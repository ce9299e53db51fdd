/**
 * REST API keys: each belongs to one tenant and carries scopes. `ingest` pushes interactions and
 * survey answers, `read` reads KPIs and settings, `admin` changes things on the tenant's behalf
 * (sends surveys, changes settings, erases a customer).
 */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/** what `cs-ops keys create` gives when no --scopes is named */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ['ingest', 'read'];

/** `env`: listed in API_KEYS (revoked when no longer listed); `cli`: made by `cs-ops keys create`. */
export type ApiKeySource = 'env' | 'cli';

/** What may be shown about a key: never the key nor its hash. */
export interface ApiKeyInfo {
  id: string;
  tenantId: string;
  name?: string;
  scopes: ApiKeyScope[];
  source: ApiKeySource;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

/** Who a presented key authenticates. */
export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
  scopes: readonly ApiKeyScope[];
}

/** Keys made here read `csk_<id>_<secret>`: the id can be logged, the secret never. */
export const apiKeyIdOf = (key: string): string | undefined => /^csk_([0-9a-f]{16})_/.exec(key)?.[1];
