import { itemClock, type Meeting } from '../domain/meeting.js';
import { t } from '../i18n/index.js';
import { reminderCard as meetingReminderCard } from './views/meeting-cards.js';
import { actionItemCard, todayIn } from './action-items.js';
import { liveCardOf, type MeetingDeps } from './run-meeting.js';
import { previousRatings } from './meeting-stats.js';
import { previousRatingsElements } from './views/meeting-stats.js';
import { postingPlatform } from '../ports/chat-platform.js';

export interface JobCounts {
  reminders: number;
  nudges: number;
  liveUpdates: number;
  actionReminders: number;
  escalations: number;
}

/**
 * Once a minute (each step claimed in the database, so several instances do it once):
 * meeting reminders, overrun nudges and live-card clocks, action reminders on the due date
 * and overdue escalations to the meeting's owner.
 */
/** Each job's message is claimed, then posted under a key: an unknown outcome is looked for, not posted again. */
const once = (key: string, now: Date) => ({ key, since: now });
/** an action changed (new owner or due date) is reminded again, under a new key */
const revKey = (rev: number | undefined) => (rev ? `:${rev}` : '');

export async function runMeetingJobs(deps: MeetingDeps, now: Date, onError: (e: unknown) => void): Promise<JobCounts> {
  const counts: JobCounts = { reminders: 0, nudges: 0, liveUpdates: 0, actionReminders: 0, escalations: 0 };
  const guard = async (job: () => Promise<void>) => {
    try {
      await job();
    } catch (e) {
      onError(e);
    }
  };
  for (const tenantId of await deps.meetings.tenants()) {
    const tenant = await deps.tenants.get(tenantId);
    for (const m of await deps.meetings.toRemind(tenantId, new Date(now.getTime() + 24 * 3_600_000))) {
      if (m.startsAt.getTime() - m.reminderMinutes * 60_000 > now.getTime()) continue;
      await guard(async () => {
        // claimed at the start time read: a meeting moved meanwhile is reminded at its new time
        if (!(await deps.meetings.claimReminder(tenantId, m.id, now, m.startsAt))) return;
        await postingPlatform(deps.platforms, m.platform)?.post(tenantId, { channelId: m.channelId }, meetingReminderCard(m, tenant.locale, now, previousRatingsElements(await previousRatings(deps, m), tenant.locale, m.timezone)), once(`meeting-reminder:${m.id}${m.rescheduled ? `:${m.rev}` : ''}`, now));
        counts.reminders++;
      });
    }
    for (const m of await deps.meetings.running(tenantId)) await guard(() => tick(deps, m, now, tenant.locale, counts));
  }
  for (const tenantId of await deps.actions.tenants()) {
    const tenant = await deps.tenants.get(tenantId);
    const today = todayIn(tenant.timezone, now);
    for (const a of await deps.actions.open(tenantId, { dueOn: today })) {
      await guard(async () => {
        if (a.remindedAt || !(await deps.actions.claimReminder(tenantId, a.id, now, a.rev))) return;
        await postingPlatform(deps.platforms, a.platform)?.post(tenantId, { userId: a.ownerId }, actionItemCard(a, 'actions.reminder', tenant.locale), once(`action-reminder:${a.id}${revKey(a.rev)}`, now));
        counts.actionReminders++;
      });
    }
    for (const a of await deps.actions.open(tenantId, { dueBefore: today })) {
      await guard(async () => {
        if (a.escalatedAt || !(await deps.actions.claimEscalation(tenantId, a.id, now, a.rev))) return;
        const meeting = a.meetingId ? await deps.meetings.get(tenantId, a.meetingId) : null;
        const to = meeting?.ownerId ?? a.createdBy;
        await postingPlatform(deps.platforms, a.platform)?.post(tenantId, { userId: to }, actionItemCard(a, 'actions.escalation', tenant.locale), once(`action-escalation:${a.id}${revKey(a.rev)}`, now));
        counts.escalations++;
      });
    }
  }
  return counts;
}

/** The live card's clock, and one short nudge to the channel when an item runs over. */
async function tick(deps: MeetingDeps, m: Meeting, now: Date, locale: 'pt-BR' | 'en', counts: JobCounts): Promise<void> {
  const chat = postingPlatform(deps.platforms, m.platform);
  if (!chat) return;
  const clock = itemClock(m, now);
  const item = m.agenda[m.currentItem];
  if (clock?.over && item && (await deps.meetings.claimNudge(m.tenantId, m.id, m.currentItem))) {
    const text = t(locale, 'meeting.nudge', { text: item.text, minutes: item.minutes });
    await chat.post(m.tenantId, { channelId: m.channelId }, { title: text, fallbackText: text, elements: [] }, once(`meeting-nudge:${m.id}:${m.currentItem}`, now));
    counts.nudges++;
  }
  if (m.liveMessage) {
    await chat.update(m.tenantId, m.liveMessage, await liveCardOf(deps, m, locale, now));
    counts.liveUpdates++;
  }
}
