import { ForbiddenError } from '../errors.js';
import { t } from '../i18n/index.js';
import { answerSurvey, type AnswerDeps } from './answer-survey.js';
import { sendSurvey } from './send-survey.js';
import { showSurveyResults, type SurveyResultsDeps } from './survey-results.js';
import { mention, type ActionRef } from '../cards/card.js';
import { formatDate } from './views/survey-card.js';
import { parseSurveyCommand } from './parse.js';
import type { BotContext, BotReply } from '../chat/types.js';
import { postingPlatformOf } from '../chat/posting.js';

export type SurveyBotDeps = AnswerDeps & SurveyResultsDeps;

const platformOf = postingPlatformOf;

/** `survey send | results | alerts`; anything else shows how to use it. */
export async function surveyCommand(deps: SurveyBotDeps, ctx: BotContext, text: string, chartUrlLimit: number): Promise<BotReply> {
  const intent = parseSurveyCommand(text);
  const s = ctx.chat.commandPrefix;
  switch (intent.kind) {
    case 'send': {
      const recipient = intent.recipient === 'here' ? { channelId: ctx.channelId } : intent.recipient;
      const { survey, created } = await sendSurvey(deps, {
        tenantId: ctx.tenantId,
        type: intent.type,
        platform: platformOf(ctx),
        recipient,
        ...(intent.ticket ? { interaction: intent.ticket } : {}),
        sentBy: ctx.userId,
      });
      const type = survey.type.toUpperCase();
      const tenant = await deps.tenants.get(ctx.tenantId);
      const text = created
        ? t(ctx.locale, 'survey.sent', { type, recipient: 'userId' in recipient ? mention(recipient.userId) : `#${recipient.channelId}` })
        : t(ctx.locale, 'survey.already_sent', { type, ticket: survey.interaction?.externalId ?? '—', date: formatDate(survey.sentAt ?? survey.dueAt, ctx.locale, tenant.timezone) });
      return { kind: 'notice', notice: { text, tone: created ? 'good' : 'neutral' } };
    }
    case 'results': {
      const viewer = { tenantId: ctx.tenantId, userId: ctx.userId, locale: ctx.locale, isSupervisor: ctx.isSupervisor };
      const card = await showSurveyResults(deps, { viewer, args: intent.args, now: ctx.now, chartUrlLimit });
      return { kind: 'card', card, visibility: 'ephemeral' };
    }
    case 'alerts': {
      if (!ctx.isSupervisor) throw new ForbiddenError('survey.alerts_forbidden');
      await deps.tenants.update(ctx.tenantId, { supervisorsChannel: intent.on ? { platform: platformOf(ctx), channelId: ctx.channelId } : undefined });
      return { kind: 'notice', notice: { text: t(ctx.locale, intent.on ? 'survey.alerts_set' : 'survey.alerts_off'), tone: 'good' } };
    }
    case 'usage':
      return { kind: 'notice', notice: { text: t(ctx.locale, 'survey.usage', { s }), tone: 'neutral' } };
  }
}

/** A survey button or the comment form: the survey message is replaced by the next step. */
export async function surveyAction(deps: SurveyBotDeps, ctx: BotContext, action: ActionRef, messageId?: string): Promise<BotReply> {
  const actor = { tenantId: ctx.tenantId, userId: ctx.userId, channelId: ctx.channelId, now: ctx.now, ...(messageId ? { messageId } : {}) };
  return { kind: 'card', card: await answerSurvey(deps, actor, action), visibility: 'channel' };
}
