import type { webApi } from '@slack/bolt';
import { PlatformError } from '../../core/errors.js';
import { sleep } from '../../core/concurrency.js';
import type { MessageRef, PostOnce } from '../../core/ports/chat-platform.js';
import { errorCode } from './context.js';

type Client = webApi.WebClient;
type PostArgs = { token: string; channel: string; text: string; blocks?: unknown[] };

/** Slack message metadata naming the post, so it can be found again (Slack has no idempotency key). */
const EVENT_TYPE = 'cs_ops_post';
const ATTEMPTS = 6;
const HISTORY_PAGE = 200;
/** a message is not found in history before it was posted: look a little further back than `since` */
const CLOCK_SKEW_S = 120;

type Failure = { kind: 'refused' | 'unsure'; code: string } | { kind: 'limited'; code: string; waitMs: number };

function classify(err: unknown): Failure {
  const e = err as { code?: string; statusCode?: number; retryAfter?: number; original?: { name?: string } };
  if (e?.code === 'slack_webapi_rate_limited_error') return { kind: 'limited', code: 'ratelimited', waitMs: (e.retryAfter ?? 1) * 1000 };
  // the request may have reached Slack and been posted: its outcome is unknown
  if (e?.code === 'slack_webapi_http_error' && (e.statusCode ?? 500) >= 500) return { kind: 'unsure', code: `http_${e.statusCode}` };
  if (e?.code === 'slack_webapi_request_error') return { kind: 'unsure', code: e.original?.name === 'TimeoutError' ? 'timeout' : 'network' };
  if (e?.code === 'slack_webapi_http_error') return { kind: 'refused', code: `http_${e.statusCode}` };
  return { kind: 'refused', code: errorCode(err) };
}

/**
 * The message carrying `key` in the conversation since `since`, or null when it is not there;
 * 'unreadable' when the bot may not read the conversation (no history scope, not a member).
 */
async function findPosted(client: Client, args: PostArgs, key: string, since: Date): Promise<MessageRef | null | 'unreadable'> {
  let channel = args.channel;
  try {
    if (/^[UW]/.test(channel)) {
      // a person: the DM the post went to
      const opened = await client.conversations.open({ token: args.token, users: channel });
      if (!opened.channel?.id) return 'unreadable';
      channel = opened.channel.id;
    }
    let cursor: string | undefined;
    do {
      const page = await client.conversations.history({ token: args.token, channel, oldest: String(Math.floor(since.getTime() / 1000) - CLOCK_SKEW_S), limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
      const hit = page.messages?.find((m) => m.metadata?.event_type === EVENT_TYPE && (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key);
      if (hit?.ts) return { channelId: channel, messageId: hit.ts };
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  } catch (err) {
    if (classify(err).kind === 'refused') return 'unreadable';
    throw err;
  }
}

/**
 * Posts a message at most once under `key`: throttling is waited out; when an attempt's outcome
 * is unknown (a timeout, a 5xx) the conversation is searched for the key before posting again.
 * Where the bot may not read the conversation it posts again, as any client would.
 */
export async function postKeyed(client: Client, args: PostArgs, once: PostOnce, warn: (code: string) => void): Promise<MessageRef> {
  let unsure = once.checkFirst === true;
  for (let attempt = 1; ; attempt++) {
    try {
      if (unsure) {
        const found = await findPosted(client, args, once.key, once.since);
        if (found === 'unreadable') warn('history_unreadable');
        else if (found) return found;
      }
      const res = await client.chat.postMessage({ ...args, metadata: { event_type: EVENT_TYPE, event_payload: { key: once.key } } } as Parameters<Client['chat']['postMessage']>[0]);
      if (!res.channel || !res.ts) throw new PlatformError('no_ts');
      return { channelId: res.channel, messageId: res.ts };
    } catch (err) {
      if (err instanceof PlatformError) throw err;
      const failure = classify(err);
      if (failure.kind === 'refused' || attempt >= ATTEMPTS) throw new PlatformError(failure.code, failure.kind === 'limited' ? failure.waitMs / 1000 : undefined);
      if (failure.kind === 'unsure') unsure = true;
      await sleep(failure.kind === 'limited' ? failure.waitMs : Math.min(30_000, 1000 * 2 ** (attempt - 1)));
    }
  }
}
