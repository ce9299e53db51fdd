import { Schema, type Connection } from 'mongoose';

/** Tenant = Slack team/enterprise id or Teams (AAD) tenant id; holds its settings. */
export const tenantSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    name: String,
    timezone: { type: String, required: true },
    /** the zone its rollups are cut in (its first time zone) */
    rollupTimezone: { type: String },
    locale: { type: String, enum: ['pt-BR', 'en'], required: true },
    slaPolicy: { type: Schema.Types.Mixed, required: true },
    /** { days, from, to } or null (24×7); absent on tenants stored before: 24×7 */
    businessHours: { type: Schema.Types.Mixed, default: undefined },
    /** local dates YYYY-MM-DD */
    holidays: { type: [String], default: undefined },
    roles: { type: { admins: [String], supervisors: [String] }, default: undefined, _id: false },
    /** before roles: the supervisors' ids; moved into roles.supervisors when read */
    supervisorIds: { type: [String], default: undefined },
    supervisorsChannel: { type: { platform: String, channelId: String }, default: undefined, _id: false },
    surveys: { type: Schema.Types.Mixed, default: {} },
    retentionDays: { type: Number, default: undefined },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'tenants', versionKey: false },
);
// tenant lookup on every request
tenantSchema.index({ tenantId: 1 }, { unique: true });

export const tenantModel = (conn: Connection) => conn.model('Tenant', tenantSchema);
