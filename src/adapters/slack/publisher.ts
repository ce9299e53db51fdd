import type { webApi } from '@slack/bolt';
import { PlatformError } from '../../core/errors.js';
import type { CardPublisher } from '../../core/ports/live-cards.js';
import { errorCode } from './context.js';
import { cardToBlocks } from './render/block-kit.js';

/**
 * Live KPI cards: replaces the posted message in place with `chat.update`, using the bot token
 * of the card's tenant. Rate limits are waited out by the Web API client (Retry-After).
 */
export function createSlackPublisher(client: webApi.WebClient, tokenFor: (tenantId: string) => Promise<string | null>): CardPublisher {
  return {
    async update(live, card) {
      const token = await tokenFor(live.tenantId);
      if (!token) throw new PlatformError('not_installed');
      try {
        await client.chat.update({ token, channel: live.channelId, ts: live.messageId, ...cardToBlocks(card) });
      } catch (err) {
        throw new PlatformError(errorCode(err));
      }
    },
  };
}
