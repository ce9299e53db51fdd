/**
 * The agenda card as a message of the meeting's channel: posted when the meeting is planned (a
 * Slack slash command's answer has no `ts`, so it is posted through the platform, like the live
 * card) and kept, so an agenda edit updates it where it is instead of posting it again.
 */
import type { Meeting } from '../domain/meeting.js';
import type { Card } from '../cards/card.js';
import { postingPlatform } from '../ports/chat-platform.js';
import type { MeetingDeps } from './deps.js';

const warn = (deps: MeetingDeps, m: Meeting, e: unknown, message: string) =>
  deps.logger?.warn({ err: (e as Error).message, tenantId: m.tenantId, meetingId: m.id }, message);

/** Posts it and keeps where; false when it cannot be posted (the caller answers with the card). */
export async function postAgendaCard(deps: MeetingDeps, m: Meeting, card: Card): Promise<boolean> {
  const chat = postingPlatform(deps.platforms, m.platform);
  if (!chat) return false;
  let at;
  try {
    at = await chat.post(m.tenantId, { channelId: m.channelId }, card);
  } catch (e) {
    warn(deps, m, e, 'meeting agenda: card not posted; answering with it');
    return false;
  }
  // it is posted: not keeping where only means a later edit posts it again
  await deps.meetings.setAgendaMessage(m.tenantId, m.id, at).catch((e: unknown) => warn(deps, m, e, 'meeting agenda: where it was posted not kept'));
  return true;
}

/** Updates it in place; false when there is none (planned before it was kept) or the update failed. */
export async function updateAgendaCard(deps: MeetingDeps, m: Meeting, card: Card): Promise<boolean> {
  const chat = postingPlatform(deps.platforms, m.platform);
  if (!chat || !m.agendaMessage) return false;
  try {
    await chat.update(m.tenantId, m.agendaMessage, card);
    return true;
  } catch (e) {
    warn(deps, m, e, 'meeting agenda: card not updated; posting it again');
    return false;
  }
}
