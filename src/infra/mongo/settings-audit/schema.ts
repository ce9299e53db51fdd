import { Schema, type Connection } from 'mongoose';

/** One change of a tenant's settings: who (API key or chat user), when, and each path before → after. */
export const settingsAuditSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    /** [{ path, before, after }]; values as the settings document shows them */
    changes: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'settings_audit', versionKey: false },
);
// GET /api/v1/settings/audit: a tenant's entries, newest first, older than `before`
settingsAuditSchema.index({ tenantId: 1, at: -1, _id: -1 });

export const settingsAuditModel = (conn: Connection) => conn.model('SettingsAudit', settingsAuditSchema);
