/**
 * Incoming CSAT/NPS answer → validated `SurveyResponseRecord`. Same conventions as interactions
 * (trimmed strings, blank/null = absent, strict fields, `source` default "api", lower-cased).
 * `score` must be an integer inside SCORE_RANGE[type] (csat 1..5, nps 0..10); `respondedAt` at most
 * 1 day after `now`.
 */
import { z } from 'zod';
import { SCORE_RANGE, SURVEY_TYPES, type SurveyResponseRecord } from '../domain/interaction.js';
import { DAY_MS, cleanRecord, isoDateTime, optionalText, sourceSchema } from './fields.js';
import { fromZodIssues, issue, showValue, valueAt, type FieldIssue, type Result } from './issues.js';

export interface SurveyParseContext {
  now: Date;
}

export const SurveyResponseInputSchema = z.strictObject({
  externalId: z.string().min(1).max(200),
  source: sourceSchema,
  type: z.enum(SURVEY_TYPES),
  score: z.number().int(),
  respondedAt: isoDateTime,
  interactionExternalId: optionalText(200),
  comment: optionalText(2000),
});

export type SurveyResponseInput = z.input<typeof SurveyResponseInputSchema>;

export const SURVEY_CSV_COLUMNS = {
  externalId: 'string',
  source: 'string',
  type: 'string',
  score: 'number',
  respondedAt: 'string',
  interactionExternalId: 'string',
  comment: 'string',
} as const satisfies Record<string, 'string' | 'number' | 'boolean' | 'list'>;

export function parseSurveyResponse(raw: unknown, ctx: SurveyParseContext): Result<SurveyResponseRecord> {
  const input = cleanRecord(raw);
  const parsed = SurveyResponseInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues, input, SurveyResponseInputSchema) };
  const v = parsed.data;
  const errors: FieldIssue[] = [];
  const [min, max] = SCORE_RANGE[v.type];
  if (v.score < min || v.score > max) {
    errors.push(issue('score', 'ingest.score_out_of_range', { type: v.type.toUpperCase(), min, max, value: v.score }));
  }
  const limit = new Date(ctx.now.getTime() + DAY_MS);
  if (v.respondedAt > limit) {
    errors.push(
      issue('respondedAt', 'ingest.in_future', { value: showValue(valueAt(input, ['respondedAt'])), limit: limit.toISOString() }),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  const record: SurveyResponseRecord = {
    externalId: v.externalId,
    source: v.source,
    type: v.type,
    score: v.score,
    respondedAt: v.respondedAt,
  };
  if (v.interactionExternalId !== undefined) record.interactionExternalId = v.interactionExternalId;
  if (v.comment !== undefined) record.comment = v.comment;
  return { ok: true, value: record };
}
