import { Schema, type Connection } from 'mongoose';

/** API keys are stored as SHA-256 hashes; the key itself is never kept. */
export const apiKeySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    keyHash: { type: String, required: true },
    label: String,
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: undefined },
  },
  { collection: 'api_keys', versionKey: false },
);
// listing a tenant's keys; a key hash is unique. Authentication looks a hash up before the
// tenant is known: the collection holds a handful of keys per tenant and the result is cached.
apiKeySchema.index({ tenantId: 1, keyHash: 1 }, { unique: true });

export const apiKeyModel = (conn: Connection) => conn.model('ApiKey', apiKeySchema);
