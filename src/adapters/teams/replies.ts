import type { ActivityLike, ActivityParams, SentActivity } from '@microsoft/teams.api';
import { PlatformError } from '../../core/errors.js';
import type { ReplySink } from '../../core/ports/chat-platform.js';
import { cardMessage } from './chat-platform.js';
import { mentionsToNames, type NameOf } from './render/adaptive-card.js';

/** What a Teams message handler can do in its conversation. */
export interface TeamsTurn {
  conversationId: string;
  send(activity: ActivityLike): Promise<SentActivity>;
  update(conversationId: string, activityId: string, activity: ActivityParams): Promise<unknown>;
}

/**
 * Core's reply port in a Teams conversation: every answer is a message there (Teams has no
 * answer only one person sees, and a form is a card with its inputs).
 */
export function teamsReplies(turn: TeamsTurn, nameOf: NameOf): ReplySink {
  const card = async (c: Parameters<typeof cardMessage>[0]) => void (await turn.send(cardMessage(c, nameOf)));
  return {
    toChannel: card,
    toUser: card,
    notice: async (notice) => void (await turn.send({ type: 'message', text: mentionsToNames(notice.text, nameOf) })),
    openForm: async () => false,
    async post(c) {
      const sent = await turn.send(cardMessage(c, nameOf));
      if (!sent.id) throw new PlatformError('no_activity_id');
      return { channelId: turn.conversationId, messageId: sent.id };
    },
    update: async (at, c) => void (await turn.update(at.channelId, at.messageId, cardMessage(c, nameOf))),
  };
}
