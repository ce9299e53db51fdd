import type { SurveyPlatform, SurveyRecipient } from '../domain/survey.js';
import type { Card } from '../views/card.js';
import type { Locale } from '../i18n/index.js';

/** Where a posted message is: Slack channel + ts, Teams conversation + activity id. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** Proactive messages of one platform (surveys, alerts, live cards, reports). */
export interface Messenger {
  /** Posts a card to a conversation or to a person (DM / 1:1 chat); throws PlatformError. */
  post(tenantId: string, to: SurveyRecipient, card: Card): Promise<MessageRef>;
  /** The language a person uses on the platform, when it says (null otherwise or on error). */
  localeOf?(tenantId: string, userId: string): Promise<Locale | null>;
  /** Attaches a file to a posted message (in its thread), where the platform takes files. */
  attach?(tenantId: string, at: MessageRef, file: { name: string; title: string; content: string }): Promise<void>;
  /** Why the bot cannot post in a conversation (a platform code), or null when it can. */
  canPost?(tenantId: string, channelId: string): Promise<string | null>;
  /** Replaces a posted card in place; throws PlatformError. */
  update(tenantId: string, at: MessageRef, card: Card): Promise<void>;
}

/** The messengers of the platforms configured on this service. */
export type Messengers = Partial<Record<SurveyPlatform, Messenger>>;
