/**
 * How a meeting series is going, from stored data only: ratings of the attendees, start on
 * time, time over each item's timebox and actions closed on time.
 */
import { DateTime } from 'luxon';
import type { ActionItem, Meeting } from '../domain/meeting.js';
import { UnknownWordsError } from '../errors.js';
import type { StatsArgs } from './stats-args.js';
import { periodLabel, resolvePeriod } from '../periods/index.js';
import type { MeetingDeps, Viewer } from './deps.js';
import { slug } from './plan-meeting.js';

export interface RatingSummary {
  /** ratings sent (asked) */
  sent: number;
  responses: number;
  average: number | null;
  /** answers with score 1…5 */
  distribution: [number, number, number, number, number];
  /** comments, newest first */
  comments: string[];
}

export interface ItemOverrun {
  text: string;
  /** its timebox (the latest) */
  planned: number;
  /** times the item was discussed */
  count: number;
  /** minutes over its timebox, on average (0 when on time) */
  averageOver: number;
}

export interface MeetingStats {
  period: string;
  series?: string;
  held: number;
  ratings: RatingSummary;
  onTime: number;
  overruns: ItemOverrun[];
  actions: { total: number; closedOnTime: number; closedLate: number; open: number };
}

/** A start within this many minutes of the planned time is on time. */
export const ON_TIME_GRACE_MINUTES = 5;
const WEEKLY = new Set(['weekly', 'semanal']);
const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

type StatsDeps = Pick<MeetingDeps, 'surveys' | 'responses' | 'meetings' | 'actions' | 'tenants'>;

export async function ratingsOf(deps: Pick<StatsDeps, 'surveys' | 'responses'>, tenantId: string, meetingIds: string[]): Promise<RatingSummary> {
  const surveys = meetingIds.length ? await deps.surveys.ofMeetings(tenantId, meetingIds) : [];
  const answers = (await deps.responses.ofUnlinkedSurveys(tenantId, surveys.map((s) => s.id))).filter((r) => r.type === 'meeting');
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
  for (const r of answers) if (r.score >= 1 && r.score <= 5) distribution[r.score - 1]!++;
  const answered = new Set(answers.map((r) => r.surveyId));
  return {
    sent: surveys.filter((s) => s.status === 'sent' || answered.has(s.id)).length,
    responses: answers.length,
    average: answers.length ? answers.reduce((s, r) => s + r.score, 0) / answers.length : null,
    distribution,
    comments: answers
      .filter((r) => r.comment?.trim())
      .sort((a, b) => b.respondedAt.getTime() - a.respondedAt.getTime())
      .map((r) => r.comment!.trim()),
  };
}

/** The ratings of the meeting before this one in its series (null when none was asked). */
export async function previousRatings(deps: StatsDeps, m: Meeting): Promise<{ title: string; at: Date; ratings: RatingSummary } | null> {
  const prev = await deps.meetings.previousOfSeries(m.tenantId, m.seriesId, m.startsAt);
  if (!prev || prev.status !== 'ended' || prev.id === m.id) return null;
  const ratings = await ratingsOf(deps, m.tenantId, [prev.id]);
  return ratings.sent > 0 ? { title: prev.title, at: prev.startedAt ?? prev.startsAt, ratings } : null;
}

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

function overruns(meetings: Meeting[]): ItemOverrun[] {
  const byItem = new Map<string, { text: string; planned: number; count: number; over: number }>();
  for (const m of meetings) {
    for (const i of m.agenda) {
      if (!i.startedAt || !i.endedAt) continue;
      const key = i.text.trim().toLowerCase();
      const row = byItem.get(key) ?? { text: i.text, planned: i.minutes, count: 0, over: 0 };
      row.count++;
      row.planned = i.minutes;
      row.over += Math.max(0, minutesBetween(i.startedAt, i.endedAt) - i.minutes);
      byItem.set(key, row);
    }
  }
  return [...byItem.values()].map((r) => ({ text: r.text, planned: r.planned, count: r.count, averageOver: r.over / r.count })).sort((a, b) => b.averageOver - a.averageOver);
}

/** Done on or before its due day (in the zone of its meeting). */
function actionCounts(actions: ActionItem[], zone: string): MeetingStats['actions'] {
  const out = { total: actions.length, closedOnTime: 0, closedLate: 0, open: 0 };
  for (const a of actions) {
    if (a.status !== 'done' || !a.doneAt) out.open++;
    else if (DateTime.fromJSDate(a.doneAt, { zone }).toISODate()! <= a.dueDate) out.closedOnTime++;
    else out.closedLate++;
  }
  return out;
}

/**
 * `meeting stats [series] [period]` in a conversation; an unknown series is refused by name.
 * It only reads, so it works from anywhere (the terminal CLI too).
 */
export async function meetingStats(deps: StatsDeps, p: Pick<Viewer, 'tenantId' | 'channelId' | 'locale' | 'now'>, args: StatsArgs): Promise<MeetingStats> {
  const tenant = await deps.tenants.get(p.tenantId);
  let seriesId: string | undefined;
  let series: string | undefined;
  if (args.series) {
    const key = WEEKLY.has(args.series.toLowerCase()) ? 'weekly' : slug(args.series);
    seriesId = `${p.channelId}:${key}`;
    const last = key ? await deps.meetings.previousOfSeries(p.tenantId, seriesId, FAR_FUTURE) : null;
    if (!last) throw new UnknownWordsError([args.series], 'meeting.example.stats');
    series = last.title;
  }
  const period = resolvePeriod(args.period, tenant.timezone, p.now);
  const meetings = await deps.meetings.endedBetween(p.tenantId, p.channelId, period.start, period.end, seriesId);
  const actions = (await Promise.all(meetings.map((m) => deps.actions.ofMeeting(p.tenantId, m.id)))).flat();
  return {
    period: periodLabel(period, p.locale),
    ...(series ? { series } : {}),
    held: meetings.length,
    ratings: await ratingsOf(deps, p.tenantId, meetings.map((m) => m.id)),
    onTime: meetings.filter((m) => m.startedAt && minutesBetween(m.startsAt, m.startedAt) <= ON_TIME_GRACE_MINUTES).length,
    overruns: overruns(meetings),
    actions: actionCounts(actions, tenant.timezone),
  };
}
