import { Schema, type Connection } from 'mongoose';

/** A conversation's KPI threshold alert and the state of its last check (issue 9). */
export const kpiAlertSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    channelId: { type: String, required: true },
    kpi: { type: String, required: true },
    op: { type: String, enum: ['>', '>=', '<', '<='], required: true },
    threshold: { type: Number, required: true },
    filters: { type: Schema.Types.Mixed, default: {} },
    window: { unit: { type: String, enum: ['h', 'd'] }, n: Number },
    minSample: { type: Number, default: 1 },
    graceMinutes: { type: Number, required: true },
    followsTarget: { type: Boolean, default: undefined },
    locale: { type: String, required: true },
    ownerId: { type: String, required: true },
    paused: { type: Boolean, default: false },
    state: { type: String, enum: ['ok', 'breached'], required: true },
    version: { type: Number, required: true },
    nextCheckAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    lastValue: Number,
    lastCheckedAt: Date,
    firedAt: Date,
    breachValue: Number,
    lastFiredAt: Date,
    recoveredAt: Date,
    suppressedAt: Date,
    outbox: { kind: { type: String, enum: ['fire', 'recover'] }, value: Number, key: String, attempts: Number },
    lastError: String,
  },
  { collection: 'kpi_alerts', versionKey: false, minimize: true },
);
// the evaluation job: active alerts due for a check (also the distinct tenants)
kpiAlertSchema.index({ tenantId: 1, paused: 1, nextCheckAt: 1 });
// "/kpi alert list" and the commands that name an id in a conversation
kpiAlertSchema.index({ tenantId: 1, channelId: 1 });

export const kpiAlertModel = (conn: Connection) => conn.model('KpiAlert', kpiAlertSchema);
