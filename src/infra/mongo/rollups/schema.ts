import { Schema, type Connection } from 'mongoose';

/**
 * Pre-aggregated KPI buckets. One document per (tenant, granularity, level, bucket start):
 * g 'd' = tenant-local day (one doc per level), 'h' = UTC hour (all single levels in one doc),
 * 'T' = all-time totals for the backlog. `v` maps "<level>:<value>" to counters (`c`),
 * histograms (`h`) and counting-HyperLogLog registers (`u`), all maintained with $inc upserts.
 */
export const rollupSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    g: { type: String, enum: ['d', 'h', 'T'], required: true },
    lv: { type: String, required: true },
    t: { type: Date, required: true },
    /** shard of the bucket (documents stay small; reads add all shards up) */
    s: { type: Number, required: true },
    v: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'rollups', versionKey: false, minimize: false },
);
// every KPI read: a tenant's buckets of one granularity and level over a time range
rollupSchema.index({ tenantId: 1, g: 1, lv: 1, t: 1, s: 1 }, { unique: true });
// the compare-and-set replace of a whole bucket (key + revision `rv`): the test server serves a
// query from an index only when the query names exactly that index's fields, else it scans
// the collection, so the replace gets an index of its own (unique, since the key already is)
rollupSchema.index({ tenantId: 1, g: 1, lv: 1, t: 1, s: 1, rv: 1 }, { unique: true });

export const rollupModel = (conn: Connection) => conn.model('Rollup', rollupSchema);
