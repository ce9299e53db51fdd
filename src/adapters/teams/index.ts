import type { ActivityParams, AdaptiveCardActionResponse, CloudEnvironment } from '@microsoft/teams.api';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { answerBotEvent } from '../../core/bot/answer-event.js';
import { handleBotEvent } from '../../core/bot/handle-event.js';
import type { MountedPlatform, PlatformMountOptions } from '../platform.js';
import { teamsContext } from './context.js';
import { invokeToAction, messageToCommand, readActivity, refuseMalformedActivities, type InboundActivity } from './inbound.js';
import { cardInvoke, errorInvoke, messageInvoke } from './invoke.js';
import { teamsLogger } from './logger.js';
import { createTeamsPlatform } from './chat-platform.js';
import { teamsReplies } from './replies.js';
import { TEAMS_PROFILE } from './profile.js';
import { cardToAdaptive, mentionsToNames } from './render/adaptive-card.js';
import { createNameBook } from './names.js';
import { isSettingsMessage, SETTINGS_VERB, settingsInvoke, settingsMessage } from './settings.js';
import { teamsTenantOf, vouch } from './vouch.js';
import { installerAdmin } from './installer-admin.js';

export type TeamsCloud = CloudEnvironment;

/** How /api/messages is guarded, from the configuration; null: Teams is not mounted at all. */
function authOf(o: PlatformMountOptions) {
  const { config } = o;
  if (config.TEAMS_CLIENT_ID && config.TEAMS_CLIENT_SECRET) {
    // explicit false: the SDK would otherwise read DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS
    const tenant = config.TEAMS_TENANT_ID ? { tenantId: config.TEAMS_TENANT_ID } : {};
    return { authenticated: true, options: { clientId: config.TEAMS_CLIENT_ID, clientSecret: config.TEAMS_CLIENT_SECRET, ...tenant, dangerouslyAllowUnauthenticatedRequests: false } };
  }
  if (config.TEAMS_ALLOW_UNAUTHENTICATED !== 'true') return null;
  // the configuration refuses this in production; this is the last line if it is ever bypassed
  if (config.NODE_ENV === 'production') throw new Error('unauthenticated Teams requests are refused in production');
  return { authenticated: false, options: { dangerouslyAllowUnauthenticatedRequests: true } };
}

/**
 * Teams SDK v2 (`@microsoft/teams.apps`, successor of `@microsoft/teams-ai`) on the service's
 * own Express app at /api/messages, mounted only when asked for: with TEAMS_CLIENT_ID and
 * TEAMS_CLIENT_SECRET the SDK validates each request's Bot Framework token; with
 * TEAMS_ALLOW_UNAUTHENTICATED=true (development only) nothing is validated. Otherwise the
 * path does not exist (404). Either way each activity acts only for the tenant it vouches for.
 */
export async function mountTeams(o: PlatformMountOptions): Promise<MountedPlatform> {
  const auth = authOf(o);
  if (!auth) {
    o.logger.info('Teams is off: set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET to receive Teams activities on /api/messages');
    return { stop: async () => undefined, chat: TEAMS_PROFILE };
  }
  if (!auth.authenticated) o.logger.warn('Teams accepts unauthenticated requests on /api/messages (TEAMS_ALLOW_UNAUTHENTICATED=true): for local use only');
  // malformed bodies are refused before the SDK reads them; without Teams the path does not exist
  o.app.use('/api/messages', refuseMalformedActivities(o.logger));
  const app = new App({ ...auth.options, ...(o.teamsCloud ? { cloud: o.teamsCloud } : {}), httpServerAdapter: new ExpressAdapter(o.app), logger: teamsLogger(o.logger) });
  const singleTenant = o.config.TEAMS_TENANT_ID;

  // first of every route: an activity whose tenant or serviceUrl nobody vouched for goes no further
  app.use(async ({ activity, next }) => {
    const read = readActivity(activity);
    const verdict = read ? vouch(read, { authenticated: auth.authenticated, ...(singleTenant ? { singleTenant } : {}) }) : { refused: 'malformed' };
    if ('tenantId' in verdict) return next();
    o.logger.warn({ reason: verdict.refused, type: activity.type }, 'teams: activity refused');
    return { status: 403, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: verdict.refused } } };
  });

  const names = createNameBook();
  /** keeps the conversation reference fresh: proactive posts and live cards need its serviceUrl */
  const remember = async (a: InboundActivity, serviceUrl: string) => {
    names.learn(a);
    const vouched = teamsTenantOf(a, singleTenant);
    if (!serviceUrl || !('tenantId' in vouched)) return;
    const { tenantId } = vouched;
    await o.installations.put({ tenantId, platform: 'teams', key: a.conversation.id }, { serviceUrl, conversation: { ...a.conversation, tenantId }, bot: a.recipient, tenantId }, o.now());
  };
  // the body's serviceUrl was vouched for (token claim, or loopback); else the token's own claim
  const serviceUrlOf = (a: InboundActivity, ref: { serviceUrl: string }) => a.serviceUrl || ref.serviceUrl;

  app.on('message', async ({ activity: raw, send, api, ref }) => {
    const activity = readActivity(raw);
    const ctx = activity && (await teamsContext(o, activity));
    if (!activity || !ctx) return;
    await remember(activity, serviceUrlOf(activity, ref));
    if (o.settings && isSettingsMessage(activity.text ?? '')) return void (await send(await settingsMessage(o.settings, ctx, names.get, activity.text ?? '')));
    const turn = { conversationId: activity.conversation.id, send, update: (id: string, activityId: string, a: ActivityParams) => api.conversations.updateActivity(id, activityId, a) };
    await answerBotEvent(o.bot, ctx, messageToCommand(activity.text ?? '', activity.entities, activity.recipient?.id), teamsReplies(turn, names.get));
  });

  // Universal Actions: answer the invoke with the new card so the same message updates
  app.on('card.action', async ({ activity: raw }): Promise<AdaptiveCardActionResponse> => {
    const activity = readActivity(raw);
    if (activity) names.learn(activity);
    const ctx = activity && (await teamsContext(o, activity));
    if (!activity || !ctx) return errorInvoke(400, 'BadRequest', 'no tenant');
    if (o.settings && invokeToAction(activity.value, undefined).action.id === SETTINGS_VERB) return settingsInvoke(o.settings, ctx, activity.value, names.get);
    const reply = await handleBotEvent(o.bot, ctx, invokeToAction(activity.value, activity.replyToId));
    if (reply.kind !== 'notice') return cardInvoke(cardToAdaptive(reply.card, names.get));
    return messageInvoke(mentionsToNames(reply.notice.text, names.get));
  });

  // conversation references for proactive sends (surveys, reports, alerts, reminders)
  app.on('conversationUpdate', async ({ activity: raw, ref }) => {
    const activity = readActivity(raw);
    if (!activity) return;
    await remember(activity, serviceUrlOf(activity, ref));
    // the bot added to a team or chat: whoever added it is the first admin
    if (activity.membersAdded?.some((m) => m.id === activity.recipient?.id)) await installerAdmin(o, activity, singleTenant);
  });
  app.on('install.add', async ({ activity: raw, ref }) => {
    const activity = readActivity(raw);
    if (!activity) return;
    await remember(activity, serviceUrlOf(activity, ref));
    await installerAdmin(o, activity, singleTenant);
  });

  await app.initialize();
  return { stop: async () => undefined, chat: createTeamsPlatform(app, o.installations, o.now, names.get) };
}
