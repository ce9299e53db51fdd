import { z } from 'zod';
import { SCORE_RANGE, type SurveyResponseRecord } from '../domain/interaction.js';
import { isLowScore, isValidScore, responseIdOf, UNLINKED_SOURCE, type Survey } from '../domain/survey.js';
import { supervisorsOf, type TenantSettings } from '../domain/tenant.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import { UNLINKED } from '../kpi/index.js';
import type { ActionRef, Card } from '../cards/card.js';
import { complaintAlertCard } from './views/complaint-alert.js';
import { parseActionValue } from '../cards/action-value.js';
import {
  COMMENT_INPUT,
  COMMENT_MAX,
  reasonsOf,
  SURVEY_ACTIONS,
  surveyClosedCard,
  surveyFinalCard,
  surveyQuestionCard,
  surveyReasonsCard,
  surveyThanksCard,
  type SurveyView,
} from './views/survey-card.js';
import type { SurveyDeps } from './send-survey.js';
import { storeSurveyResponses } from '../records/index.js';
import { postingPlatform } from '../ports/chat-platform.js';

/** Who clicked, where: the message the button was on, when the platform says. */
export interface SurveyActor {
  tenantId: string;
  userId: string;
  channelId: string;
  messageId?: string;
  now: Date;
}

export interface AnswerDeps extends SurveyDeps {
  logger?: { warn(fields: object, message: string): void };
}

const valueSchema = z.strictObject({
  s: z.string().regex(/^[a-f0-9]{24}$/),
  v: z.number().optional(),
  r: z.number().int().min(-1).max(50).optional(),
});

export const isSurveyAction = (id: string) => (Object.values(SURVEY_ACTIONS) as string[]).includes(id);

const parseValue = (value: string) => parseActionValue(valueSchema, value, 'survey.bad_value');

/**
 * The survey a button names, if this click may touch it: one of the actor's tenant, or — for
 * Slack Connect, where the customer's workspace is another tenant — clicked on the survey's own
 * message. A button whose value names another survey than its message's is refused too.
 */
async function surveyFor(deps: SurveyDeps, actor: SurveyActor, id: string): Promise<Survey> {
  const survey = await deps.surveys.find(id);
  if (!survey || survey.status !== 'sent' || !survey.message) throw new NotFoundError('survey.not_found');
  const onItsMessage = actor.messageId !== undefined && survey.message.channelId === actor.channelId && survey.message.messageId === actor.messageId;
  if (actor.messageId !== undefined && !onItsMessage) throw new NotFoundError('survey.not_found');
  if (survey.tenantId !== actor.tenantId && !onItsMessage) throw new NotFoundError('survey.not_found');
  return survey;
}

function responseRecord(survey: Survey, current: StoredResponse | null, actor: SurveyActor, change: Partial<SurveyResponseRecord>): SurveyResponseRecord {
  const base: SurveyResponseRecord = {
    externalId: responseIdOf(survey.id),
    source: survey.interaction?.source ?? UNLINKED_SOURCE,
    type: survey.type,
    score: current?.score ?? 0,
    // the first answer's time keeps the response in its period when it is changed
    respondedAt: current?.respondedAt ?? actor.now,
    ...(survey.interaction ? { interactionExternalId: survey.interaction.externalId } : {}),
    surveyId: survey.id,
    respondent: current?.respondent ?? actor.userId,
    ...(current?.reason ? { reason: current.reason } : {}),
    ...(current?.comment ? { comment: current.comment } : {}),
  };
  const next = { ...base, ...change };
  for (const k of Object.keys(next) as (keyof SurveyResponseRecord)[]) if (next[k] === undefined) delete next[k];
  return next;
}

/** Every survey button and the comment form: answer, reason, comment, change. */
export async function answerSurvey(deps: AnswerDeps, actor: SurveyActor, action: ActionRef): Promise<Card> {
  const value = parseValue(action.value);
  const survey = await surveyFor(deps, actor, value.s);
  const tenant = await deps.tenants.get(survey.tenantId);
  const view: SurveyView = { survey, timezone: tenant.timezone };
  const current = await deps.responses.get(survey.tenantId, survey.interaction?.source ?? UNLINKED_SOURCE, responseIdOf(survey.id));

  if (survey.expiresAt && actor.now >= survey.expiresAt) return surveyClosedCard(view, current);
  if (current?.respondent && current.respondent !== actor.userId) throw new ForbiddenError('survey.answered_by_other');
  if (current?.comment) return surveyFinalCard(view, current);

  const save = async (change: Partial<SurveyResponseRecord>) => {
    const record = responseRecord(survey, current, actor, change);
    const counts = await storeSurveyResponses(deps, survey.tenantId, tenant.rollupTimezone, [record]);
    const stored = { ...record, dims: current?.dims ?? UNLINKED };
    // an identical resubmission (double click, platform retry) changes nothing, not even the alert
    if (counts.unchanged === 0) await syncComplaintAlert(deps, survey, stored, tenant);
    return stored;
  };

  switch (action.id) {
    case SURVEY_ACTIONS.answer: {
      if (!isValidScore(survey.type, value.v)) {
        const [min, max] = SCORE_RANGE[survey.type];
        throw new ValidationError('survey.bad_score', { type: survey.type.toUpperCase(), min, max });
      }
      const low = isLowScore(survey.type, value.v);
      const stored = await save({ score: value.v, reason: low ? current?.reason : undefined });
      const reasons = reasonsOf(tenant.surveys.reasons);
      return low && !stored.reason && reasons.length > 0 ? surveyReasonsCard(view, stored, reasons) : surveyThanksCard(view, stored);
    }
    case SURVEY_ACTIONS.reason: {
      if (!current) throw new ValidationError('survey.not_answered');
      const reasons = reasonsOf(tenant.surveys.reasons);
      if (value.r === undefined || value.r >= reasons.length) throw new ValidationError('survey.bad_reason');
      if (value.r === -1) return surveyThanksCard(view, current);
      return surveyThanksCard(view, await save({ reason: reasons[value.r]! }));
    }
    case SURVEY_ACTIONS.comment: {
      if (!current) throw new ValidationError('survey.not_answered');
      const comment = (action.inputs?.[COMMENT_INPUT] ?? '').trim();
      if (!comment) throw new ValidationError('survey.comment_empty');
      if (comment.length > COMMENT_MAX) throw new ValidationError('survey.comment_too_long', { max: COMMENT_MAX, length: comment.length });
      return surveyFinalCard(view, await save({ comment }));
    }
    case SURVEY_ACTIONS.change:
      return surveyQuestionCard(view, current?.score);
    default:
      throw new ValidationError('survey.bad_value');
  }
}

/**
 * A low score posts one alert to the supervisors' channel; later changes (another score, a
 * reason, the comment) update that same alert instead of posting another one.
 */
export async function syncComplaintAlert(deps: AnswerDeps, answered: Survey, response: StoredResponse, tenant: TenantSettings): Promise<void> {
  try {
    const survey = (await deps.surveys.find(answered.id)) ?? answered;
    const interaction = survey.interaction ? ((await deps.interactions.findByExternalIds(survey.tenantId, survey.interaction.source, [survey.interaction.externalId]))[0] ?? null) : null;
    const card = () => complaintAlertCard({ survey, response, interaction, settings: tenant.surveys, locale: tenant.locale, timezone: tenant.timezone, people: supervisorsOf(tenant.roles) });
    if (survey.alert) {
      await postingPlatform(deps.platforms, survey.alert.platform)?.update(survey.tenantId, survey.alert, card());
      return;
    }
    const target = tenant.supervisorsChannel;
    const chat = target ? postingPlatform(deps.platforms, target.platform) : undefined;
    if (!target || !chat || !isLowScore(survey.type, response.score)) return;
    if (!(await deps.surveys.claimAlert(survey.tenantId, survey.id))) return;
    try {
      const at = await chat.post(survey.tenantId, { channelId: target.channelId }, card());
      await deps.surveys.setAlert(survey.tenantId, survey.id, { platform: target.platform, ...at });
    } catch (e) {
      // released, so that the next change of the answer tries again
      await deps.surveys.setAlert(survey.tenantId, survey.id, null);
      throw e;
    }
  } catch (e) {
    deps.logger?.warn({ err: (e as Error).message, tenantId: answered.tenantId, surveyId: answered.id }, 'complaint alert could not be posted or updated');
  }
}
