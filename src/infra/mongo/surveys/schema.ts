import { Schema, type Connection } from 'mongoose';

const dims = { channel: String, team: String, agent: String, category: String };

/** A CSAT/NPS question sent to one recipient about one interaction (or a meeting). */
export const surveySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    type: { type: String, enum: ['csat', 'nps', 'meeting'], required: true },
    platform: { type: String, enum: ['slack', 'teams', 'api'], required: true },
    recipient: { type: Schema.Types.Mixed, required: true },
    interaction: { type: { source: String, externalId: String }, default: undefined, _id: false },
    meetingId: String,
    dims: { type: dims, default: undefined, _id: false },
    locale: { type: String, required: true },
    sentAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    message: { type: Schema.Types.Mixed, default: undefined },
    answeredAt: { type: Date, default: undefined },
  },
  { collection: 'surveys', versionKey: false },
);
// at most one automatic survey per interaction
surveySchema.index({ tenantId: 1, 'interaction.source': 1, 'interaction.externalId': 1, type: 1 });
// results and response rate by send time
surveySchema.index({ tenantId: 1, sentAt: 1 });

/** One response per survey (bot surveys) or per (source, externalId) (pushed by API). */
export const surveyResponseSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    /** bot survey id, or "<source>:<externalId>" for answers collected elsewhere */
    key: { type: String, required: true },
    surveyId: { type: String, default: undefined },
    source: { type: String, required: true },
    externalId: { type: String, default: undefined },
    type: { type: String, enum: ['csat', 'nps', 'meeting'], required: true },
    score: { type: Number, required: true },
    comment: { type: String, default: undefined },
    respondedAt: { type: Date, required: true },
    respondent: { type: Schema.Types.Mixed, default: undefined },
    interactionExternalId: { type: String, default: undefined },
    /** dimensions of the linked interaction the rollups counted this response under */
    dims: { type: dims, required: true, _id: false },
    rev: { type: Number, required: true },
    wt: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'survey_responses', versionKey: false },
);
// one response per survey: a second click changes the answer, never adds a row
surveyResponseSchema.index({ tenantId: 1, key: 1 }, { unique: true });
// re-linking responses when their interaction arrives or changes
surveyResponseSchema.index({ tenantId: 1, source: 1, interactionExternalId: 1 });
// latest comments for results and reports
surveyResponseSchema.index({ tenantId: 1, respondedAt: -1 });

export const surveyModel = (conn: Connection) => conn.model('Survey', surveySchema);
export const surveyResponseModel = (conn: Connection) => conn.model('SurveyResponse', surveyResponseSchema);
