import { Client } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { handleBotEvent, startLiveCard } from '../../core/bot/handle-event.js';
import type { CardPublisher } from '../../core/ports/live-cards.js';
import type { BotReply } from '../../core/bot/types.js';
import type { MountedPlatform, PlatformMountOptions } from '../platform.js';
import { teamsContext, type ActivityLike } from './context.js';
import { teamsLogger } from './logger.js';
import { cardToAdaptive } from './render/adaptive-card.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** Message text → command: "kpi semana", "help"; the bot's @mention is already stripped. */
function commandOf(text: string): { command: string; text: string } {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const word = first.toLowerCase().replace(/^\//, '');
  if (word === 'kpi') return { command: 'kpi', text: rest.join(' ') };
  return { command: 'help', text: '' };
}

const messageOf = (reply: BotReply) =>
  reply.kind === 'card'
    ? { type: 'message' as const, attachments: [{ contentType: CARD, content: cardToAdaptive(reply.card) }] }
    : { type: 'message' as const, text: reply.notice.text };

/**
 * Teams SDK v2 (`@microsoft/teams.apps`, successor of `@microsoft/teams-ai`) on the service's
 * own Express app at /api/messages. Without TEAMS_CLIENT_ID it accepts unauthenticated
 * requests (local use, Microsoft's Agents Playground); with it, the SDK validates tokens.
 */
export async function mountTeams(o: PlatformMountOptions): Promise<MountedPlatform> {
  const { config } = o;
  const credentials = config.TEAMS_CLIENT_ID
    ? { clientId: config.TEAMS_CLIENT_ID, clientSecret: config.TEAMS_CLIENT_SECRET!, ...(config.TEAMS_TENANT_ID ? { tenantId: config.TEAMS_TENANT_ID } : {}) }
    : { dangerouslyAllowUnauthenticatedRequests: true };
  const app = new App({
    ...credentials,
    httpServerAdapter: new ExpressAdapter(o.app),
    logger: teamsLogger(o.logger),
    activity: { mentions: { stripText: true } },
  });

  /** keeps the conversation reference fresh: proactive posts and live cards need its serviceUrl */
  const remember = async (a: ActivityLike & { serviceUrl?: string; recipient?: unknown }) => {
    const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id;
    if (!tenantId || !a.serviceUrl) return;
    await o.models.installations.updateOne(
      { tenantId, platform: 'teams', key: a.conversation.id },
      { $set: { data: { serviceUrl: a.serviceUrl, conversation: a.conversation, bot: a.recipient, tenantId }, updatedAt: o.now() } },
      { upsert: true },
    );
  };

  app.on('message', async ({ activity, send, api }) => {
    const ctx = await teamsContext(o, activity as unknown as ActivityLike);
    if (!ctx) return;
    await remember(activity as unknown as ActivityLike);
    const reply = await handleBotEvent(o.bot, ctx, { kind: 'command', ...commandOf(activity.text ?? '') });
    const sent = await send(messageOf(reply));
    if (reply.kind === 'card' && reply.live && sent.id) {
      // a live card: register the posted message, then show its stop button
      const card = await startLiveCard(o.bot, ctx, sent.id, reply.live.args);
      await api.conversations.activities(activity.conversation.id).update(sent.id, messageOf({ kind: 'card', card, visibility: 'channel' }));
    }
  });

  // Universal Actions: answer the invoke with the new card so the same message updates
  app.on('card.action', async ({ activity }) => {
    const ctx = await teamsContext(o, activity as unknown as ActivityLike);
    const action = activity.value?.action as { verb?: unknown; data?: { value?: unknown } } | undefined;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const value = typeof action?.data?.value === 'string' ? action.data.value : '';
    if (!ctx) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'no tenant' } } as never;
    const reply = await handleBotEvent(o.bot, ctx, { kind: 'action', action: { id: verb, value } });
    if (reply.kind === 'card') return { statusCode: 200, type: CARD, value: cardToAdaptive(reply.card) } as never;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.notice.text } as never;
  });

  // conversation references for proactive sends (reports, alerts, reminders)
  app.on('conversationUpdate', async ({ activity }) => remember(activity as unknown as ActivityLike));

  /** Live cards: replace the posted card through the conversation's own serviceUrl. */
  const publisher: CardPublisher = {
    async update(live, card) {
      const ref = await o.models.installations.findOne({ tenantId: live.tenantId, platform: 'teams', key: live.channelId }).lean();
      const serviceUrl = (ref?.data as { serviceUrl?: string } | undefined)?.serviceUrl;
      if (!serviceUrl) throw new Error(`no conversation reference for a live card of tenant ${live.tenantId}`);
      await new Client(serviceUrl, app.client).conversations.activities(live.channelId).update(live.messageId, messageOf({ kind: 'card', card, visibility: 'channel' }));
    },
  };

  await app.initialize();
  return { stop: async () => undefined, publisher };
}
