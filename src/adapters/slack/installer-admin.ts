import type { Installation } from '@slack/bolt';
import { addInstallerAsAdmin } from '../../core/settings/index.js';
import type { SettingsDeps } from '../../core/settings/index.js';
import type { Logger } from '../../infra/observability/logger.js';
import { errorCode } from './context.js';
import { tenantOfInstallation, type SlackInstallationStore } from './installation-store.js';

/**
 * The OAuth installer (`installation.user.id`) becomes the tenant's first admin once the
 * installation is stored; a failure there is logged and does not undo the install.
 */
export function withInstallerAdmin(store: SlackInstallationStore, deps: SettingsDeps, logger: Logger): SlackInstallationStore {
  return {
    ...store,
    async storeInstallation(installation: Installation, ...rest) {
      await store.storeInstallation(installation, ...rest);
      const userId = installation.user?.id;
      if (!userId) return;
      const { tenantId } = tenantOfInstallation(installation);
      try {
        if (await addInstallerAsAdmin(deps, { tenantId, platform: 'slack', userId })) logger.info({ tenantId }, 'slack: the installer is the first admin');
      } catch (err) {
        logger.warn({ err: errorCode(err), tenantId }, 'slack: the installer could not be made admin');
      }
    },
  };
}
