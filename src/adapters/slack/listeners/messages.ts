import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BotEvent } from '../../../core/chat/types.js';
import { deliver, dispatch, type SlackDeps, type Sink } from '../deliver.js';
import type { SlackClient } from '../context.js';

const KPI_WORDS = new Set(['kpi', '/kpi', 'kpis']);
const SURVEY_WORDS = new Set(['survey', '/survey', 'pesquisa']);
const MEETING_WORDS = new Set(['meeting', '/meeting', 'reunião', 'reuniao']);
const ACTIONS_WORDS = new Set(['actions', '/actions', 'ações', 'acoes']);
const REPORT_WORDS = new Set(['report', '/report', 'relatório', 'relatorio']);

/** "@CS Ops Bot kpi week", or "kpi semana" in a DM: the same commands as the slash command. */
export function messageToEvent(text: string, botUserId?: string): BotEvent {
  const withoutBot = botUserId ? text.replaceAll(`<@${botUserId}>`, ' ') : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  const clean = withoutBot.trim();
  const first = clean.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (KPI_WORDS.has(first)) return { kind: 'command', command: 'kpi', text: clean };
  const rest = clean.includes(' ') ? clean.slice(clean.indexOf(' ') + 1) : '';
  if (SURVEY_WORDS.has(first)) return { kind: 'command', command: 'survey', text: rest };
  if (MEETING_WORDS.has(first)) return { kind: 'command', command: 'meeting', text: rest };
  if (ACTIONS_WORDS.has(first)) return { kind: 'command', command: 'actions', text: rest };
  if (REPORT_WORDS.has(first)) return { kind: 'command', command: 'report', text: rest };
  return { kind: 'command', command: 'help', text: '' };
}

interface Where {
  channel: string;
  user: string;
  threadTs?: string;
  isDm: boolean;
}

/** In a DM everything is a plain reply; in a channel, answers meant for one person are ephemeral. */
function conversationSink(client: SlackClient, where: Where): Sink {
  const thread = where.threadTs ? { thread_ts: where.threadTs } : {};
  const post = (m: { text: string }) => client.chat.postMessage({ channel: where.channel, ...thread, ...m });
  return {
    toChannel: post,
    toUser: (m) => (where.isDm ? post(m) : client.chat.postEphemeral({ channel: where.channel, user: where.user, ...thread, ...m })),
  };
}

async function answer(deps: SlackDeps, args: AllMiddlewareArgs, text: string, where: Where): Promise<void> {
  const { client, context } = args;
  const event = messageToEvent(text, context.botUserId);
  const { ctx, reply } = await dispatch(deps, { context, client, userId: where.user, channelId: where.channel }, event);
  await deliver(deps, client, ctx, reply, conversationSink(client, where));
}

/** `app_mention`: someone wrote "@CS Ops Bot kpi week" in a channel. */
export const appMention =
  (deps: SlackDeps) =>
  async (args: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const { event } = args;
    if (!event.user || event.bot_id) return;
    await answer(deps, args, event.text, { channel: event.channel, user: event.user, isDm: false, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) });
  };

/** `message.im`: a direct message to the bot (edits, bots and other subtypes are ignored). */
export const directMessage =
  (deps: SlackDeps) =>
  async (args: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const { message } = args;
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user || message.bot_id) return;
    await answer(deps, args, message.text ?? '', { channel: message.channel, user: message.user, isDm: true });
  };
