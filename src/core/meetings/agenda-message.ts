/**
 * The agenda card as a message of the meeting's channel: posted when the meeting is planned (a
 * Slack slash command's answer has no `ts`, so it is posted through the platform, like the live
 * card) and kept, so an agenda edit updates it where it is instead of posting it again.
 */
import type { Meeting } from '../domain/meeting.js';
import type { Card } from '../cards/card.js';
import type { Locale } from '../i18n/index.js';
import { agendaCard } from './views/meeting-cards.js';
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

/**
 * Updates it in place with the meeting as `m` holds it, then again while a later revision was
 * stored meanwhile: two quick edits' updates can land out of order, and the one landing last
 * rechecks, so the card ends on the latest agenda. False when there is none (planned before it
 * was kept) or the first update failed.
 */
export async function updateAgendaCard(deps: MeetingDeps, m: Meeting, locale: Locale): Promise<boolean> {
  const chat = postingPlatform(deps.platforms, m.platform);
  const where = m.agendaMessage;
  if (!chat || !where) return false;
  let shown = m;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    try {
      await chat.update(m.tenantId, where, agendaCard(shown, locale));
    } catch (e) {
      warn(deps, m, e, round === 0 ? 'meeting agenda: card not updated; posting it again' : 'meeting agenda: card not brought up to date');
      return round > 0;
    }
    const latest = await deps.meetings.get(m.tenantId, m.id).catch(() => undefined);
    // a started or cancelled meeting's card is another flow's
    if (!latest || latest.status !== 'planned' || (latest.rev ?? 0) <= (shown.rev ?? 0)) return true;
    shown = latest;
  }
  return true;
}

/** each round follows an edit that landed meanwhile: a few are plenty */
const MAX_ROUNDS = 4;
