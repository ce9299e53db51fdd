import mongoose from 'mongoose';

type Doc = Record<string, unknown>;

/** An id from a request as an ObjectId; one that is not ours matches nothing. */
export const oid = (id: string) => new mongoose.Types.ObjectId(/^[a-f0-9]{24}$/.test(id) ? id : '0'.repeat(24));

/** A stored document as the core's record: `_id` → `id`, absent fields left out. */
export function recordOf<T>(d: Doc, omit: string[] = []): T {
  const out: Doc = { id: String(d['_id']) };
  for (const [k, v] of Object.entries(d)) if (k !== '_id' && !omit.includes(k) && v !== null && v !== undefined) out[k] = v;
  return out as T;
}
