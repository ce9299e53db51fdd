import { Schema, type Connection } from 'mongoose';

/**
 * The agent directory: the help desk's agent id ↔ the person's Slack user id and/or Teams AAD
 * object id. `slackKey`/`aadKey` are the ids, or `~<agentId>` for none: unique keys that are
 * always present (the test server ignores partial indexes), so one person is one agent.
 */
export const agentSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    agentId: { type: String, required: true },
    slackUserId: String,
    teamsAadId: String,
    name: String,
    slackKey: { type: String, required: true },
    aadKey: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'agents', versionKey: false },
);
// one entry per agent (PUT/DELETE /api/v1/agents/:agentId)
agentSchema.index({ tenantId: 1, agentId: 1 }, { unique: true });
// whose numbers a Slack user sees; one Slack user is one agent
agentSchema.index({ tenantId: 1, slackKey: 1 }, { unique: true });
// whose numbers a Teams user (AAD object id) sees; one AAD id is one agent
agentSchema.index({ tenantId: 1, aadKey: 1 }, { unique: true });

export const agentModel = (conn: Connection) => conn.model('Agent', agentSchema);
