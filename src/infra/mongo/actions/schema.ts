import { Schema, type Connection } from 'mongoose';

/** An action item with owner and due date, from a meeting, a KPI card or a complaint. */
export const actionItemSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    channelId: { type: String, required: true },
    itemId: String,
    text: { type: String, required: true },
    ownerId: { type: String, required: true },
    dueDate: { type: String, required: true },
    no: Number,
    rev: Number,
    cancelled: { type: { by: String, at: Date }, default: undefined, _id: false },
    status: { type: String, enum: ['open', 'done', 'cancelled'], required: true },
    meetingId: String,
    seriesId: String,
    origin: { type: Schema.Types.Mixed, default: undefined },
    createdBy: String,
    createdAt: { type: Date, required: true },
    doneAt: Date,
    remindedAt: Date,
    escalatedAt: Date,
  },
  { collection: 'action_items', versionKey: false },
);
// "/actions" (mine) and "/actions overdue"
actionItemSchema.index({ tenantId: 1, ownerId: 1, status: 1, dueDate: 1 });
// minutes of a meeting; "/actions team" of a conversation
actionItemSchema.index({ tenantId: 1, meetingId: 1 });
actionItemSchema.index({ tenantId: 1, channelId: 1, status: 1 });
// carry-over into the next meeting of a series; reports' next steps
actionItemSchema.index({ tenantId: 1, seriesId: 1, status: 1 });
actionItemSchema.index({ tenantId: 1, status: 1, dueDate: 1 });
// "/actions edit 12 …": the number the list shows
actionItemSchema.index({ tenantId: 1, no: 1 });

export const actionItemModel = (conn: Connection) => conn.model('ActionItem', actionItemSchema);
