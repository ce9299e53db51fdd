import { Schema, type Connection } from 'mongoose';

const dims = { channel: String, team: String, agent: String, category: String };

/** A CSAT/NPS question sent to one recipient about one interaction (or a meeting). */
export const surveySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    /** "<source>:<externalId>:<type>" for surveys about an interaction (one each), else the id */
    dedupe: { type: String, required: true },
    type: { type: String, enum: ['csat', 'nps', 'meeting'], required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    recipient: { type: Schema.Types.Mixed, required: true },
    interaction: { type: { source: String, externalId: String }, default: undefined, _id: false },
    meetingId: String,
    subject: String,
    locale: { type: String, required: true },
    status: { type: String, enum: ['scheduled', 'sending', 'sent', 'failed'], required: true },
    dueAt: { type: Date, required: true },
    sentAt: { type: Date, default: undefined },
    expiresAt: { type: Date, default: undefined },
    message: { type: { channelId: String, messageId: String }, default: undefined, _id: false },
    sentBy: { type: String, required: true },
    /** null while claimed and not yet posted */
    alert: { type: Schema.Types.Mixed, default: undefined },
    error: String,
    sendingUntil: { type: Date, default: undefined },
    pendingCount: { type: { dims: { type: dims, _id: false }, timezone: String, until: Date }, default: undefined, _id: false },
    createdAt: { type: Date, required: true },
  },
  { collection: 'surveys', versionKey: false },
);
// at most one survey of a type per interaction
surveySchema.index({ tenantId: 1, dedupe: 1 }, { unique: true });
// automatic surveys waiting for their time
surveySchema.index({ tenantId: 1, status: 1, dueAt: 1 });
// surveys left "sending" by a sender that stopped, and "sent" counts not yet in the rollups
surveySchema.index({ tenantId: 1, status: 1, sendingUntil: 1 });
surveySchema.index({ tenantId: 1, 'pendingCount.until': 1 });

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
