import { Schema, type Connection } from 'mongoose';
import { CHANNELS, PRIORITIES, STATUSES } from '../../../core/domain/interaction.js';

const optionalDate = { type: Date, default: undefined };

export const interactionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    externalId: { type: String, required: true },
    source: { type: String, required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    customer: { id: { type: String, required: true }, key: String, name: String, email: String, slackUserId: String, teamsUserId: String },
    agent: { type: { id: String, name: String }, default: undefined, _id: false },
    team: String,
    category: String,
    priority: { type: String, enum: PRIORITIES, required: true },
    status: { type: String, enum: STATUSES, required: true },
    createdAt: { type: Date, required: true },
    firstResponseAt: optionalDate,
    resolvedAt: optionalDate,
    reopenedAt: { type: [Date], default: [] },
    escalatedAt: optionalDate,
    contactCount: { type: Number, required: true },
    firstContactResolution: { type: Boolean, required: true },
    /** targets, those the help desk sent (`given`), and the business minutes of the write's calendar (see core/sla) */
    sla: {
      firstResponseMinutes: Number,
      resolutionMinutes: Number,
      given: { type: [String], default: undefined },
      businessMinutes: { type: { firstResponse: Number, resolution: Number }, default: undefined, _id: false },
    },
    product: { type: { brand: String, model: String, serial: String }, default: undefined, _id: false },
    problem: String,
    actionsTaken: String,
    rootCause: String,
    notes: String,
    /** optimistic concurrency: rollup deltas are computed against the revision that was read */
    rev: { type: Number, required: true },
    /** write token of the last writer, to tell which bulk updates won */
    wt: { type: String, required: true },
    /** the version this one replaced, as the rollups counted it (ids and times only): finishes a cut-short batch */
    pv: { type: Schema.Types.Mixed, default: undefined },
    ingestedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'interactions', versionKey: false, timestamps: false, strict: 'throw' },
);
// idempotent ingest: (tenant, source, externalId) is the record's identity
interactionSchema.index({ tenantId: 1, source: 1, externalId: 1 }, { unique: true });
// raw listings and the report annex: a tenant's interactions by creation time
interactionSchema.index({ tenantId: 1, createdAt: 1 });
// erasure requests: every record of one customer
interactionSchema.index({ tenantId: 1, 'customer.id': 1 });

export const interactionModel = (conn: Connection) => conn.model('Interaction', interactionSchema);
