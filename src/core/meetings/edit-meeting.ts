/**
 * Changing a meeting before it starts: its time (reminders follow, participants are told once)
 * and its agenda. Every change is a compare-and-set on the meeting's `rev`, so two edits that
 * read the same meeting apply one, and a retried request cannot apply twice.
 */
import { randomBytes } from 'node:crypto';
import { MAX_AGENDA_ITEMS, type AgendaItem, type Meeting } from '../domain/meeting.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import type { MeetingEditIntent } from './edit-parse.js';
import type { Card } from '../cards/card.js';
import { agendaCard } from './views/meeting-cards.js';
import { rescheduledCard } from './views/meeting-edit.js';
import { idsOf, liveCardOf, type MeetingDeps, type Participant } from './run-meeting.js';
import { postingPlatform } from '../ports/chat-platform.js';
import { updateAgendaCard } from './agenda-message.js';

function checkMayEdit(p: Participant, m: Meeting): void {
  if (!idsOf(p).includes(m.ownerId) && !p.isSupervisor) throw new ForbiddenError('meeting.edit.forbidden', { title: m.title });
}

const notPlanned = (m: Meeting) => new ValidationError('meeting.edit.not_planned', { title: m.title });
const changed = (m: Meeting) => new ValidationError('meeting.edit.changed', { title: m.title });

/** Moves a planned meeting to a later time; only the caller whose change applied tells anyone. */
export async function rescheduleMeeting(deps: MeetingDeps, p: Participant, m: Meeting, startsAt: Date, locale: Locale): Promise<Card> {
  checkMayEdit(p, m);
  if (m.status !== 'planned') throw notPlanned(m);
  if (startsAt.getTime() <= p.now.getTime()) throw new ValidationError('meeting.reschedule.past');
  if (startsAt.getTime() === m.startsAt.getTime()) throw new ValidationError('meeting.reschedule.same', { title: m.title });
  if (!(await deps.meetings.reschedule(p.tenantId, m.id, m.rev, startsAt, p.userId, p.now))) throw changed(m);
  const moved: Meeting = { ...m, startsAt, rev: (m.rev ?? 0) + 1 };
  const card = rescheduledCard(moved, m.startsAt, locale, p.userId);
  const chat = postingPlatform(deps.platforms, m.platform);
  const ids = idsOf(p);
  for (const userId of new Set([m.ownerId, ...m.participants])) {
    if (!chat || ids.includes(userId)) continue;
    try {
      // keyed by the change: a retried post of this notice finds the first one
      await chat.post(p.tenantId, { userId }, card, { key: `meeting-rescheduled:${m.id}:${moved.rev}:${userId}`, since: p.now });
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId, meetingId: m.id }, 'meeting reschedule: notice failed');
    }
  }
  // the agenda card in the channel shows the new time too (participants were told just above)
  await updateAgendaCard(deps, moved, locale);
  return card;
}

const itemId = () => `i${randomBytes(6).toString('hex')}`;

function itemAt(m: Meeting, n: number): void {
  if (n < 1 || n > m.agenda.length) throw new ValidationError('meeting.agenda.no_item', { n, count: m.agenda.length });
}

/** The agenda after the edit (the meeting's is left as it is). */
function editedAgenda(m: Meeting, intent: Exclude<MeetingEditIntent, { kind: 'reschedule' }>): AgendaItem[] {
  const agenda = [...m.agenda];
  if (intent.kind === 'agenda-add') {
    if (agenda.length >= MAX_AGENDA_ITEMS) throw new ValidationError('meeting.too_many_items', { max: MAX_AGENDA_ITEMS });
    agenda.push({ id: itemId(), text: intent.text, minutes: intent.minutes, ...(intent.ownerId ? { ownerId: intent.ownerId } : {}), notes: [], decisions: [] });
  } else if (intent.kind === 'agenda-remove') {
    itemAt(m, intent.n);
    if (agenda.length === 1) throw new ValidationError('meeting.agenda.last_item');
    agenda.splice(intent.n - 1, 1);
  } else {
    itemAt(m, intent.n);
    itemAt(m, intent.to);
    const [item] = agenda.splice(intent.n - 1, 1);
    agenda.splice(intent.to - 1, 0, item!);
  }
  return agenda;
}

/**
 * Edits a planned meeting's agenda; its card is updated where it was posted (`inPlace`) or
 * returned to post again (meetings planned before it was kept, a failed update). While it runs,
 * an item may still be added at the end (the live card shows it in place).
 */
export async function editAgenda(deps: MeetingDeps, p: Participant, m: Meeting, intent: Exclude<MeetingEditIntent, { kind: 'reschedule' }>, locale: Locale): Promise<{ card: Card; inPlace: boolean }> {
  checkMayEdit(p, m);
  if (m.status === 'running' && intent.kind === 'agenda-add') return { card: await addWhileRunning(deps, p, m, intent, locale), inPlace: false };
  if (m.status !== 'planned') throw notPlanned(m);
  const agenda = editedAgenda(m, intent);
  if (!(await deps.meetings.setAgenda(p.tenantId, m.id, m.rev, agenda))) throw changed(m);
  const edited: Meeting = { ...m, agenda, rev: (m.rev ?? 0) + 1 };
  return { card: agendaCard(edited, locale), inPlace: await updateAgendaCard(deps, edited, locale) };
}

async function addWhileRunning(deps: MeetingDeps, p: Participant, m: Meeting, intent: Extract<MeetingEditIntent, { kind: 'agenda-add' }>, locale: Locale): Promise<Card> {
  const item = editedAgenda(m, intent).at(-1)!;
  if (!(await deps.meetings.appendItem(p.tenantId, m.id, item, MAX_AGENDA_ITEMS))) throw changed(m);
  const now = (await deps.meetings.get(p.tenantId, m.id)) ?? { ...m, agenda: [...m.agenda, item] };
  if (now.liveMessage) {
    try {
      await postingPlatform(deps.platforms, m.platform)?.update(p.tenantId, now.liveMessage, await liveCardOf(deps, now, locale, p.now));
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId, meetingId: m.id }, 'meeting agenda: live card not updated');
    }
  }
  return agendaCard(now, locale);
}
