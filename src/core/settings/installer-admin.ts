import type { SettingsDeps } from './deps.js';
import { patchSettings } from './patch-settings.js';

export interface Installer {
  tenantId: string;
  platform: 'slack' | 'teams';
  /** Slack user id (`installation.user.id`) or Teams AAD object id (`from.aadObjectId`) */
  userId: string;
}

/**
 * The person who installs the app becomes its first admin, so a new team can set itself up
 * without an operator: only while the tenant has no admin (later installs change nothing),
 * through the settings use-case (validated, audited as that person). True when added.
 */
export async function addInstallerAsAdmin(deps: SettingsDeps, installer: Installer): Promise<boolean> {
  const tenant = await deps.tenants.get(installer.tenantId);
  if (tenant.roles.admins.length > 0) return false;
  const actor = { type: 'user' as const, platform: installer.platform, userId: installer.userId };
  await patchSettings(deps, { tenantId: installer.tenantId, actor, patch: { roles: { admins: [installer.userId] } }, locale: tenant.locale });
  return true;
}
