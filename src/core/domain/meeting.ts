import type { SurveyPlatform } from './survey.js';

/**
 * What a KPI card or a complaint alert showed when someone put it on a review's agenda or made
 * an action of it, written in the tenant's language at that moment.
 */
export interface Snapshot {
  kind: 'kpi' | 'complaint';
  /** what it is about (same KPIs and period, or the same survey): one agenda item per ref */
  ref: string;
  /** short, for lists: "FRT median · last week" */
  label: string;
  /** the numbers or the comment, one fact per line */
  text: string;
  capturedAt: Date;
  /** whose comment it quotes (erasure) */
  customerId?: string;
}

/** A note or a decision taken during an agenda item. */
export interface Entry {
  id: string;
  text: string;
  by: string;
  at: Date;
}

export interface AgendaItem {
  id: string;
  text: string;
  ownerId?: string;
  minutes: number;
  /** "kpi": shows the week's KPI card when it starts; "actions": open actions carried over */
  kind?: 'kpi' | 'actions';
  /** for "actions": what was carried over, as it read when the meeting was planned */
  carried?: { id: string; text: string; ownerId: string; dueDate: string }[];
  /** brought from a KPI card or a complaint alert */
  snapshot?: Snapshot;
  startedAt?: Date;
  endedAt?: Date;
  notes: Entry[];
  decisions: Entry[];
}

export type MeetingStatus = 'planned' | 'running' | 'ended' | 'cancelled';

export interface Meeting {
  id: string;
  tenantId: string;
  platform: SurveyPlatform;
  channelId: string;
  /** meetings of a series share it (carry-over of open actions) */
  seriesId: string;
  template?: MeetingTemplate;
  title: string;
  objective?: string;
  ownerId: string;
  participants: string[];
  /** only participants (and the owner) may press the live card's buttons */
  restricted: boolean;
  startsAt: Date;
  durationMinutes: number;
  timezone: string;
  reminderMinutes: number;
  status: MeetingStatus;
  agenda: AgendaItem[];
  currentItem: number;
  startedAt?: Date;
  endedAt?: Date;
  /** who cancelled a planned meeting, and when */
  cancelled?: { by: string; at: Date };
  /** the live card posted at the start */
  liveMessage?: { channelId: string; messageId: string };
  /** the agenda card posted when it was planned (absent: planned before it was kept) */
  agendaMessage?: { channelId: string; messageId: string };
  remindedAt?: Date;
  /** agenda items whose overrun was already announced */
  nudged: number[];
  /** bumped by every change of a planned meeting's agenda or time (compare-and-set) */
  rev?: number;
  /** the last move of its start (reminders and notices of the new time are keyed by `rev`) */
  rescheduled?: { by: string; at: Date };
}

/** An action item with an owner and a due date (a day in the tenant's zone). */
export interface ActionItem {
  id: string;
  tenantId: string;
  platform: SurveyPlatform;
  channelId: string;
  text: string;
  ownerId: string;
  dueDate: string;
  /** cancelled: out of lists, reminders and stats */
  status: 'open' | 'done' | 'cancelled';
  /** the number `/actions` shows, unique in the tenant (commands name actions by it) */
  no?: number;
  /** bumped by each change of owner, due date or text (compare-and-set; reminder keys) */
  rev?: number;
  cancelled?: { by: string; at: Date };
  meetingId?: string;
  seriesId?: string;
  /** the agenda item it came from */
  itemId?: string;
  /** the KPI card or complaint alert it was created from */
  origin?: Snapshot;
  createdBy: string;
  createdAt: Date;
  doneAt?: Date;
  remindedAt?: Date;
  escalatedAt?: Date;
}

export const MEETING_TEMPLATES = ['weekly', 'one-on-one'] as const;
export type MeetingTemplate = (typeof MEETING_TEMPLATES)[number];

export const DEFAULT_REMINDER_MINUTES = 15;
export const MAX_AGENDA_ITEMS = 40;

/** Minutes elapsed on the current item, and whether it ran over. */
export function itemClock(m: Meeting, now: Date): { elapsed: number; left: number; over: boolean } | null {
  const item = m.agenda[m.currentItem];
  if (m.status !== 'running' || !item?.startedAt) return null;
  const elapsed = (now.getTime() - item.startedAt.getTime()) / 60_000;
  return { elapsed, left: item.minutes - elapsed, over: elapsed > item.minutes };
}

export const plannedMinutes = (m: Meeting) => m.agenda.reduce((s, i) => s + i.minutes, 0);
