import { Schema, type Connection } from 'mongoose';

/** Slack OAuth installations and Teams conversation references (for proactive sends). */
export const installationSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    /** Slack: "team"/"enterprise"; Teams: the conversation id */
    key: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'installations', versionKey: false },
);
// fetch/store by tenant and key
installationSchema.index({ tenantId: 1, platform: 1, key: 1 }, { unique: true });

export const installationModel = (conn: Connection) => conn.model('Installation', installationSchema);
