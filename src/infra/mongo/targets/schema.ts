import { Schema, type Connection } from 'mongoose';

/** A tenant's target for one KPI, e.g. firstResponseMinutes.median <= 60, csat.score >= 0.85. */
export const kpiTargetSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    kpi: { type: String, required: true },
    op: { type: String, enum: ['<=', '>='], required: true },
    value: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'kpi_targets', versionKey: false },
);
// one target per KPI; the card reads all of a tenant's targets
kpiTargetSchema.index({ tenantId: 1, kpi: 1 }, { unique: true });

export const kpiTargetModel = (conn: Connection) => conn.model('KpiTarget', kpiTargetSchema);
