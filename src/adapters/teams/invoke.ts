import type { AdaptiveCardActionCardResponse, AdaptiveCardActionErrorResponse, AdaptiveCardActionMessageResponse, AdaptiveCardActionResponse } from '@microsoft/teams.api';
import { CARD } from './chat-platform.js';

/** The Adaptive Card an invoke answer carries, as the SDK types it. */
type AdaptiveCard = AdaptiveCardActionCardResponse['value'];

const isAdaptiveCard = (v: unknown): v is AdaptiveCard => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'AdaptiveCard';

/** A refusal of the invoke itself (not a bot answer): the client shows an error. */
export const errorInvoke = (statusCode: 400 | 500, code: string, message: string): AdaptiveCardActionErrorResponse => ({
  statusCode,
  type: 'application/vnd.microsoft.error',
  value: { code, message, innerHttpError: { statusCode, body: null } },
});

/** A short text the client shows in place of the card. */
export const messageInvoke = (text: string): AdaptiveCardActionMessageResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });

/** The card that replaces the one clicked (Universal Actions). */
export function cardInvoke(card: Record<string, unknown>): AdaptiveCardActionResponse {
  if (!isAdaptiveCard(card)) return errorInvoke(500, 'InternalError', 'not an Adaptive Card');
  return { statusCode: 200, type: CARD, value: card };
}
