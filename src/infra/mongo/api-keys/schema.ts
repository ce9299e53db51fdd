import { Schema, type Connection } from 'mongoose';
import { API_KEY_SCOPES } from '../../../core/domain/api-key.js';

/** API keys are stored as SHA-256 hashes; the key itself is never kept. */
export const apiKeySchema = new Schema(
  {
    /** public id: shown by `cs-ops keys list`, part of `csk_<id>_…` keys, named in logs */
    keyId: { type: String, required: true },
    tenantId: { type: String, required: true },
    keyHash: { type: String, required: true },
    name: String,
    /** `env` (API_KEYS, revoked when no longer listed) or `cli` */
    source: { type: String, enum: ['env', 'cli'], required: true },
    scopes: { type: [{ type: String, enum: API_KEY_SCOPES }], default: undefined },
    /** before keyId/source existed: 'API_KEYS' */
    label: String,
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: undefined },
    revokedAt: { type: Date, default: undefined },
    /** 'API_KEYS' (no longer listed: listing it again revives it) or 'cli' (final) */
    revokedBy: { type: String, enum: ['API_KEYS', 'cli', 'migration'], default: undefined },
  },
  { collection: 'api_keys', versionKey: false },
);
// Authentication looks a key up by its hash before the tenant is known: exactly { keyHash }
// (the test server serves only queries naming exactly an index's fields), unique so that a key
// names one tenant. `cs-ops keys revoke <id>` and lastUsedAt writes go by keyId, also unique.
apiKeySchema.index({ keyHash: 1 }, { unique: true });
apiKeySchema.index({ keyId: 1 }, { unique: true });
// `cs-ops keys list --tenant T`
apiKeySchema.index({ tenantId: 1 });

export const apiKeyModel = (conn: Connection) => conn.model('ApiKey', apiKeySchema);
