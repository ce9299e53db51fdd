import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { RollupDoc, RollupStore } from '../../../core/ports/rollups.js';
import { dataShards, homeShard, registerShards, REGISTER_SHARD_BASE, TOTALS_LEVEL, type BucketUpdate } from '../../../core/kpi/bucket-deltas.js';
import { hllMerge } from '../../../core/kpi/hll.js';
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

  /**
   * Puts the key's registers into its home document from the snapshot kept there, refreshing a
   * stale snapshot first. The home doc (with its version) was read before the register shards,
   * and writers bump the version only after writing registers, so a snapshot never claims a
   * version whose registers it lacks.
   */
  const withRegisters = async (tenantId: string, g: string, lv: string, doc: Doc, key: string) => {
    const version = (doc['uv'] as number | undefined) ?? 0;
    let snap = (doc['us'] as Record<string, { v: number; s: string }> | undefined)?.[key];
    if (!snap || snap.v !== version) {
      const parts = await mapLimit(registerShards(), LOOKUP_CONCURRENCY, (s) =>
        coll.findOne({ tenantId, g, lv, t: doc['t'], s }, { projection: { [`v.${key}.u`]: 1 } }),
      );
      const counts = {};
      for (const part of parts) hllMerge(counts, (part?.['v'] as Record<string, Stats> | undefined)?.[key]?.u);
      snap = { v: version, s: encodeRegisters(counts) };
      // kept only if no writer bumped the version meanwhile; otherwise the next read redoes it
      await coll.updateOne({ _id: doc['_id'], uv: version === 0 ? { $in: [0, null] } : version }, { $set: { [`us.${key}`]: snap } });
    }
    const v = ((doc['v'] ??= {}) as Record<string, Stats>);
    (v[key] ??= {}).um = decodeRegisters(snap.s);
  };

  const toOp = (tenantId: string, u: BucketUpdate) => {
    const update = { $inc: Object.fromEntries(u.inc) };
    return { updateOne: { filter: { tenantId, g: u.g, lv: u.lv, t: new Date(u.t), s: u.s }, update, upsert: true } };
  };

  /** Two writers upserting the same new bucket race on the unique index: the loser retries as an update. */
  const writeAll = async (tenantId: string, updates: BucketUpdate[]) => {
    let pending = updates;
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
  };

  return {
    async fetch(tenantId, g, lv, starts, key) {
      if (starts.length === 0) return [];
      // one known key: its home shard only, with the register snapshot instead of the counters
      const shards = key ? [homeShard(g, lv, key)] : [...dataShards(g, lv), ...registerShards()];
      const projection = key ? { t: 1, [`v.${key}.c`]: 1, [`v.${key}.h`]: 1, [`us.${key}`]: 1, uv: 1 } : { t: 1, v: 1 };
      let docs: Doc[];
      // point lookups on the unique key are index-served everywhere; long spans read a range
      if (starts.length * shards.length > MAX_POINT_LOOKUPS) {
        const range = { $gte: starts[0]!, $lte: starts[starts.length - 1]! };
        docs = await coll.find({ tenantId, g, lv, t: range, s: { $in: shards } }, { projection }).toArray();
      } else {
        const ids = starts.flatMap((t) => shards.map((s) => ({ tenantId, g, lv, t, s })));
        docs = (await mapLimit(ids, LOOKUP_CONCURRENCY, (id) => coll.findOne(id, { projection }))).filter((d) => d !== null);
      }
      // every register change also bumps its key's home document, so each day with registers has one
      if (key) await mapLimit(docs, LOOKUP_CONCURRENCY, (doc) => withRegisters(tenantId, g, lv, doc, key));
      return docs as unknown as RollupDoc[];
    },
    async totals(tenantId) {
      const docs = await mapLimit(dataShards('T', TOTALS_LEVEL), LOOKUP_CONCURRENCY, (s) =>
        coll.findOne({ tenantId, g: 'T', lv: 'T', t: EPOCH, s }),
      );
      const out: Record<string, SummedStats> = {};
      for (const doc of docs) {
        for (const [key, stats] of Object.entries((doc?.['v'] ?? {}) as Record<string, Stats>)) addStats((out[key] ??= emptyStats()), stats);
      }
      return out;
    },
    async apply(tenantId, updates) {
      // register shards first, then home shards: a bumped version implies its registers are written
      await writeAll(tenantId, updates.filter((u) => u.s >= REGISTER_SHARD_BASE));
      await writeAll(tenantId, updates.filter((u) => u.s < REGISTER_SHARD_BASE));
    },
    async clear(tenantId) {
      await coll.deleteMany({ tenantId });
    },
  };
}
