import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { RollupDoc, RollupStore } from '../../../core/ports/rollups.js';
import type { BucketUpdate } from '../../../core/kpi/bucket-deltas.js';
import { addStats, emptyStats, type Stats, type SummedStats } from '../../../core/kpi/stats.js';
import { rollupModel } from './schema.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';

const EPOCH = new Date(0);
const DUPLICATE_KEY = 11000;
const MAX_POINT_LOOKUPS = 512;

export function createRollupRepository(conn: Connection): RollupStore {
  const coll = rollupModel(conn).collection;

  const toOp = (tenantId: string, u: BucketUpdate) => {
    const update = { $inc: Object.fromEntries(u.inc) };
    return { updateOne: { filter: { tenantId, g: u.g, lv: u.lv, t: new Date(u.t), s: u.s }, update, upsert: true } };
  };

  return {
    async fetch(tenantId, g, lv, starts, shards) {
      if (starts.length === 0) return [];
      const projection = { t: 1, v: 1 };
      // point lookups on the unique key are index-served everywhere; long spans read a range
      if (starts.length * shards > MAX_POINT_LOOKUPS) {
        const first = starts[0]!;
        const last = starts[starts.length - 1]!;
        const docs = await coll.find({ tenantId, g, lv, t: { $gte: first, $lte: last } }, { projection }).toArray();
        return docs as unknown as RollupDoc[];
      }
      const keys = starts.flatMap((t) => Array.from({ length: shards }, (_, s) => ({ tenantId, g, lv, t, s })));
      const docs = await mapLimit(keys, LOOKUP_CONCURRENCY, (key) => coll.findOne(key, { projection }));
      return docs.filter((d) => d !== null) as unknown as RollupDoc[];
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
