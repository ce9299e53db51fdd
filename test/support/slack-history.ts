/**
 * Slack as far as posts are concerned: chat.postMessage keeps each message (with its metadata)
 * per conversation, a post to a user id lands in the DM with them (a D… channel), and
 * conversations.open / conversations.history answer from what was kept, so keyed posts can be
 * looked for. A post can be made to go through while its answer is lost (a timeout).
 */
import type { RecordedRequest, RecordingServer } from './recording-server.js';
import { webApiArgs } from './slack.js';

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  metadata?: unknown;
}

export interface SlackHistory {
  messages: SlackMessage[];
  /** the post of a recorded chat.postMessage call (its channel and ts as Slack answered) */
  postOf(req: RecordedRequest): SlackMessage | undefined;
  /** the next post to `channel` goes through, but Slack answers only after `delayMs` */
  loseNextAnswer(channel: string, delayMs?: number): void;
}

const dmOf = (channel: string) => channel.replace(/^[UW]/, 'D');

/** `clock`: Slack's ts follows the service's pinned clock, so history's `oldest` finds posts. */
export function keepSlackHistory(api: RecordingServer, clock: () => Date): SlackHistory {
  const messages: SlackMessage[] = [];
  const posts = new WeakMap<RecordedRequest, SlackMessage>();
  const lost = new Map<string, number>();
  let n = 0;
  api.on('/api/chat.postMessage', (req) => {
    const args = webApiArgs(req);
    const channel = dmOf(String(args['channel']));
    const message = { channel, ts: `${Math.floor(clock().getTime() / 1000)}.${String(++n).padStart(6, '0')}`, text: String(args['text'] ?? ''), metadata: args['metadata'] };
    messages.push(message);
    posts.set(req, message);
    const delayMs = lost.get(String(args['channel'])) ?? lost.get(channel);
    lost.delete(String(args['channel']));
    lost.delete(channel);
    return { ...(delayMs ? { delayMs } : {}), body: { ok: true, channel, ts: message.ts } };
  });
  api.on('/api/conversations.open', (req) => ({ body: { ok: true, channel: { id: dmOf(String(webApiArgs(req)['users'])) } } }));
  api.on('/api/conversations.history', (req) => {
    const args = webApiArgs(req);
    const found = messages.filter((m) => m.channel === args['channel'] && Number(m.ts) >= Number(args['oldest'] ?? 0));
    return { body: { ok: true, messages: [...found].reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(args['include_all_metadata'] ? { metadata: m.metadata } : {}) })), has_more: false } };
  });
  return {
    messages,
    postOf: (req) => posts.get(req),
    loseNextAnswer: (channel, delayMs = 3500) => void lost.set(channel, delayMs),
  };
}
