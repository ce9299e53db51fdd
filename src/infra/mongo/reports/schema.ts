import { Schema, type Connection } from 'mongoose';

/** A channel's scheduled report (SPEC §5.5). */
export const reportScheduleSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    channelId: { type: String, required: true },
    cron: { type: String, required: true },
    timezone: { type: String, required: true },
    label: { type: String, required: true },
    query: { type: String, required: true },
    locale: { type: String, required: true },
    ownerId: { type: String, required: true },
    paused: { type: Boolean, default: false },
    webhook: { type: { url: String, secret: String }, default: undefined, _id: false },
    document: { type: Boolean, default: undefined },
    checkedUntil: { type: Date, required: true },
    nextFireAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'report_schedules', versionKey: false },
);
// the scheduler: schedules due now
reportScheduleSchema.index({ tenantId: 1, paused: 1, nextFireAt: 1 });
// "/report list" in a channel
reportScheduleSchema.index({ tenantId: 1, channelId: 1 });

/** One run of a schedule at one fire time; the unique key makes every run post exactly once. */
export const reportRunSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    scheduleId: { type: String, required: true },
    fireAt: { type: Date, required: true },
    status: { type: String, enum: ['running', 'retrying', 'posted', 'failed', 'skipped'], required: true },
    late: { type: Boolean, default: false },
    attempts: { type: Number, default: 0 },
    leaseUntil: Date,
    nextAttemptAt: Date,
    messageId: String,
    error: String,
    startedAt: Date,
    finishedAt: Date,
  },
  { collection: 'report_runs', versionKey: false },
);
// exactly once per schedule and fire time
reportRunSchema.index({ tenantId: 1, scheduleId: 1, fireAt: 1 }, { unique: true });
// "/report history"
reportRunSchema.index({ tenantId: 1, fireAt: -1 });
// runs to take over (holder died, retry due)
reportRunSchema.index({ tenantId: 1, status: 1 });

export const reportScheduleModel = (conn: Connection) => conn.model('ReportSchedule', reportScheduleSchema);
export const reportRunModel = (conn: Connection) => conn.model('ReportRun', reportRunSchema);
