import type { SurveyPlatform, SurveyRecipient } from '../domain/survey.js';
import type { Card } from '../views/card.js';
import type { Locale } from '../i18n/index.js';

/** Where a posted message is: Slack channel + ts, Teams conversation + activity id. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** A post that must not be repeated: its key, and a time before which it cannot have been posted. */
export interface PostOnce {
  key: string;
  since: Date;
  /** an earlier attempt's outcome is unknown: look for the message before posting */
  checkFirst?: boolean;
}

/** Proactive messages of one platform (surveys, alerts, live cards, reports). */
export interface Messenger {
  /**
   * Posts a card to a conversation or to a person (DM / 1:1 chat); throws PlatformError. With
   * `once`, a platform that can find its own messages again (Slack) never posts it twice.
   */
  post(tenantId: string, to: SurveyRecipient, card: Card, once?: PostOnce): Promise<MessageRef>;
  /** Whether `post` with `once` finds an earlier post instead of repeating it. */
  findsKeyedPosts?: boolean;
  /** The language a person uses on the platform, when it says (null otherwise or on error). */
  localeOf?(tenantId: string, userId: string): Promise<Locale | null>;
  /**
   * Attaches a file to a posted message (in its thread), or shares it in a conversation when
   * `at` has no message, where the platform takes files; text is sent as UTF-8.
   */
  attach?(tenantId: string, at: MessageRef | { channelId: string; messageId?: undefined }, file: { name: string; title: string; content: string | Uint8Array; comment?: string }): Promise<void>;
  /** Why the bot cannot post in a conversation (a platform code), or null when it can. */
  canPost?(tenantId: string, channelId: string): Promise<string | null>;
  /** Replaces a posted card in place; throws PlatformError. */
  update(tenantId: string, at: MessageRef, card: Card): Promise<void>;
}

/** The messengers of the platforms configured on this service. */
export type Messengers = Partial<Record<SurveyPlatform, Messenger>>;
