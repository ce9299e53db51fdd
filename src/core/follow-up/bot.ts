import { DateTime } from 'luxon';
import { t } from '../i18n/index.js';
import { addToNextReview, createFollowUpAction, snapshotOf } from './follow-up.js';
import type { MeetingDeps } from '../meetings/index.js';
import type { ActionRef } from '../cards/card.js';
import { mention } from '../cards/card.js';
import { FOLLOW_UP_ACTIONS } from '../kpi/index.js';
import { agendaCard, formatDay } from '../meetings/index.js';
import { participant } from '../meetings/index.js';
import type { BotContext, BotReply } from '../chat/types.js';
import { postingPlatform } from '../ports/chat-platform.js';

/** "Add to the next review" and "Create action" of KPI cards and complaint alerts. */
export async function followUpAction(deps: MeetingDeps, ctx: BotContext, action: ActionRef): Promise<BotReply> {
  const p = participant(ctx);
  const tenant = await deps.tenants.get(ctx.tenantId);
  // written in the team's language: it goes into shared agendas, minutes and reports
  const snap = await snapshotOf(deps, p, action.value, tenant.locale);
  if (action.id === FOLLOW_UP_ACTIONS.action) {
    const { action: a, created } = await createFollowUpAction(deps, p, snap, action.inputs ?? {});
    const key = created ? 'actions.added' : 'followup.action_exists';
    return { kind: 'notice', notice: { text: t(ctx.locale, key, { owner: mention(a.ownerId), due: formatDay(a.dueDate, ctx.locale), text: a.text }), tone: 'good' } };
  }
  const { meeting, created, already } = await addToNextReview(deps, p, snap);
  const when = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timezone }).setLocale(ctx.locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });
  if (created) {
    // a review nobody planned yet: the team sees its agenda like any other
    try {
      await postingPlatform(deps.platforms, p.platform)?.post(p.tenantId, { channelId: meeting.channelId }, agendaCard(meeting, tenant.locale));
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId }, 'follow-up: agenda could not be posted');
    }
  }
  const key = already ? 'followup.already' : created ? 'followup.added_new' : 'followup.added';
  return { kind: 'notice', notice: { text: t(ctx.locale, key, { title: meeting.title, when }), tone: already ? 'neutral' : 'good' } };
}
