import { Router } from 'express';
import { z } from 'zod';
import { SURVEY_TYPES } from '../../../core/domain/interaction.js';
import type { Survey, SurveyRecipient } from '../../../core/domain/survey.js';
import { ValidationError } from '../../../core/errors.js';
import { LOCALES, t } from '../../../core/i18n/index.js';
import { sourceSchema } from '../../../core/ingest/fields.js';
import { sendSurvey, type SurveyDeps } from '../../../core/surveys/send-survey.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';
import { sendAs } from '../api-contract.js';

const common = {
  type: z.enum(SURVEY_TYPES),
  interactionExternalId: z.string().trim().min(1).max(200).optional(),
  /** the interaction's source; "api" when absent */
  source: sourceSchema.optional(),
  locale: z.enum(LOCALES).optional(),
};
const slackUser = z.strictObject({ userId: z.string().regex(/^[UW][A-Z0-9]{2,30}$/) });
const slackChannel = z.strictObject({ channelId: z.string().regex(/^[CDG][A-Z0-9]{2,30}$/) });
const teamsConversation = z.strictObject({ conversationId: z.string().min(1).max(500) });
const teamsUser = z.strictObject({ aadObjectId: z.uuid() });

export const surveyRequestSchema = z.discriminatedUnion('platform', [
  z.strictObject({ ...common, platform: z.literal('slack'), recipient: z.union([slackUser, slackChannel]) }),
  z.strictObject({ ...common, platform: z.literal('teams'), recipient: z.union([teamsConversation, teamsUser]) }),
]);
type SurveyRequest = z.infer<typeof surveyRequestSchema>;

/** Both platforms' recipients in the core's terms: a person or a conversation. */
function recipientOf(r: SurveyRequest['recipient']): SurveyRecipient {
  if ('userId' in r) return { userId: r.userId };
  if ('channelId' in r) return { channelId: r.channelId };
  if ('conversationId' in r) return { channelId: r.conversationId };
  return { userId: r.aadObjectId };
}

const FIELDS = new Set(['type', 'platform', 'recipient', 'interactionExternalId', 'source', 'locale']);

/** The first problem of a body, in the caller's language. */
function bodyError(error: z.ZodError, locale: 'en' | 'pt-BR'): ValidationError {
  const details = error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    if (i.code === 'unrecognized_keys') return t(locale, 'survey.api.unknown_fields', { fields: i.keys.join(', ') });
    return t(locale, `survey.api.${FIELDS.has(field) ? field : 'body'}`);
  });
  return new ValidationError('error.validation', { details: details[0] ?? '' }, details);
}

const iso = z.string().describe('ISO 8601');
/** A survey as the API shows it (201 sent, 200 the one already sent: duplicate). */
export const ZSurveyView = z.object({
  id: z.string(),
  type: z.enum(['csat', 'nps', 'meeting']),
  platform: z.enum(['slack', 'teams']),
  status: z.enum(['scheduled', 'sending', 'sent', 'failed']),
  recipient: z.union([z.object({ userId: z.string() }), z.object({ channelId: z.string() })]).describe('{userId} for a person, {channelId} for a conversation'),
  interaction: z.object({ source: z.string(), externalId: z.string() }).optional(),
  locale: z.enum(LOCALES),
  sentAt: iso.optional(),
  expiresAt: iso.optional(),
  message: z.object({ channelId: z.string(), messageId: z.string() }).optional(),
  duplicate: z.boolean(),
});

const view = (s: Survey) => ({
  id: s.id,
  type: s.type,
  platform: s.platform,
  status: s.status,
  recipient: s.recipient,
  ...(s.interaction ? { interaction: s.interaction } : {}),
  locale: s.locale,
  ...(s.sentAt ? { sentAt: s.sentAt.toISOString() } : {}),
  ...(s.expiresAt ? { expiresAt: s.expiresAt.toISOString() } : {}),
  ...(s.message ? { message: s.message } : {}),
});

/** POST /api/v1/surveys: 201 with the sent survey, 200 with the existing one for the same ticket. */
export function surveyRoutes(deps: SurveyDeps) {
  const router = Router();
  router.post('/api/v1/surveys', requireScope('admin'), ...jsonBody({ limit: '16kb', anyType: true }), async (req, res) => {
    const locale = requestLocale(req);
    const parsed = surveyRequestSchema.safeParse(req.body);
    if (!parsed.success) throw bodyError(parsed.error, locale);
    const body = parsed.data;
    const { survey, created } = await sendSurvey(deps, {
      tenantId: (res.locals as AuthedLocals).tenantId,
      type: body.type,
      platform: body.platform,
      recipient: recipientOf(body.recipient),
      ...(body.interactionExternalId ? { interaction: { source: body.source ?? 'api', externalId: body.interactionExternalId } } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
      sentBy: 'api',
    });
    sendAs(res, ZSurveyView, { ...view(survey), duplicate: !created }, created ? 201 : 200);
  });
  return router;
}
