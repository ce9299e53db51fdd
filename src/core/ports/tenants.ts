import type { ApiKeyInfo, ApiKeyPrincipal, ApiKeyScope } from '../domain/api-key.js';
import type { KpiTarget, TenantSettings } from '../domain/tenant.js';

export interface TenantStore {
  /** The tenant's settings; a tenant seen for the first time gets the defaults. */
  get(tenantId: string): Promise<TenantSettings>;
  /** Sets the given settings (undefined clears one); `roles` is replaced whole, so read it first. */
  update(tenantId: string, patch: Partial<Omit<TenantSettings, 'tenantId'>>): Promise<TenantSettings>;
}

export interface ApiKeyStore {
  /** Who a presented key authenticates (tenant, scopes), or null for an unknown or revoked key. */
  authenticate(key: string): Promise<ApiKeyPrincipal | null>;
  /** A new key; `key` is returned once and only its hash is kept. */
  create(tenantId: string, o: { name?: string; scopes: readonly ApiKeyScope[] }): Promise<{ info: ApiKeyInfo; key: string }>;
  list(tenantId: string): Promise<ApiKeyInfo[]>;
  /** Revokes a key by id (idempotent); null when no key has that id. */
  revoke(id: string): Promise<ApiKeyInfo | null>;
  /**
   * Makes the API_KEYS keys (source `env`) match `pairs`: missing ones are added with every
   * scope, `env` keys no longer listed are revoked (and revived when listed again); a key
   * revoked with the CLI stays revoked; a key that is another tenant's is refused.
   */
  syncBootstrap(pairs: readonly { tenantId: string; key: string }[]): Promise<ApiKeySyncResult>;
}

export interface ApiKeySyncResult {
  added: string[];
  revoked: string[];
  /** revoked at an earlier start for not being listed, listed again */
  revived: string[];
  /** listed in API_KEYS but revoked with the CLI (stays revoked) */
  stillRevoked: string[];
  /** listed in API_KEYS for a tenant while the key belongs to another tenant */
  otherTenant: string[];
}

export interface TargetStore {
  list(tenantId: string): Promise<KpiTarget[]>;
  set(tenantId: string, target: KpiTarget): Promise<void>;
  /** removes the target of one KPI (idempotent) */
  remove(tenantId: string, kpi: string): Promise<void>;
}

/** Who changed a setting: an API key (REST), or a person on a chat platform or the console. */
export type SettingsActor = { type: 'api_key'; keyId: string } | { type: 'user'; platform: 'slack' | 'teams' | 'console'; userId: string };

/** One changed setting: its path (`timezone`, `targets.csat.score`, `agents.ana`) and values. */
export interface SettingsChange {
  path: string;
  /** null: it was not set */
  before: unknown;
  after: unknown;
}

export interface SettingsAuditEntry {
  id: string;
  tenantId: string;
  at: Date;
  actor: SettingsActor;
  changes: SettingsChange[];
}

export interface SettingsAuditStore {
  add(entry: Omit<SettingsAuditEntry, 'id'>): Promise<SettingsAuditEntry>;
  /** newest first; `before`: only entries older than it */
  list(tenantId: string, o: { limit: number; before?: Date }): Promise<SettingsAuditEntry[]>;
}
