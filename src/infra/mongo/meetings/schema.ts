import { Schema, type Connection } from 'mongoose';

const agendaItemSchema = new Schema(
  {
    id: { type: String, required: true },
    text: { type: String, required: true },
    ownerId: String,
    minutes: { type: Number, required: true },
    kind: String,
    carried: { type: [Schema.Types.Mixed], default: undefined },
    snapshot: { type: Schema.Types.Mixed, default: undefined },
    startedAt: Date,
    endedAt: Date,
    notes: { type: [Schema.Types.Mixed], default: [] },
    decisions: { type: [Schema.Types.Mixed], default: [] },
  },
  { _id: false },
);

/** A meeting with its agenda items (SPEC §5.4); items live inside the meeting document. */
export const meetingSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    platform: { type: String, enum: ['slack', 'teams'], required: true },
    channelId: { type: String, required: true },
    seriesId: { type: String, required: true },
    template: String,
    title: { type: String, required: true },
    objective: String,
    ownerId: { type: String, required: true },
    participants: { type: [String], default: [] },
    restricted: { type: Boolean, default: false },
    reminderMinutes: { type: Number, required: true },
    liveMessage: { type: { channelId: String, messageId: String }, default: undefined, _id: false },
    agendaMessage: { type: { channelId: String, messageId: String }, default: undefined, _id: false },
    remindedAt: Date,
    nudged: { type: [Number], default: [] },
    startsAt: { type: Date, required: true },
    durationMinutes: { type: Number, required: true },
    timezone: { type: String, required: true },
    status: { type: String, enum: ['planned', 'running', 'ended', 'cancelled'], required: true },
    cancelled: { type: { by: String, at: Date }, default: undefined, _id: false },
    rescheduled: { type: { by: String, at: Date }, default: undefined, _id: false },
    agenda: { type: [agendaItemSchema], default: [] },
    currentItem: { type: Number, default: 0 },
    rev: Number,
    startedAt: Date,
    endedAt: Date,
    createdAt: { type: Date, required: true },
  },
  { collection: 'meetings', versionKey: false },
);
// next meeting of a series / a channel's meetings by date
meetingSchema.index({ tenantId: 1, channelId: 1, startsAt: 1 });
meetingSchema.index({ tenantId: 1, seriesId: 1, startsAt: 1 });
// reminders: planned meetings by start time
meetingSchema.index({ tenantId: 1, status: 1, startsAt: 1 });

export const meetingModel = (conn: Connection) => conn.model('Meeting', meetingSchema);
