import type { webApi } from '@slack/bolt';
import { PlatformError } from '../../core/errors.js';
import { toLocale } from '../../core/i18n/index.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import { errorCode } from './context.js';
import { postKeyed } from './keyed-post.js';
import { SLACK_PROFILE } from './profile.js';
import { cardToBlocks } from './render/block-kit.js';

/**
 * Proactive Slack messages with the bot token of the card's tenant: a user id as channel posts
 * in the app's DM with that person. Rate limits are waited out by the Web API client; posts with
 * a key go through postKeyed, which also never repeats a post whose outcome was unknown.
 */
export function createSlackPlatform(client: webApi.WebClient, tokenFor: (tenantId: string) => Promise<string | null>, keyed?: { client: webApi.WebClient; warn(code: string): void }): ChatPlatform {
  const token = async (tenantId: string) => {
    const found = await tokenFor(tenantId);
    if (!found) throw new PlatformError('not_installed');
    return found;
  };
  return {
    ...SLACK_PROFILE,
    findsKeyedPosts: keyed !== undefined,
    async post(tenantId, to, card, once) {
      const auth = await token(tenantId);
      if (once && keyed) return postKeyed(keyed.client, { token: auth, channel: 'userId' in to ? to.userId : to.channelId, ...cardToBlocks(card) }, once, keyed.warn);
      try {
        const res = await client.chat.postMessage({ token: auth, channel: 'userId' in to ? to.userId : to.channelId, ...cardToBlocks(card) });
        if (!res.channel || !res.ts) throw new PlatformError('no_ts');
        return { channelId: res.channel, messageId: res.ts };
      } catch (err) {
        throw err instanceof PlatformError ? err : new PlatformError(errorCode(err));
      }
    },
    async attach(tenantId, at, file) {
      try {
        // files.uploadV2: getUploadURLExternal, the bytes to that URL, completeUploadExternal with the channel
        const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
        const common = { token: await token(tenantId), channel_id: at.channelId, file: content, filename: file.name, title: file.title, ...(file.comment ? { initial_comment: file.comment } : {}) };
        await client.filesUploadV2(at.messageId ? { ...common, thread_ts: at.messageId } : common);
      } catch (err) {
        throw err instanceof PlatformError ? err : new PlatformError(errorCode(err));
      }
    },
    async canPost(tenantId, channelId) {
      try {
        const res = await client.conversations.info({ token: await token(tenantId), channel: channelId });
        const c = res.channel as { is_member?: boolean; is_im?: boolean; is_mpim?: boolean; is_archived?: boolean } | undefined;
        if (c?.is_archived) return 'is_archived';
        return c?.is_member || c?.is_im || c?.is_mpim ? null : 'not_in_channel';
      } catch (err) {
        return err instanceof PlatformError ? err.platformCode : errorCode(err);
      }
    },
    async localeOf(tenantId, userId) {
      try {
        const res = await client.users.info({ token: await token(tenantId), user: userId, include_locale: true });
        return res.user?.locale ? toLocale(res.user.locale) : null;
      } catch {
        return null;
      }
    },
    async update(tenantId, at, card) {
      const auth = await token(tenantId);
      try {
        await client.chat.update({ token: auth, channel: at.channelId, ts: at.messageId, ...cardToBlocks(card) });
      } catch (err) {
        throw new PlatformError(errorCode(err));
      }
    },
  };
}
