import { addInstallerAsAdmin } from '../../core/settings/index.js';
import type { PlatformMountOptions } from '../platform.js';
import type { ActivityLike } from './context.js';
import { teamsTenantOf } from './vouch.js';

/**
 * Whoever installs the app (`installationUpdate` add, or the bot among `membersAdded`) becomes
 * the tenant's first admin, by AAD object id; a failure is logged and the activity goes on.
 */
export async function installerAdmin(o: PlatformMountOptions, a: ActivityLike, singleTenant: string | undefined): Promise<void> {
  const vouched = teamsTenantOf(a, singleTenant);
  const userId = a.from.aadObjectId;
  if (!('tenantId' in vouched) || !userId) return;
  const { tenantId } = vouched;
  try {
    if (await addInstallerAsAdmin(o.bot, { tenantId, platform: 'teams', userId })) o.logger.info({ tenantId }, 'teams: the installer is the first admin');
  } catch (err) {
    o.logger.warn({ err: (err as Error).name, tenantId }, 'teams: the installer could not be made admin');
  }
}
