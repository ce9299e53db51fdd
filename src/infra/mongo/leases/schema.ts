import { Schema, type Connection } from 'mongoose';

/** A named lease so one replica does a piece of scheduled work at a time. */
export const leaseSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    name: { type: String, required: true },
    owner: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { collection: 'leases', versionKey: false },
);
// acquire/renew by name
leaseSchema.index({ tenantId: 1, name: 1 }, { unique: true });

export const leaseModel = (conn: Connection) => conn.model('Lease', leaseSchema);
