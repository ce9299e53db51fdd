import type { ActionItem, AgendaItem, Entry, Meeting } from '../domain/meeting.js';

export type NewMeeting = Omit<Meeting, 'id'>;
export type NewAction = Omit<ActionItem, 'id'>;

/** Meetings with their agenda; every change is atomic on the stored document. */
export interface MeetingStore {
  /** `id`: a chosen id (a claimed slot), else a new one */
  create(m: NewMeeting, id?: string): Promise<Meeting>;
  get(tenantId: string, id: string): Promise<Meeting | null>;
  /** the running meeting of a conversation, else the next planned one (or the latest started) */
  current(tenantId: string, channelId: string, now: Date): Promise<Meeting | null>;
  /** the latest meeting of a series that starts before `before` */
  previousOfSeries(tenantId: string, seriesId: string, before: Date): Promise<Meeting | null>;
  /** the soonest planned meeting of a series */
  nextPlanned(tenantId: string, seriesId: string): Promise<Meeting | null>;
  /**
   * The meeting that fills a slot of a series (e.g. next week's review): `meetingId` when this
   * caller is the first to claim it, else the id another caller claimed it for.
   */
  claimSlot(tenantId: string, slot: string, meetingId: string): Promise<string>;
  /** replaces a planned meeting's agenda if nobody changed it since `rev`; false otherwise */
  setAgenda(tenantId: string, id: string, rev: number | undefined, agenda: AgendaItem[]): Promise<boolean>;
  /** planned → running; false when it was not planned any more */
  start(tenantId: string, id: string, now: Date): Promise<boolean>;
  /** moves from item `from` to the next one; false when another click moved it already */
  advance(tenantId: string, id: string, from: number, now: Date): Promise<boolean>;
  /** appends a note or decision to an item of a running meeting; false when it is not running */
  addEntry(tenantId: string, id: string, item: number, kind: 'notes' | 'decisions', entry: Entry): Promise<boolean>;
  /** planned → cancelled (once: false when it was not planned any more) */
  cancel(tenantId: string, id: string, by: string, now: Date): Promise<boolean>;
  /** running → ended; false when it had ended already */
  end(tenantId: string, id: string, now: Date): Promise<boolean>;
  setLiveMessage(tenantId: string, id: string, at: { channelId: string; messageId: string }): Promise<void>;
  /** where the agenda card was posted, so an agenda edit updates it in place */
  setAgendaMessage(tenantId: string, id: string, at: { channelId: string; messageId: string }): Promise<void>;
  /** true once per meeting (and start time: a moved meeting is claimed at its new time only) */
  claimReminder(tenantId: string, id: string, now: Date, startsAt?: Date): Promise<boolean>;
  /** moves a planned meeting if nobody changed it since `rev` (its reminder is due again); false otherwise */
  reschedule(tenantId: string, id: string, rev: number | undefined, startsAt: Date, by: string, now: Date): Promise<boolean>;
  /** appends an item to a running meeting's agenda; false when it is not running or full */
  appendItem(tenantId: string, id: string, item: AgendaItem, max: number): Promise<boolean>;
  /** true once per meeting and agenda item */
  claimNudge(tenantId: string, id: string, item: number): Promise<boolean>;
  /** planned meetings starting before `until` that were not reminded */
  toRemind(tenantId: string, until: Date): Promise<Meeting[]>;
  running(tenantId: string): Promise<Meeting[]>;
  /** ended meetings of a conversation (one series, if given) started in [start, end), oldest first */
  endedBetween(tenantId: string, channelId: string, start: Date, end: Date, seriesId?: string): Promise<Meeting[]>;
  tenants(): Promise<string[]>;
}

export interface ActionStore {
  /** `id`: a chosen id (claimed beforehand), else a new one */
  create(a: NewAction, id?: string): Promise<ActionItem>;
  get(tenantId: string, id: string): Promise<ActionItem | null>;
  /** open actions by owner, channel or series; `dueBefore` (exclusive) for overdue ones */
  open(tenantId: string, by: { ownerId?: string | string[]; channelId?: string; seriesId?: string; meetingId?: string; dueBefore?: string; dueOn?: string }): Promise<ActionItem[]>;
  /** done between `start` (inclusive) and `end` (exclusive): reports' next steps */
  doneBetween(tenantId: string, start: Date, end: Date): Promise<ActionItem[]>;
  /** of a meeting, done or open (minutes); cancelled ones are left out */
  ofMeeting(tenantId: string, meetingId: string): Promise<ActionItem[]>;
  /** open → done; false when it was done already */
  markDone(tenantId: string, id: string, now: Date): Promise<boolean>;
  /** moves the due date of an open action (clears its reminder) */
  postpone(tenantId: string, id: string, dueDate: string): Promise<boolean>;
  /** the open action `/actions` shows with this number */
  byNumber(tenantId: string, no: number): Promise<ActionItem | null>;
  /**
   * Changes an open action nobody changed since `rev`; a new owner or due date clears its
   * reminder and escalation. False when it changed, closed or was cancelled meanwhile.
   */
  change(tenantId: string, id: string, rev: number | undefined, set: Partial<Pick<ActionItem, 'text' | 'ownerId' | 'dueDate'>>): Promise<boolean>;
  /** open → cancelled (once) */
  cancel(tenantId: string, id: string, by: string, now: Date): Promise<boolean>;
  /** `rev`: as read; an action changed meanwhile is not claimed */
  claimReminder(tenantId: string, id: string, now: Date, rev?: number): Promise<boolean>;
  claimEscalation(tenantId: string, id: string, now: Date, rev?: number): Promise<boolean>;
  tenants(): Promise<string[]>;
}
