import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { handleBotEvent, startLiveCard } from '../../core/bot/handle-event.js';
import type { BotReply } from '../../core/bot/types.js';
import type { MountedPlatform, PlatformMountOptions } from '../platform.js';
import { teamsContext, type ActivityLike } from './context.js';
import { invokeToAction, messageToCommand, type MentionEntity } from './inbound.js';
import { teamsLogger } from './logger.js';
import { CARD, cardMessage, createTeamsMessenger } from './messenger.js';
import { cardToAdaptive, mentionsToNames, type NameOf } from './render/adaptive-card.js';
import { createNameBook } from './names.js';

const messageOf = (reply: BotReply, nameOf: NameOf) =>
  reply.kind === 'notice' ? { type: 'message' as const, text: mentionsToNames(reply.notice.text, nameOf) } : cardMessage(reply.card, nameOf);

type Activity = ActivityLike & { serviceUrl?: string; recipient?: { id: string; name?: string }; text?: string; entities?: MentionEntity[]; replyToId?: string; value?: unknown };

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
  const app = new App({ ...credentials, httpServerAdapter: new ExpressAdapter(o.app), logger: teamsLogger(o.logger) });

  const names = createNameBook();
  /** keeps the conversation reference fresh: proactive posts and live cards need its serviceUrl */
  const remember = async (a: Activity) => {
    names.learn(a);
    const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id;
    if (!tenantId || !a.serviceUrl) return;
    await o.models.installations.updateOne(
      { tenantId, platform: 'teams', key: a.conversation.id },
      { $set: { data: { serviceUrl: a.serviceUrl, conversation: a.conversation, bot: a.recipient, tenantId }, updatedAt: o.now() } },
      { upsert: true },
    );
  };

  app.on('message', async ({ activity: raw, send, api }) => {
    const activity = raw as unknown as Activity;
    const ctx = await teamsContext(o, activity);
    if (!ctx) return;
    await remember(activity);
    const reply = await handleBotEvent(o.bot, ctx, messageToCommand(activity.text ?? '', activity.entities, activity.recipient?.id));
    const sent = await send(messageOf(reply, names.get));
    if (reply.kind === 'card' && reply.live && sent.id) {
      // a live card: register the posted message, then show its stop button
      const card = await startLiveCard(o.bot, ctx, sent.id, reply.live.args);
      await api.conversations.updateActivity(activity.conversation.id, sent.id, cardMessage(card, names.get));
    }
  });

  // Universal Actions: answer the invoke with the new card so the same message updates
  app.on('card.action', async ({ activity: raw }) => {
    const activity = raw as unknown as Activity;
    names.learn(activity);
    const ctx = await teamsContext(o, activity);
    if (!ctx) return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'no tenant' } } as never;
    const reply = await handleBotEvent(o.bot, ctx, invokeToAction(activity.value, activity.replyToId));
    if (reply.kind !== 'notice') return { statusCode: 200, type: CARD, value: cardToAdaptive(reply.card, names.get) } as never;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: mentionsToNames(reply.notice.text, names.get) } as never;
  });

  // conversation references for proactive sends (surveys, reports, alerts, reminders)
  app.on('conversationUpdate', async ({ activity }) => remember(activity as unknown as Activity));

  await app.initialize();
  return { stop: async () => undefined, messenger: createTeamsMessenger(app, o.models, o.now, names.get) };
}
