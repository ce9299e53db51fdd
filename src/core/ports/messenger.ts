import type { SurveyPlatform, SurveyRecipient } from '../domain/survey.js';
import type { Card } from '../views/card.js';

/** Where a posted message is: Slack channel + ts, Teams conversation + activity id. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

/** Proactive messages of one platform (surveys, alerts, live cards, reports). */
export interface Messenger {
  /** Posts a card to a conversation or to a person (DM / 1:1 chat); throws PlatformError. */
  post(tenantId: string, to: SurveyRecipient, card: Card): Promise<MessageRef>;
  /** Replaces a posted card in place; throws PlatformError. */
  update(tenantId: string, at: MessageRef, card: Card): Promise<void>;
}

/** The messengers of the platforms configured on this service. */
export type Messengers = Partial<Record<SurveyPlatform, Messenger>>;
