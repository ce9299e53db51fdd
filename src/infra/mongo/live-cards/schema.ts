import { Schema, type Connection } from 'mongoose';

export const liveCardSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, required: true },
    args: { type: Schema.Types.Mixed, required: true },
    locale: { type: String, required: true },
    userId: { type: String, required: true },
    isSupervisor: { type: Boolean, required: true },
    until: { type: Date, required: true },
    refreshedAt: { type: Date, required: true },
  },
  { collection: 'live_cards', versionKey: false },
);
// one registration per posted message
liveCardSchema.index({ tenantId: 1, platform: 1, channelId: 1, messageId: 1 }, { unique: true });
// the refresher: a tenant's cards by last refresh
liveCardSchema.index({ tenantId: 1, refreshedAt: 1 });

export const liveCardModel = (conn: Connection) => conn.model('LiveCard', liveCardSchema);
