/**
 * Teams activities as the Bot Connector sends them (msteams channel, tenant in the conversation
 * and channelData), posted to the service's /api/messages; mentions as Teams writes them.
 */
export interface TeamsUser {
  id: string;
  aadObjectId?: string;
  name: string;
}

export interface ActivityBase {
  tenantId: string;
  conversationId: string;
  from: TeamsUser;
  bot: { id: string; name: string };
  /** the recording connector's URL, read when the activity is built (it starts later) */
  serviceUrl: () => string;
  clock: () => Date;
}

/** A builder of activities from one conversation; `over` replaces any field. */
export const activityFactory = (base: ActivityBase) => (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: base.clock().toISOString(),
  serviceUrl: `${base.serviceUrl()}/`,
  channelId: 'msteams',
  from: base.from,
  conversation: { conversationType: 'channel', id: base.conversationId, tenantId: base.tenantId },
  recipient: base.bot,
  channelData: { tenant: { id: base.tenantId } },
  locale: 'en-US',
  ...over,
});

export const postActivity = (serviceUrl: string, body: unknown) => fetch(`${serviceUrl}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

export const mentionOf = (u: { id: string; name: string }) => ({ type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: u.id, name: u.name } });
