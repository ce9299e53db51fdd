import { PlatformError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { KpiArgs } from '../periods/index.js';
import type { MessageRef, ReplySink } from '../ports/chat-platform.js';
import type { Card } from '../cards/card.js';
import { errorReply, handleBotEvent, startLiveCard, type BotDeps } from './handle-event.js';
import type { BotContext, BotEvent, BotReply } from '../chat/types.js';

/** Runs an inbound event and delivers the answer through the adapter's sink; returns the reply too. */
export async function answerBotEvent(deps: BotDeps, ctx: BotContext, event: BotEvent, sink: ReplySink): Promise<BotReply> {
  const reply = await handleBotEvent(deps, ctx, event);
  await deliverReply(deps, ctx, reply, sink);
  return reply;
}

/**
 * Where a reply goes: notices only to the user, cards by their visibility, a form opened where
 * the platform can (else as a card to the user), a live card as a real message.
 */
export async function deliverReply(deps: BotDeps, ctx: BotContext, reply: BotReply, sink: ReplySink): Promise<void> {
  if (reply.kind === 'notice') return sink.notice(reply.notice);
  if (reply.kind === 'form') {
    if (!(await sink.openForm(reply.card))) await sink.toUser(reply.card);
    return;
  }
  if (reply.live) return postLiveCard(deps, ctx, reply.card, reply.live.args, sink);
  await (reply.visibility === 'channel' ? sink.toChannel(reply.card) : sink.toUser(reply.card));
}

/**
 * A live card must be a message that can be updated later (a Slack response_url answer has no
 * `ts`): post it, register it, then update it once so it carries its stop button.
 */
async function postLiveCard(deps: BotDeps, ctx: BotContext, card: Card, args: KpiArgs, sink: ReplySink): Promise<void> {
  let at: MessageRef;
  try {
    at = await sink.post(card);
  } catch (err) {
    if (!(err instanceof PlatformError)) return noticeOf(err, ctx, sink);
    deps.logger?.warn({ err: err.platformCode, tenantId: ctx.tenantId }, 'live card could not be posted');
    return sink.notice({ text: t(ctx.locale, 'kpi.live_cannot_post', { code: err.platformCode }), tone: 'bad' });
  }
  try {
    const live = await startLiveCard(deps, { ...ctx, channelId: at.channelId }, at.messageId, args);
    await sink.update(at, live);
  } catch (err) {
    deps.logger?.warn({ err: err instanceof PlatformError ? err.platformCode : (err as Error).message, tenantId: ctx.tenantId }, 'live card could not be registered');
    await noticeOf(err, ctx, sink);
  }
}

async function noticeOf(err: unknown, ctx: BotContext, sink: ReplySink): Promise<void> {
  const reply = errorReply(err, ctx);
  if (reply.kind === 'notice') await sink.notice(reply.notice);
}
