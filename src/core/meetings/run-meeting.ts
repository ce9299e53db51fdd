import { z } from 'zod';
import type { Meeting } from '../domain/meeting.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import { parseDueDate } from './parse.js';
import type { ActionRef, Card } from '../cards/card.js';
import { parseActionValue } from '../cards/action-value.js';
import { ENTRY_MAX, endedCard, liveCard, MEETING_ACTIONS, minutesCards, ownerActionsCard } from './views/meeting-cards.js';
import { previousRatingsElements } from './views/meeting-stats.js';
import { previousRatings } from './meeting-stats.js';
import { sendSurvey } from '../surveys/index.js';
import { showKpiCard } from '../kpi/index.js';
import { postingPlatform } from '../ports/chat-platform.js';
import type { MeetingDeps, Participant, Viewer } from './deps.js';

export type { MeetingDeps, Participant, Viewer } from './deps.js';

const valueSchema = z.strictObject({ m: z.string().regex(/^[a-f0-9]{24}$/), i: z.number().int().min(0).max(100).optional() });

const parseValue = (value: string) => parseActionValue(valueSchema, value, 'survey.bad_value');

async function meetingFor(deps: MeetingDeps, p: Participant, id: string): Promise<Meeting> {
  const m = await deps.meetings.get(p.tenantId, id);
  if (!m) throw new NotFoundError('meeting.not_found');
  const ids = idsOf(p);
  if (m.restricted && !ids.includes(m.ownerId) && !m.participants.some((x) => ids.includes(x)) && !p.isSupervisor) throw new ForbiddenError('meeting.restricted');
  return m;
}

export const idsOf = (p: Viewer) => [p.userId, ...(p.aliases ?? [])];

const fresh = async (deps: MeetingDeps, m: Meeting) => (await deps.meetings.get(m.tenantId, m.id)) ?? m;
export async function liveCardOf(deps: MeetingDeps, m: Meeting, locale: Locale, now: Date): Promise<Card> {
  // the previous meeting's ratings open the next one (first item only: no lookups after)
  const ratings = m.currentItem === 0 ? previousRatingsElements(await previousRatings(deps, m), locale, m.timezone) : [];
  return liveCard(m, await deps.actions.ofMeeting(m.tenantId, m.id), locale, now, ratings);
}

/**
 * Starts a planned meeting. From a button (the reminder), that message becomes the live card;
 * from a command, the live card is posted to the channel. A weekly review opens with the
 * week's KPI card.
 */
export async function startMeeting(deps: MeetingDeps, p: Participant, m: Meeting, messageId?: string): Promise<Card | null> {
  if (m.status === 'ended') throw new ValidationError('meeting.ended_already');
  if (m.status === 'cancelled') throw new ValidationError('meeting.cancel.not_planned', { title: m.title });
  if (m.status === 'running') throw new ValidationError('meeting.already_running');
  if (!(await deps.meetings.start(p.tenantId, m.id, p.now))) throw new ValidationError('meeting.already_running');
  const started = await fresh(deps, m);
  const locale = (await deps.tenants.get(p.tenantId)).locale;
  const card = await liveCardOf(deps, started, locale, p.now);
  if (messageId) await deps.meetings.setLiveMessage(p.tenantId, m.id, { channelId: m.channelId, messageId });
  else {
    const chat = postingPlatform(deps.platforms, m.platform);
    if (chat) await deps.meetings.setLiveMessage(p.tenantId, m.id, await chat.post(p.tenantId, { channelId: m.channelId }, card));
  }
  if (started.agenda[0]?.kind === 'kpi') await postKpiCard(deps, p, started);
  return messageId ? card : null;
}

async function postKpiCard(deps: MeetingDeps, p: Participant, m: Meeting): Promise<void> {
  const chat = postingPlatform(deps.platforms, m.platform);
  if (!chat) return;
  try {
    const card = await showKpiCard(deps, {
      viewer: { tenantId: p.tenantId, userId: p.userId, locale: p.locale, isSupervisor: true },
      args: { period: { kind: 'week' }, filters: {}, live: false },
      now: p.now,
      chartUrlLimit: chat.limits.chartUrl,
    });
    await chat.post(p.tenantId, { channelId: m.channelId }, card);
  } catch (e) {
    deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId }, 'meeting: KPI card could not be posted');
  }
}

function entryText(inputs: Record<string, string> | undefined, id: string): string {
  const text = (inputs?.[id] ?? '').trim();
  if (!text) throw new ValidationError('meeting.empty_entry');
  if (text.length > ENTRY_MAX) throw new ValidationError('meeting.entry_too_long', { max: ENTRY_MAX, length: text.length });
  return text;
}

let entries = 0;
const entryId = () => `e${Date.now().toString(36)}${(entries++).toString(36)}`;

/** The live card's buttons and forms; the answer is the card as it is now. */
export async function meetingAction(deps: MeetingDeps, p: Participant, action: ActionRef, messageId?: string): Promise<Card> {
  const value = parseValue(action.value);
  const m = await meetingFor(deps, p, value.m);
  const locale = (await deps.tenants.get(p.tenantId)).locale;
  if (action.id === MEETING_ACTIONS.start) return (await startMeeting(deps, p, m, messageId)) ?? (await liveCardOf(deps, await fresh(deps, m), locale, p.now));
  if (m.status === 'ended') throw new ValidationError('meeting.ended_already');
  if (m.status !== 'running') throw new ValidationError('meeting.not_running');
  switch (action.id) {
    case MEETING_ACTIONS.next:
      // the value names the item it was pressed on: a double click moves one item, not two
      if (value.i !== undefined) await deps.meetings.advance(p.tenantId, m.id, value.i, p.now);
      break;
    case MEETING_ACTIONS.note:
    case MEETING_ACTIONS.decision: {
      const kind = action.id === MEETING_ACTIONS.note ? 'note' : 'decision';
      const text = entryText(action.inputs, kind);
      if (!(await deps.meetings.addEntry(p.tenantId, m.id, m.currentItem, kind === 'note' ? 'notes' : 'decisions', { id: entryId(), text, by: p.userId, at: p.now }))) {
        throw new ValidationError('meeting.not_running');
      }
      break;
    }
    case MEETING_ACTIONS.action: {
      const what = entryText(action.inputs, 'what');
      const ownerId = (action.inputs?.['owner'] ?? '').trim();
      if (!ownerId) throw new ValidationError('actions.need_owner');
      const dueDate = parseDueDate(action.inputs?.['due'] ?? '', m.timezone, p.now);
      await deps.actions.create({
        tenantId: p.tenantId, platform: m.platform, channelId: m.channelId, text: what, ownerId, dueDate, status: 'open',
        meetingId: m.id, seriesId: m.seriesId, itemId: m.agenda[m.currentItem]!.id, createdBy: p.userId, createdAt: p.now,
      });
      break;
    }
    case MEETING_ACTIONS.end:
      return endMeeting(deps, p, m, locale);
    default:
      throw new ValidationError('survey.bad_value');
  }
  return liveCardOf(deps, await fresh(deps, m), locale, p.now);
}

/**
 * Ends the meeting once: the minutes go to the channel (in pages when long), each owner gets
 * their actions, and every attendee a one-click rating of the meeting.
 */
export async function endMeeting(deps: MeetingDeps, p: Participant, m: Meeting, locale: Locale): Promise<Card> {
  if (!(await deps.meetings.end(p.tenantId, m.id, p.now))) throw new ValidationError('meeting.ended_already');
  const ended = await fresh(deps, m);
  const actions = await deps.actions.ofMeeting(p.tenantId, m.id);
  const chat = postingPlatform(deps.platforms, m.platform);
  const attempt = async (what: string, job: () => Promise<unknown>) => {
    try {
      await job();
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId, meetingId: m.id }, `meeting end: ${what} failed`);
    }
  };
  if (chat) {
    for (const page of minutesCards(ended, actions, locale)) await attempt('minutes', () => chat.post(p.tenantId, { channelId: m.channelId }, page));
    const owners = new Map<string, typeof actions>();
    for (const a of actions) owners.set(a.ownerId, [...(owners.get(a.ownerId) ?? []), a]);
    for (const [ownerId, mine] of owners) await attempt('owner actions', () => chat.post(p.tenantId, { userId: ownerId }, ownerActionsCard(ended, mine, locale)));
  }
  for (const userId of new Set([ended.ownerId, ...ended.participants])) {
    await attempt('rating', () => sendSurvey(deps, { tenantId: p.tenantId, type: 'meeting', platform: m.platform, recipient: { userId }, meeting: { id: m.id, title: m.title }, sentBy: p.userId }));
  }
  return endedCard(ended, locale);
}
