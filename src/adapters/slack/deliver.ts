import { errorReply, handleBotEvent, startLiveCard, type BotDeps } from '../../core/bot/handle-event.js';
import type { BotContext, BotEvent, BotReply } from '../../core/bot/types.js';
import { t, type Locale } from '../../core/i18n/index.js';
import type { KpiArgs } from '../../core/periods/index.js';
import type { SettingsFormDeps } from '../../core/settings/index.js';
import type { Card } from '../../core/views/card.js';
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
 * Sends a reply: notices only to the user, cards by their visibility, live cards as a post, a
 * form as a modal when the request carried a trigger (else as a card whose button opens it).
 */
export async function deliver(deps: SlackDeps, client: SlackClient, ctx: BotContext | null, reply: BotReply, sink: Sink, triggerId?: string): Promise<void> {
  if (reply.kind === 'notice') {
    await sink.toUser(noticeToMessage(reply.notice));
    return;
  }
  if (reply.kind === 'form') {
    const form = reply.card.elements.find((e) => e.type === 'form');
    if (triggerId && form && ctx) {
      try {
        await client.views.open({ trigger_id: triggerId, view: formModal(packForm(form), { channelId: ctx.channelId }) });
        return;
      } catch (err) {
        deps.logger.warn({ err: errorCode(err) }, 'slack: form modal could not be opened; sending the form as a card');
      }
    }
    await sink.toUser(cardToBlocks(reply.card));
    return;
  }
  if (reply.live && ctx) {
    await postLiveCard(deps, client, ctx, reply.card, reply.live.args, sink);
    return;
  }
  const message = cardToBlocks(reply.card);
  await (reply.visibility === 'channel' ? sink.toChannel(message) : sink.toUser(message));
}

/**
 * A live card must be a real message (a response_url answer has no `ts` to update later):
 * post it, register it, then update it once so it carries its stop button.
 */
async function postLiveCard(deps: SlackDeps, client: SlackClient, ctx: BotContext, card: Card, args: KpiArgs, sink: Sink): Promise<void> {
  let posted: { channel: string; ts: string };
  try {
    const res = await client.chat.postMessage({ channel: ctx.channelId, ...cardToBlocks(card) });
    if (!res.ts) throw new Error('chat.postMessage returned no ts');
    posted = { channel: res.channel ?? ctx.channelId, ts: res.ts };
  } catch (err) {
    const code = errorCode(err);
    deps.logger.warn({ err: code, tenantId: ctx.tenantId }, 'slack: live card could not be posted');
    await sink.toUser(noticeToMessage({ text: t(ctx.locale, 'slack.live_needs_invite', { code }), tone: 'bad' }));
    return;
  }
  try {
    const live = await startLiveCard(deps.bot, { ...ctx, channelId: posted.channel }, posted.ts, args);
    await client.chat.update({ ...posted, ...cardToBlocks(live) });
  } catch (err) {
    deps.logger.error({ err: errorCode(err), tenantId: ctx.tenantId }, 'slack: live card could not be registered');
    const reply = errorReply(err, ctx);
    if (reply.kind === 'notice') await sink.toUser(noticeToMessage(reply.notice));
  }
}
