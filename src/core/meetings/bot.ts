import { ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { parseActionsCommand, parseMeetingCommand } from './parse.js';
import { actionButton, addAction, listActions } from './action-items.js';
import { draftFromForm, planMeeting } from './plan-meeting.js';
import { endMeeting, meetingAction, startMeeting, type MeetingDeps, type Participant } from './run-meeting.js';
import type { ActionRef } from '../cards/card.js';
import { meetingStatsCard } from './views/meeting-stats.js';
import { meetingStats } from './meeting-stats.js';
import { askToCancel, cancelFromButton } from './cancel-meeting.js';
import { MEETING_CANCEL_ACTION } from './views/meeting-cancel.js';
import { ACTION_ITEM_ACTIONS, agendaCard, MEETING_ACTIONS, newMeetingForm } from './views/meeting-cards.js';
import type { BotContext, BotReply } from '../chat/types.js';
import { actionEditCommand, meetingEditCommand } from './bot-edit.js';
import { postingPlatformOf } from '../chat/posting.js';
import { postAgendaCard } from './agenda-message.js';
import type { Meeting } from '../domain/meeting.js';
import type { Locale } from '../i18n/index.js';

export const isMeetingAction = (id: string) => id === MEETING_CANCEL_ACTION || (Object.values(MEETING_ACTIONS) as string[]).includes(id);
export const isActionItemAction = (id: string) => (Object.values(ACTION_ITEM_ACTIONS) as string[]).includes(id);

/** The person acting in a chat that can post (meetings post cards and notices). */
export function participant(ctx: BotContext): Participant {
  return { tenantId: ctx.tenantId, platform: postingPlatformOf(ctx), userId: ctx.userId, ...(ctx.aliases ? { aliases: ctx.aliases } : {}), channelId: ctx.channelId, locale: ctx.locale, isSupervisor: ctx.isSupervisor, now: ctx.now };
}

const notice = (text: string, tone: 'good' | 'bad' | 'neutral' = 'good'): BotReply => ({ kind: 'notice', notice: { text, tone } });

/** A planned meeting's agenda card, posted where it can be updated later; else the answer, as before. */
async function agendaReply(deps: MeetingDeps, locale: Locale, m: Meeting, tenantLocale: Locale): Promise<BotReply> {
  const card = agendaCard(m, tenantLocale);
  if (await postAgendaCard(deps, m, card)) return notice(t(locale, 'meeting.planned', { title: m.title }));
  return { kind: 'card', card, visibility: 'channel' };
}

/** `meeting new | start | end`; other words are refused by the parser. */
export async function meetingCommand(deps: MeetingDeps, ctx: BotContext, text: string): Promise<BotReply> {
  const p = participant(ctx);
  const tenant = await deps.tenants.get(ctx.tenantId);
  const s = ctx.chat.commandPrefix;
  const edit = await meetingEditCommand(deps, ctx, text, (c) => participant(c));
  if (edit) return edit;
  const intent = parseMeetingCommand(text, tenant.timezone, ctx.now);
  switch (intent.kind) {
    case 'new': {
      if (!intent.draft) {
        const form = newMeetingForm(ctx.locale, ctx.userId);
        return { kind: 'form', card: { title: form.title, fallbackText: form.title, elements: [form] } };
      }
      return agendaReply(deps, ctx.locale, await planMeeting(deps, p, intent.draft), tenant.locale);
    }
    case 'start': {
      const m = await deps.meetings.current(ctx.tenantId, ctx.channelId, ctx.now);
      if (!m) throw new ValidationError('meeting.none', { s });
      await startMeeting(deps, p, m);
      return notice(t(ctx.locale, 'meeting.started'));
    }
    case 'end': {
      const m = await deps.meetings.current(ctx.tenantId, ctx.channelId, ctx.now);
      if (!m || m.status !== 'running') throw new ValidationError('meeting.none', { s });
      return { kind: 'card', card: await endMeeting(deps, p, m, tenant.locale), visibility: 'channel' };
    }
    case 'cancel': {
      const m = await deps.meetings.current(ctx.tenantId, ctx.channelId, ctx.now);
      if (!m) throw new ValidationError('meeting.none', { s });
      return { kind: 'card', card: askToCancel(p, m, ctx.locale), visibility: 'ephemeral' };
    }
    case 'stats':
      return { kind: 'card', card: meetingStatsCard(await meetingStats(deps, ctx, intent), ctx.locale), visibility: 'ephemeral' };
    case 'usage':
      return notice(t(ctx.locale, 'meeting.usage', { s }), 'neutral');
  }
}

/** `actions [mine|team|overdue]`, `actions add …`. */
export async function actionsCommand(deps: MeetingDeps, ctx: BotContext, text: string): Promise<BotReply> {
  const edit = await actionEditCommand(deps, ctx, text, (c) => participant(c));
  if (edit) return edit;
  const tenant = await deps.tenants.get(ctx.tenantId);
  const intent = parseActionsCommand(text, tenant.timezone, ctx.now);
  if (intent.kind === 'add') return notice(await addAction(deps, participant(ctx), intent));
  return { kind: 'card', card: await listActions(deps, ctx, intent.scope), visibility: 'ephemeral' };
}

/** The live card, the reminder's start button, the meeting form and the action buttons. */
export async function meetingBotAction(deps: MeetingDeps, ctx: BotContext, action: ActionRef, messageId?: string): Promise<BotReply> {
  const p = participant(ctx);
  if (action.id === MEETING_ACTIONS.create) {
    const tenant = await deps.tenants.get(ctx.tenantId);
    return agendaReply(deps, ctx.locale, await planMeeting(deps, p, draftFromForm(action.inputs ?? {}, tenant.timezone, ctx.now, ctx.locale)), tenant.locale);
  }
  if (action.id === MEETING_CANCEL_ACTION) {
    return { kind: 'card', card: await cancelFromButton(deps, p, action.value), visibility: 'channel' };
  }
  if (isActionItemAction(action.id)) {
    const { card, notice: text, inPlace } = await actionButton(deps, p, action);
    return inPlace ? { kind: 'card', card, visibility: 'channel' } : { kind: 'card', card: { ...card, subtitle: text }, visibility: 'ephemeral' };
  }
  return { kind: 'card', card: await meetingAction(deps, p, action, messageId), visibility: 'channel' };
}
