import type mongoose from 'mongoose';

type Doc = mongoose.mongo.Document;

/** fields kept decoded at most (~100 bytes each in V8): past days' buckets read again and again */
const FIELD_BUDGET = 1_500_000;

/** Fields of a bucket's key maps: what a cached document costs. */
function fieldsOf(doc: Doc): number {
  let n = 1;
  for (const fields of Object.values((doc['v'] ?? {}) as Record<string, object>)) n += Object.keys(fields).length;
  return n;
}

/**
 * Decoded day buckets by identity and revision (`rv`, bumped by every write), least recently used
 * first out: a read asks only for the revisions, then fetches in full the buckets that changed.
 * Busy tenants' past days hold thousands of hour fields each, and decoding them dominated reads.
 */
export function createDocCache(budget = FIELD_BUDGET) {
  const map = new Map<string, { rv: number; doc: Doc; size: number }>();
  let used = 0;
  return {
    get(id: string, rv: unknown): Doc | undefined {
      const hit = map.get(id);
      if (!hit || typeof rv !== 'number' || hit.rv !== rv) return undefined;
      map.delete(id);
      map.set(id, hit);
      return hit.doc;
    },
    set(id: string, doc: Doc) {
      const rv = doc['rv'];
      if (typeof rv !== 'number') return;
      const size = fieldsOf(doc);
      if (size > budget / 8) return;
      const old = map.get(id);
      if (old) used -= old.size;
      map.delete(id);
      map.set(id, { rv, doc, size });
      used += size;
      for (const [k, e] of map) {
        if (used <= budget) break;
        map.delete(k);
        used -= e.size;
      }
    },
  };
}
