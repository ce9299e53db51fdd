import { deliverReply } from '../../core/bot/answer-event.js';
import { errorReply, handleBotEvent, type BotDeps } from '../../core/bot/handle-event.js';
import type { BotContext, BotEvent, BotReply } from '../../core/chat/types.js';
import { PlatformError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n/index.js';
import type { ReplySink } from '../../core/ports/chat-platform.js';
import type { SettingsFormDeps } from '../../core/settings/index.js';
import type { Logger } from '../../infra/observability/logger.js';
import { errorCode, type ContextResolver, type SlackActor, type SlackClient } from './context.js';
import { cardToBlocks, noticeToMessage, type SlackMessage } from './render/block-kit.js';
import { formModal, packForm } from './render/modal.js';

/** What every Slack listener needs: the bot core, the context resolver and a logger. */
export interface SlackDeps {
  bot: BotDeps;
  logger: Logger;
  resolveContext: ContextResolver;
  /** language of errors raised before the user's context is known */
  fallbackLocale: Locale;
  /** the team settings (/settings, the App Home section); absent: neither is offered */
  settings?: SettingsFormDeps;
}

/** Where an answer goes: to everyone in the conversation, or only to the person who acted. */
export interface Sink {
  toChannel(message: SlackMessage): Promise<unknown>;
  toUser(message: SlackMessage): Promise<unknown>;
}

/** Context, then the core; a failure before the core still becomes a localized notice. */
export async function dispatch(deps: SlackDeps, actor: SlackActor, event: BotEvent): Promise<{ ctx: BotContext | null; reply: BotReply }> {
  let ctx: BotContext;
  try {
    ctx = await deps.resolveContext(actor);
  } catch (err) {
    deps.logger.error({ err: errorCode(err) }, 'slack: could not build the bot context');
    return { ctx: null, reply: errorReply(err, { locale: deps.fallbackLocale }) };
  }
  return { ctx, reply: await handleBotEvent(deps.bot, ctx, event) };
}

/**
 * Sends a reply through core's delivery (notices to the user, cards by visibility, forms, live
 * cards); without a context (it could not be built) the reply is the error notice.
 */
export async function deliver(deps: SlackDeps, client: SlackClient, ctx: BotContext | null, reply: BotReply, sink: Sink, triggerId?: string): Promise<void> {
  if (!ctx) {
    if (reply.kind === 'notice') await sink.toUser(noticeToMessage(reply.notice));
    return;
  }
  await deliverReply(deps.bot, ctx, reply, slackReplies(deps, client, ctx, sink, triggerId));
}

/** Core's reply port on Slack: the listener's sink, a modal when there is a trigger, posts with the Web API. */
export function slackReplies(deps: SlackDeps, client: SlackClient, ctx: BotContext, sink: Sink, triggerId?: string): ReplySink {
  return {
    toChannel: async (card) => void (await sink.toChannel(cardToBlocks(card))),
    toUser: async (card) => void (await sink.toUser(cardToBlocks(card))),
    notice: async (notice) => void (await sink.toUser(noticeToMessage(notice))),
    async openForm(card) {
      const form = card.elements.find((e) => e.type === 'form');
      if (!triggerId || !form) return false;
      try {
        await client.views.open({ trigger_id: triggerId, view: formModal(packForm(form), { channelId: ctx.channelId }) });
        return true;
      } catch (err) {
        deps.logger.warn({ err: errorCode(err) }, 'slack: form modal could not be opened; sending the form as a card');
        return false;
      }
    },
    async post(card) {
      try {
        const res = await client.chat.postMessage({ channel: ctx.channelId, ...cardToBlocks(card) });
        if (!res.ts) throw new PlatformError('no_ts');
        return { channelId: res.channel ?? ctx.channelId, messageId: res.ts };
      } catch (err) {
        throw err instanceof PlatformError ? err : new PlatformError(errorCode(err));
      }
    },
    async update(at, card) {
      try {
        await client.chat.update({ channel: at.channelId, ts: at.messageId, ...cardToBlocks(card) });
      } catch (err) {
        throw new PlatformError(errorCode(err));
      }
    },
  };
}
