import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../../infra/observability/logger.js';
import { tenantIdOf } from '../context.js';
import type { SlackInstallationStore } from '../installation-store.js';

/** `app_uninstalled`: the tokens are dead, so the stored installation goes too. */
export const appUninstalled =
  (store: SlackInstallationStore, logger: Logger) =>
  async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs): Promise<void> => {
    const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall };
    await store.deleteInstallation?.(query);
    logger.info({ tenantId: tenantIdOf(context) }, 'slack app uninstalled; installation removed');
  };
