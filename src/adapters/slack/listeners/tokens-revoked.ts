import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../infra/observability/logger.js';
import { tenantIdOf } from '../context.js';
import type { SlackInstallationStore } from '../installation-store.js';

/** `event.tokens`: user ids (not tokens) by kind of token revoked. */
const ZTokensRevoked = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ bot: z.array(z.string()).default([]), oauth: z.array(z.string()).default([]) }),
});

/**
 * `tokens_revoked`: the revoked tokens leave the store (a bot token revoked means the
 * installation can no longer post; with no token left the installation goes). With a single
 * SLACK_BOT_TOKEN there is no store: the log says the token must be replaced.
 */
export const tokensRevoked =
  (store: SlackInstallationStore | null, logger: Logger) =>
  async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    const parsed = ZTokensRevoked.safeParse(event);
    const tenantId = tenantIdOf(context);
    if (!parsed.success) {
      logger.warn({ tenantId }, 'slack tokens_revoked event of an unknown shape ignored');
      return;
    }
    const revoked = parsed.data.tokens;
    const counts = { tenantId, bot: revoked.bot.length, oauth: revoked.oauth.length };
    if (!store) {
      if (revoked.bot.length > 0) logger.error(counts, 'slack revoked the bot token (SLACK_BOT_TOKEN): set a new one to post again');
      return;
    }
    const query = { teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall };
    const outcome = await store.revokeTokens(query, revoked);
    logger.info({ ...counts, outcome }, 'slack tokens revoked; stored tokens forgotten');
  };
