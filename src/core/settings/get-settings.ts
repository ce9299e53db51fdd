import type { SettingsDeps } from './deps.js';
import type { TSettings } from './schema.js';
import { settingsView } from './view.js';

/** The tenant's settings document (GET /api/v1/settings); a new tenant gets the defaults. */
export async function getSettings(deps: Pick<SettingsDeps, 'tenants' | 'targets'>, tenantId: string): Promise<TSettings> {
  const [tenant, targets] = await Promise.all([deps.tenants.get(tenantId), deps.targets.list(tenantId)]);
  return settingsView(tenant, targets);
}
