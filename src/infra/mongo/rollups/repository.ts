import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { ApplyMark, RollupDoc, RollupStore } from '../../../core/ports/rollups.js';
import { dataShards, homeShard, incPaths, SET_SHARD_BASE, TOTALS_LEVEL, type BucketUpdate } from '../../../core/kpi/bucket-deltas.js';
import { addStats, emptyStats, type Stats, type SummedStats } from '../../../core/kpi/stats.js';
import { rollupModel } from './schema.js';
import { createSetReader } from './set-reads.js';
import { createDocCache } from './doc-cache.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';

const EPOCH = new Date(0);
const NOTHING: BucketOp['inc'] = { keys: new Map(), uv: false, size: 0 };
const DUPLICATE_KEY = 11000;
const MAX_POINT_LOOKUPS = 512;
/** released batch marks waiting to be dropped with a later write of their bucket, at most */
const MAX_RELEASED = 2000;
/**
 * A bucket update with at least this many fields is written whole — inserted as a new document,
 * or, when the bucket exists, read and replaced (compare-and-set on `rv`) — instead of one `$inc`
 * per field: the test server (mongo-java-server) pays ~25 µs per `$inc` field, while a replace
 * costs about the same as an insert. Smaller updates (survey answers, single records) stay `$inc`
 * upserts, which never conflict. Every write bumps `rv`, so a replace never overwrites a
 * concurrent `$inc`. (Not measured on MongoDB 7, where `$inc` fields are far cheaper.)
 */
const REPLACE_MIN_FIELDS = 64;
const MAX_REPLACE_ATTEMPTS = 20;

type Doc = mongoose.mongo.Document;
/** One bucket's write: increments, this batch's mark (`$set`) and released marks to drop (`$unset`). */
interface BucketOp {
  filter: BucketFilter;
  /** the increments, by key (see BucketUpdate) */
  inc: Pick<BucketUpdate, 'keys' | 'uv' | 'size'>;
  set?: Record<string, number> | undefined;
  drop?: string[] | undefined;
  upsert: boolean;
}
interface BucketFilter {
  tenantId: string;
  g: BucketUpdate['g'];
  lv: string;
  t: Date;
  s: number;
}

export function createRollupRepository(conn: Connection): RollupStore {
  const coll = rollupModel(conn).collection;

  const sets = createSetReader(coll);
  const docCache = createDocCache();

  /**
   * Marks (`ap.<token>`) of settled batches, per bucket, waiting to be dropped: each goes with
   * the next write of its bucket, so hot buckets pay nothing extra; past MAX_RELEASED buckets
   * the rest go with the next apply as well. A mark left behind is harmless (never read again).
   */
  const released = new Map<string, { filter: BucketFilter; tokens: string[] }>();
  const filterOf = (tenantId: string, u: BucketUpdate): BucketFilter => ({ tenantId, g: u.g, lv: u.lv, t: new Date(u.t), s: u.s });
  const bucketId = (f: BucketFilter) => JSON.stringify([f.tenantId, f.g, f.lv, f.t.getTime(), f.s]);
  const keep = (filter: BucketFilter, tokens: string[]) => {
    const id = bucketId(filter);
    const entry = released.get(id) ?? { filter, tokens: [] };
    entry.tokens.push(...tokens);
    released.set(id, entry);
  };
  const marks = (tokens: string[]) => Object.fromEntries(tokens.map((t) => [`ap.${t}`, '']));

  /** The writes of some bucket updates, taking along the released marks of their buckets (or all of them). */
  const opsFor = (tenantId: string, updates: BucketUpdate[], mark: ApplyMark | undefined, drainAll: boolean) => {
    const ops: BucketOp[] = updates.map((u) => {
      const filter = filterOf(tenantId, u);
      const drop = released.get(bucketId(filter));
      released.delete(bucketId(filter));
      return { filter, inc: u, set: mark ? { [`ap.${mark.token}`]: 1 } : undefined, drop: drop?.tokens, upsert: true };
    });
    if (drainAll) {
      for (const { filter, tokens } of released.values()) ops.push({ filter, inc: NOTHING, drop: tokens, upsert: false });
      released.clear();
    }
    return ops;
  };

  /** The update document of one op (every write bumps `rv`). */
  const updateOf = (op: BucketOp): Doc => {
    const inc: Record<string, number> = { rv: 1 };
    for (const [path, n] of incPaths(op.inc)) inc[path] = n;
    return { $inc: inc, ...(op.set ? { $set: op.set } : {}), ...(op.drop ? { $unset: marks(op.drop) } : {}) };
  };

  /** Two writers upserting the same new bucket race on the unique index: the loser retries as an update. */
  const writeIncs = async (ops: BucketOp[]) => {
    let pending = ops;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await coll.bulkWrite(pending.map((op) => ({ updateOne: { filter: op.filter, update: updateOf(op), upsert: op.upsert } })), { ordered: false });
        return;
      } catch (e) {
        if (!(e instanceof mongoose.mongo.MongoBulkWriteError) || attempt >= 5) throw e;
        const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
        // none: the driver's own error (network…) cut the write short
    if (errors.length === 0 || errors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
        pending = errors.map((w) => pending[w.index]!);
      }
    }
  };

  /** The document `doc` (of op's bucket, or a new one) with op's update applied, as MongoDB would apply `$inc`, `$set` and `$unset`. */
  const applied = (op: BucketOp, doc: Doc | null): Doc => {
    const out: Doc = doc ?? { ...op.filter };
    const bump = (o: Doc, k: string, n: number) => {
      o[k] = ((o[k] as number | undefined) ?? 0) + n;
    };
    bump(out, 'rv', 1);
    if (op.inc.uv) bump(out, 'uv', 1);
    if (op.inc.keys.size > 0) {
      const v = (out['v'] ??= {}) as Doc;
      for (const [key, fields] of op.inc.keys) {
        const o = (v[key] ??= {}) as Doc;
        for (const [field, n] of fields) {
          const dot = field.indexOf('.');
          if (dot < 0) bump(o, field, n);
          else bump((o[field.slice(0, dot)] ??= {}) as Doc, field.slice(dot + 1), n);
        }
      }
    }
    for (const [path, value] of Object.entries(op.set ?? {})) {
      // marks only: "ap.<token>"
      const [head = '', tail = ''] = path.split('.', 2);
      ((out[head] ??= {}) as Doc)[tail] = value;
    }
    for (const token of op.drop ?? []) delete (out['ap'] as Doc | undefined)?.[token];
    return out;
  };

  /**
   * Large updates as insert, or read, apply, replace-if-unchanged (`rv`); a bucket that exists
   * (insert) or changed meanwhile (replace) is read again and retried.
   */
  const writeReplacing = async (ops: BucketOp[]) => {
    let pending = ops;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_REPLACE_ATTEMPTS) throw new Error(`could not write ${pending.length} rollup buckets after ${MAX_REPLACE_ATTEMPTS} concurrent attempts`);
      // first attempt, no read: every bucket is inserted (one that exists fails on the unique
      // key); then the buckets that failed are read and replaced
      const docs = attempt === 0 ? pending.map(() => null) : await mapLimit(pending, LOOKUP_CONCURRENCY, (op) => coll.findOne(op.filter));
      const fresh: BucketOp[] = [];
      const retry: BucketOp[] = [];
      const results = await mapLimit(pending.map((op, i) => ({ op, doc: docs[i] })), LOOKUP_CONCURRENCY, async ({ op, doc }) => {
        if (!doc) return (fresh.push(op), true);
        const rv = doc['rv'] as number | undefined;
        const next = applied(op, doc);
        // the bucket's key and revision: one index lookup (see the schema), no scan
        const res = await coll.replaceOne({ ...op.filter, rv: rv ?? null }, next);
        return res.matchedCount === 1;
      });
      pending.forEach((op, i) => {
        if (!results[i]) retry.push(op);
      });
      if (fresh.length > 0) {
        try {
          await coll.insertMany(fresh.map((op) => applied(op, null)), { ordered: false });
        } catch (e) {
          if (!(e instanceof mongoose.mongo.MongoBulkWriteError)) throw e;
          const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
          // none: the driver's own error (network…) cut the write short
    if (errors.length === 0 || errors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
          for (const w of errors) retry.push(fresh[w.index]!);
        }
      }
      pending = retry;
    }
  };

  const writeAll = async (ops: BucketOp[]) => {
    try {
      const large = ops.filter((op) => op.upsert && op.inc.size >= REPLACE_MIN_FIELDS);
      const small = ops.filter((op) => !(op.upsert && op.inc.size >= REPLACE_MIN_FIELDS));
      await Promise.all([small.length > 0 ? writeIncs(small) : undefined, large.length > 0 ? writeReplacing(large) : undefined]);
    } catch (e) {
      // the marks may still be there: they go with a later write
      for (const op of ops) if (op.drop) keep(op.filter, op.drop);
      throw e;
    }
  };

  /** Finishing a cut-short batch: only the buckets its first attempt did not reach (no concurrent finisher: see journaled-batches.ts). */
  const unmarked = async (tenantId: string, updates: BucketUpdate[], token: string) => {
    const docs = await mapLimit(updates, LOOKUP_CONCURRENCY, (u) => coll.findOne(filterOf(tenantId, u), { projection: { [`ap.${token}`]: 1 } }));
    return updates.filter((_u, i) => (docs[i]?.['ap'] as Record<string, unknown> | undefined)?.[token] === undefined);
  };

  return {
    async fetch(tenantId, lv, days, key) {
      if (days.length === 0) return [];
      // one known key: its home shard only
      const shards = key ? [homeShard('d', lv, key)] : dataShards('d', lv);
      const projection = key ? { t: 1, uv: 1, rv: 1, [`v.${key}`]: 1, [`un.${key}`]: 1 } : { t: 1, uv: 1, rv: 1, v: 1, un: 1 };
      let docs: Doc[];
      // point lookups on the unique key are index-served everywhere; long spans read a range
      if (days.length * shards.length > MAX_POINT_LOOKUPS) {
        const range = { $gte: days[0]!, $lte: days[days.length - 1]! };
        docs = await coll.find({ tenantId, g: 'd', lv, t: range, s: { $in: shards } }, { projection }).toArray();
      } else {
        // revisions first; a bucket is fetched and decoded again only when it changed
        const ids = days.flatMap((t) => shards.map((s) => ({ tenantId, g: 'd', lv, t, s })));
        const cacheId = (id: (typeof ids)[number]) => `${tenantId}|${lv}|${id.t.getTime()}|${id.s}|${key ?? ''}`;
        const heads = await mapLimit(ids, LOOKUP_CONCURRENCY, (id) => coll.findOne(id, { projection: { rv: 1 } }));
        docs = await mapLimit(ids, LOOKUP_CONCURRENCY, async (id, i) => {
          if (!heads[i]) return null;
          const hit = docCache.get(cacheId(id), heads[i]['rv']);
          if (hit) return hit;
          const doc = await coll.findOne(id, { projection });
          if (doc) docCache.set(cacheId(id), doc);
          return doc;
        }).then((all) => all.filter((d) => d !== null));
      }
      return docs as unknown as RollupDoc[];
    },
    customerSets: (tenantId, lv, refs, o) => sets.load(tenantId, lv, refs, o),
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
    async apply(tenantId, updates, mark) {
      const todo = mark?.repair ? await unmarked(tenantId, updates, mark.token) : updates;
      // set shards first, then home shards: a bumped set version implies its sets are written
      await writeAll(opsFor(tenantId, todo.filter((u) => u.s >= SET_SHARD_BASE), mark, false));
      await writeAll(opsFor(tenantId, todo.filter((u) => u.s < SET_SHARD_BASE), mark, released.size > MAX_RELEASED));
    },
    release(tenantId, token, updates) {
      for (const u of updates) keep(filterOf(tenantId, u), [token]);
    },
    async clear(tenantId) {
      await coll.deleteMany({ tenantId });
    },
    async clearDays(tenantId, from) {
      await coll.deleteMany({ tenantId, g: 'd', t: { $gte: from } });
      // what the first layout kept: UTC-hour buckets and HyperLogLog shards (in place of the set shards)
      await coll.deleteMany({ tenantId, g: 'h' });
      await coll.deleteMany({ tenantId, g: 'd', s: { $gte: SET_SHARD_BASE } });
      await coll.updateMany({ tenantId, g: 'd' }, { $unset: { us: '', un: '' } });
    },
  };
}
