import { Client, type Account } from '@microsoft/teams.api';
import type { App } from '@microsoft/teams.apps';
import { PlatformError } from '../../core/errors.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import type { InstallationRepository } from '../../core/ports/installations.js';
import type { Card } from '../../core/cards/card.js';
import { TEAMS_PROFILE } from './profile.js';
import { cardToAdaptive, type NameOf } from './render/adaptive-card.js';

export const CARD = 'application/vnd.microsoft.card.adaptive';
export const cardMessage = (card: Card, nameOf?: NameOf) => ({ type: 'message' as const, attachments: [{ contentType: CARD, content: cardToAdaptive(card, nameOf) }] });

interface ConversationRef {
  serviceUrl: string;
  bot?: { id: string; name?: string };
}

const isBot = (v: unknown): v is ConversationRef['bot'] => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';

type ConnectorError = { status?: number; response?: { status?: number; headers?: Record<string, unknown> }; code?: string; message?: string };
const retryAfterOf = (e: ConnectorError) => {
  const s = Number(e.response?.headers?.['retry-after']);
  return Number.isFinite(s) && s >= 0 ? s : undefined;
};

/** Bot Connector errors carry the HTTP status; the code names it for the log and the user. */
function platformError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  const e = err as ConnectorError;
  const status = e.response?.status ?? e.status;
  return new PlatformError(status ? `http_${status}` : (e.code ?? e.message ?? 'unknown'), status === 429 ? retryAfterOf(e) : undefined);
}

const ATTEMPTS = 4;
const MAX_WAIT_S = 30;
/**
 * Throttling (429, waiting Retry-After) and unavailability (503, connection refused) mean the
 * connector did nothing: tried again with backoff. Other failures, timeouts included, are not
 * retried here (the message may have been posted); scheduled work retries them later.
 */
async function withConnectorRetries<T>(call: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const e = err as ConnectorError;
      const status = e.response?.status;
      const notDone = status === 429 || status === 503 || (!e.response && e.code === 'ECONNREFUSED');
      const wait = retryAfterOf(e) ?? 2 ** attempt * 0.5;
      if (!notDone || attempt >= ATTEMPTS || wait > MAX_WAIT_S) throw err;
      await sleep(wait * 1000);
    }
  }
}

/**
 * Proactive Teams messages through the stored conversation references (each conversation's own
 * serviceUrl). A person is reached in a 1:1 chat created with the bot (AAD object id or 29:…
 * id); that chat's reference is stored too, so its cards can be updated later.
 */
export function createTeamsPlatform(app: App, installations: InstallationRepository, now: () => Date, nameOf?: NameOf): ChatPlatform {
  const refOf = async (tenantId: string, conversationId?: string): Promise<ConversationRef | null> => {
    const data = await installations.find({ tenantId, platform: 'teams', ...(conversationId ? { key: conversationId } : {}) });
    return typeof data?.['serviceUrl'] === 'string' && data['serviceUrl'] ? { serviceUrl: data['serviceUrl'], ...(isBot(data['bot']) ? { bot: data['bot'] } : {}) } : null;
  };
  // the client appends "/v3/…": a stored "https://…/amer/" would give a double slash
  const client = (serviceUrl: string) => new Client(serviceUrl.replace(/\/+$/, ''), app.client);

  async function openChat(tenantId: string, userId: string): Promise<{ conversationId: string; serviceUrl: string }> {
    const any = await refOf(tenantId);
    if (!any) throw new PlatformError('no_conversation_reference');
    const member: Account = { id: userId, role: 'user' };
    const created = await withConnectorRetries(() => client(any.serviceUrl).conversations.create({ isGroup: false, ...(any.bot ? { bot: any.bot } : {}), members: [member], tenantId }));
    const serviceUrl = created.serviceUrl || any.serviceUrl;
    await installations.put({ tenantId, platform: 'teams', key: created.id }, { serviceUrl, conversation: { id: created.id, tenantId, conversationType: 'personal' }, bot: any.bot, tenantId }, now());
    return { conversationId: created.id, serviceUrl };
  }

  return {
    ...TEAMS_PROFILE,
    async canPost(tenantId, conversationId) {
      return (await refOf(tenantId, conversationId)) ? null : 'no_conversation_reference';
    },
    async post(tenantId, to, card) {
      try {
        let conversationId: string;
        let serviceUrl: string;
        if ('channelId' in to) {
          const ref = await refOf(tenantId, to.channelId);
          if (!ref) throw new PlatformError('no_conversation_reference');
          ({ conversationId, serviceUrl } = { conversationId: to.channelId, serviceUrl: ref.serviceUrl });
        } else {
          ({ conversationId, serviceUrl } = await openChat(tenantId, to.userId));
        }
        const sent = await withConnectorRetries(() => client(serviceUrl).conversations.createActivity(conversationId, cardMessage(card, nameOf)));
        if (!sent?.id) throw new PlatformError('no_activity_id');
        return { channelId: conversationId, messageId: sent.id };
      } catch (err) {
        throw platformError(err);
      }
    },
    async update(tenantId, at, card) {
      const ref = await refOf(tenantId, at.channelId);
      if (!ref) throw new PlatformError('no_conversation_reference');
      try {
        await withConnectorRetries(() => client(ref.serviceUrl).conversations.updateActivity(at.channelId, at.messageId, cardMessage(card, nameOf)));
      } catch (err) {
        throw platformError(err);
      }
    },
  };
}
