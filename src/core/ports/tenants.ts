import type { KpiTarget, TenantSettings } from '../domain/tenant.js';

export interface TenantStore {
  /** The tenant's settings; a tenant seen for the first time gets the defaults. */
  get(tenantId: string): Promise<TenantSettings>;
  /** Sets the given settings (undefined clears one); `roles` is replaced whole, so read it first. */
  update(tenantId: string, patch: Partial<Omit<TenantSettings, 'tenantId'>>): Promise<TenantSettings>;
}

export interface ApiKeyStore {
  /** The tenant a presented key belongs to, or null. */
  tenantForKey(key: string): Promise<string | null>;
  add(tenantId: string, key: string, label?: string): Promise<void>;
}

export interface TargetStore {
  list(tenantId: string): Promise<KpiTarget[]>;
  set(tenantId: string, target: KpiTarget): Promise<void>;
}
