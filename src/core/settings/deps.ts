import type { AgentDirectory } from '../ports/agents.js';
import type { SettingsActor, SettingsAuditStore, TargetStore, TenantStore } from '../ports/tenants.js';
import { changesBetween } from './diff.js';

export interface AuditDeps {
  audit: SettingsAuditStore;
  now: () => Date;
}
export interface SettingsDeps extends AuditDeps {
  tenants: TenantStore;
  targets: TargetStore;
}
export interface AgentDeps extends AuditDeps {
  agents: AgentDirectory;
}

/** Records who changed what (nothing when nothing changed). */
export async function recordChanges(deps: AuditDeps, tenantId: string, actor: SettingsActor, before: unknown, after: unknown): Promise<void> {
  const changes = changesBetween(before, after);
  if (changes.length > 0) await deps.audit.add({ tenantId, at: deps.now(), actor, changes });
}
