import { Schema, type Connection } from 'mongoose';

/** SLA recompute jobs (see core/sla/recompute-sla.ts); `_id` is the job id. */
export const slaJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    /** 'running' while the job runs, then its own id: at most one running job per tenant */
    slot: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    status: { type: String, enum: ['running', 'done', 'failed'], required: true },
    total: { type: Number, required: true },
    done: { type: Number, required: true },
    changed: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: undefined },
    leaseUntil: { type: Date, required: true },
    error: { type: String, default: undefined },
  },
  { collection: 'slaRecomputeJobs', versionKey: false },
);
// one running job per tenant (slot 'running'), and the tenant's running job found by it
slaJobSchema.index({ tenantId: 1, slot: 1 }, { unique: true });

export const slaJobModel = (conn: Connection) => conn.model('SlaRecomputeJob', slaJobSchema);
