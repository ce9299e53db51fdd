import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { RollupDoc, RollupStore } from '../../../core/ports/rollups.js';
import type { BucketUpdate } from '../../../core/kpi/bucket-deltas.js';
import { addStats, emptyStats, type Stats, type SummedStats } from '../../../core/kpi/stats.js';
import { rollupModel } from './schema.js';
import { decodeRegisters, encodeRegisters } from './register-snapshot.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';

const EPOCH = new Date(0);
const DUPLICATE_KEY = 11000;
const MAX_POINT_LOOKUPS = 512;

type Doc = mongoose.mongo.Document;

export function createRollupRepository(conn: Connection): RollupStore {
  const coll = rollupModel(conn).collection;

  /** Puts the key's registers into the doc from its snapshot, refreshing a stale snapshot first. */
  const withRegisters = async (doc: Doc, key: string) => {
    const version = (doc['uv'] as number | undefined) ?? 0;
    let snap = (doc['us'] as Record<string, { v: number; s: string }> | undefined)?.[key];
    if (!snap || snap.v !== version) {
      const full = await coll.findOne({ _id: doc['_id'] }, { projection: { [`v.${key}.u`]: 1, uv: 1 } });
      const fresh = (full?.['uv'] as number | undefined) ?? 0;
      const counts = ((full?.['v'] as Record<string, Stats> | undefined)?.[key]?.u) ?? {};
      snap = { v: fresh, s: encodeRegisters(counts) };
      // written only if no update slipped in meanwhile; otherwise the next read retries
      await coll.updateOne({ _id: doc['_id'], uv: fresh === 0 ? { $in: [0, null] } : fresh }, { $set: { [`us.${key}`]: snap } });
    }
    const v = ((doc['v'] ??= {}) as Record<string, Stats>);
    const stats = (v[key] ??= {});
    stats.u = decodeRegisters(snap.s);
  };

  const toOp = (tenantId: string, u: BucketUpdate) => {
    const inc = Object.fromEntries(u.inc);
    // the version tells register snapshots (see below) that they are stale
    if ([...u.inc.keys()].some((path) => path.includes('.u.'))) inc['uv'] = 1;
    const update = { $inc: inc };
    return { updateOne: { filter: { tenantId, g: u.g, lv: u.lv, t: new Date(u.t), s: u.s }, update, upsert: true } };
  };

  return {
    async fetch(tenantId, g, lv, starts, shards, key) {
      if (starts.length === 0) return [];
      // with one known key, read only that key and its register snapshot (not its counters)
      const projection = key
        ? { t: 1, [`v.${key}.c`]: 1, [`v.${key}.h`]: 1, [`us.${key}`]: 1, uv: 1 }
        : { t: 1, v: 1 };
      let docs: Doc[];
      // point lookups on the unique key are index-served everywhere; long spans read a range
      if (starts.length * shards > MAX_POINT_LOOKUPS) {
        const first = starts[0]!;
        const last = starts[starts.length - 1]!;
        docs = await coll.find({ tenantId, g, lv, t: { $gte: first, $lte: last } }, { projection }).toArray();
      } else {
        const keys = starts.flatMap((t) => Array.from({ length: shards }, (_, s) => ({ tenantId, g, lv, t, s })));
        docs = (await mapLimit(keys, LOOKUP_CONCURRENCY, (k) => coll.findOne(k, { projection }))).filter((d) => d !== null);
      }
      if (key) await mapLimit(docs, LOOKUP_CONCURRENCY, (doc) => withRegisters(doc, key));
      return docs as unknown as RollupDoc[];
    },
    async totals(tenantId, shards) {
      const docs = await mapLimit(Array.from({ length: shards }, (_, s) => s), LOOKUP_CONCURRENCY, (s) =>
        coll.findOne({ tenantId, g: 'T', lv: 'T', t: EPOCH, s }),
      );
      const out: Record<string, SummedStats> = {};
      for (const doc of docs) {
        for (const [key, stats] of Object.entries((doc?.['v'] ?? {}) as Record<string, Stats>)) addStats((out[key] ??= emptyStats()), stats);
      }
      return out;
    },
    async apply(tenantId, updates) {
      let pending = updates;
      // two writers upserting the same new bucket race on the unique index: the loser retries as an update
      for (let attempt = 0; pending.length > 0; attempt++) {
        try {
          await coll.bulkWrite(pending.map((u) => toOp(tenantId, u)), { ordered: false });
          return;
        } catch (e) {
          if (!(e instanceof mongoose.mongo.MongoBulkWriteError) || attempt >= 5) throw e;
          const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
          if (errors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
          pending = errors.map((w) => pending[w.index]!);
        }
      }
    },
    async clear(tenantId) {
      await coll.deleteMany({ tenantId });
    },
  };
}
