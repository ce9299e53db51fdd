import { ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { parseActionEdit, parseMeetingEdit } from './edit-parse.js';
import { editAction } from './edit-action.js';
import { editAgenda, rescheduleMeeting } from './edit-meeting.js';
import type { MeetingDeps, Participant } from './run-meeting.js';
import type { BotContext, BotReply } from '../chat/types.js';

/** the caller as a meeting participant (meeting.ts's `participant`, passed in: no import cycle) */
type ToParticipant = (ctx: BotContext) => Participant;

/** `meeting reschedule <when>`, `meeting agenda add|remove|move …`; null for the other verbs. */
export async function meetingEditCommand(deps: MeetingDeps, ctx: BotContext, text: string, participant: ToParticipant): Promise<BotReply | null> {
  const tenant = await deps.tenants.get(ctx.tenantId);
  const intent = parseMeetingEdit(text, tenant.timezone, ctx.now);
  if (!intent) return null;
  const p = participant(ctx);
  const s = ctx.chat.commandPrefix;
  const m = await deps.meetings.current(ctx.tenantId, ctx.channelId, ctx.now);
  if (!m) throw new ValidationError('meeting.none', { s });
  if (intent.kind === 'reschedule') return { kind: 'card', card: await rescheduleMeeting(deps, p, m, intent.startsAt, tenant.locale), visibility: 'channel' };
  const { card, inPlace } = await editAgenda(deps, p, m, intent, tenant.locale);
  if (inPlace) return { kind: 'notice', notice: { text: t(ctx.locale, 'meeting.agenda.updated', { title: m.title }), tone: 'good' } };
  return { kind: 'card', card, visibility: 'channel' };
}

/** `actions edit|reassign|due|cancel <n> …`; null for the other verbs. */
export async function actionEditCommand(deps: MeetingDeps, ctx: BotContext, text: string, participant: ToParticipant): Promise<BotReply | null> {
  const tenant = await deps.tenants.get(ctx.tenantId);
  const intent = parseActionEdit(text, tenant.timezone, ctx.now);
  if (!intent) return null;
  return { kind: 'notice', notice: { text: await editAction(deps, participant(ctx), intent), tone: 'good' } };
}
