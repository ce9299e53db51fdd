import { Schema, type Connection } from 'mongoose';

/** One command, button or card action handled (usage metrics); no message text. */
export const botEventSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true },
    outcome: { type: String, required: true },
    latencyMs: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'bot_events', versionKey: false },
);
// usage per tenant over time; kept 180 days
botEventSchema.index({ tenantId: 1, at: 1 }, { expireAfterSeconds: 180 * 86_400 });

export const botEventModel = (conn: Connection) => conn.model('BotEvent', botEventSchema);
