/**
 * Cancelling a planned meeting: asked by command (a card naming the meeting, with a button that
 * carries its id), done by the button, so a retried or doubled click cannot cancel another one.
 */
import { z } from 'zod';
import type { Meeting } from '../domain/meeting.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { parseActionValue } from '../cards/action-value.js';
import type { Locale } from '../i18n/index.js';
import type { Card } from '../cards/card.js';
import { cancelConfirmCard, cancelledCard } from './views/meeting-cancel.js';
import { idsOf, type MeetingDeps, type Participant } from './run-meeting.js';
import { postingPlatform } from '../ports/chat-platform.js';

function checkMayCancel(p: Participant, m: Meeting): void {
  if (!idsOf(p).includes(m.ownerId) && !p.isSupervisor) throw new ForbiddenError('meeting.cancel.forbidden', { title: m.title });
  if (m.status === 'running') throw new ValidationError('meeting.cancel.running');
  if (m.status !== 'planned') throw new ValidationError('meeting.cancel.not_planned', { title: m.title });
}

/** `meeting cancel`: the confirmation card of the conversation's next planned meeting. */
export function askToCancel(p: Participant, m: Meeting, locale: Locale): Card {
  checkMayCancel(p, m);
  return cancelConfirmCard(m, locale);
}

/**
 * Cancels once (compare-and-set planned → cancelled): only the caller that cancelled notifies,
 * each participant once by a keyed post; the channel gets the returned card.
 */
export async function cancelMeeting(deps: MeetingDeps, p: Participant, m: Meeting, locale: Locale): Promise<Card> {
  checkMayCancel(p, m);
  if (!(await deps.meetings.cancel(p.tenantId, m.id, p.userId, p.now))) throw new ValidationError('meeting.cancel.not_planned', { title: m.title });
  const card = cancelledCard(m, locale, p.userId);
  const chat = postingPlatform(deps.platforms, m.platform);
  const ids = idsOf(p);
  for (const userId of new Set([m.ownerId, ...m.participants])) {
    if (!chat || ids.includes(userId)) continue;
    try {
      await chat.post(p.tenantId, { userId }, card, { key: `meeting-cancelled:${m.id}:${userId}`, since: p.now });
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId, meetingId: m.id }, 'meeting cancel: notice failed');
    }
  }
  return card;
}

const valueSchema = z.strictObject({ m: z.string().regex(/^[a-f0-9]{24}$/) });

/** The confirmation card's button: the meeting it names, in the caller's workspace. */
export async function cancelFromButton(deps: MeetingDeps, p: Participant, value: string): Promise<Card> {
  const { m: id } = parseActionValue(valueSchema, value, 'survey.bad_value');
  const m = await deps.meetings.get(p.tenantId, id);
  if (!m) throw new NotFoundError('meeting.not_found');
  return cancelMeeting(deps, p, m, (await deps.tenants.get(p.tenantId)).locale);
}
