import { Schema, type Connection } from 'mongoose';

/**
 * What the report document reads of raw interactions, kept at ingest beside them so that it
 * is read by point lookups, never by a scan (the test server serves a query from an index
 * only for equality on exactly a unique index's fields; a non-unique index is ignored there).
 * One document per (tenant, key):
 *  - `c:<UTC day>`: `e` maps a record's hash to its service-report fields (records created that
 *    day with a problem, root cause or product; ids, times and those fields, no names or notes);
 *  - `o:<UTC day>`: `e` maps a record's hash to the facts of an item created that day still open;
 *  - `o:days`: `d` has the days that may hold open items (the oldest open items start there,
 *    so they are found without sorting every open item).
 */
export const caseIndexSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    key: { type: String, required: true },
    e: { type: Schema.Types.Mixed, default: undefined },
    d: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: 'case_index', versionKey: false, minimize: false },
);
// every read and write: one (tenant, key) document by equality
caseIndexSchema.index({ tenantId: 1, key: 1 }, { unique: true });

export const caseIndexModel = (conn: Connection) => conn.model('CaseIndex', caseIndexSchema);

export const DAYS_KEY = 'o:days';
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
