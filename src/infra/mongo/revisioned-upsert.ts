import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { LOOKUP_CONCURRENCY, mapLimit } from './map-limit.js';

type Doc = mongoose.mongo.Document;
type Coll = mongoose.mongo.Collection<Doc>;

export type { UpsertKind, UpsertOutcome } from '../../core/ports/interactions.js';
import type { BatchOptions, UpsertOutcome } from '../../core/ports/interactions.js';

export interface RevisionedSpec<T> {
  collection: Coll;
  tenantId: string;
  keyOf(record: T): string;
  /** equality filter on the unique key of one record (the tenant is added here) */
  filterFor(record: T): Doc;
  toDoc(record: T): Doc;
  fromDoc(doc: Doc): T;
  /** kept as `pv` in a replacement: what the rollups counted until its batch settles */
  previousView?(record: T): Doc;
}

const DUPLICATE_KEY = 11000;
const MAX_ATTEMPTS = 20;

/**
 * Inserts or replaces records by identity with optimistic concurrency (a revision number), so
 * that each caller learns exactly which previous version it replaced. Bulk ingest is mostly
 * new records, so it inserts first (one insertMany); records that already exist come back as
 * duplicate-key errors and are compared and replaced one by one, retrying when they lose a race.
 * With a batch, every write carries its token, and a document another batch wrote is only
 * touched once that batch is settled (its rollup contribution applied).
 */
export async function revisionedUpsert<T>(spec: RevisionedSpec<T>, records: T[], batch?: BatchOptions<T>): Promise<UpsertOutcome<T>[]> {
  const last = new Map<string, T>();
  for (const r of records) last.set(spec.keyOf(r), r);
  const unique = [...last.values()];
  if (unique.length === 0) return [];
  const now = new Date();
  const wt = batch?.token ?? randomUUID();
  const docs = () => unique.map((r) => ({ ...spec.toDoc(r), tenantId: spec.tenantId, rev: 1, wt, ingestedAt: now, updatedAt: now }));
  // a rebase only updates what is stored: every record goes the compare-and-replace way
  const failed = batch?.rebase ? new Set(unique.keys()) : await insertManyTolerant(spec.collection, docs());
  const outcomes: UpsertOutcome<T>[] = [];
  const existing: T[] = [];
  unique.forEach((r, i) => (failed.has(i) ? existing.push(r) : outcomes.push({ record: r, previous: null, kind: 'created' })));
  // every write has ended before an error is thrown: whoever finishes the batch sees all of it
  let error: unknown;
  const updated = await mapLimit(existing, LOOKUP_CONCURRENCY, async (r) => {
    if (error !== undefined) return null;
    return upsertOne(spec, r, batch).catch((e: unknown) => {
      error ??= e;
      return null;
    });
  });
  if (error !== undefined) throw error;
  outcomes.push(...updated.filter((o): o is UpsertOutcome<T> => o !== null && o !== GONE));
  return outcomes;
}

function replacementFor<T>(spec: RevisionedSpec<T>, record: T, doc: Doc, wt: string, now: Date): Doc {
  const previous = spec.previousView?.(spec.fromDoc(doc));
  return {
    ...spec.toDoc(record),
    tenantId: spec.tenantId,
    rev: (doc['rev'] as number) + 1,
    wt,
    ingestedAt: doc['ingestedAt'] ?? now,
    updatedAt: now,
    ...(previous ? { pv: previous } : {}),
  };
}

/** insertMany that reports which documents hit a duplicate key instead of throwing. */
async function insertManyTolerant(coll: Coll, docs: Doc[]): Promise<Set<number>> {
  try {
    await coll.insertMany(docs, { ordered: false });
    return new Set();
  } catch (e) {
    if (!(e instanceof mongoose.mongo.MongoBulkWriteError)) throw e;
    const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
    // none: the driver's own error (network…) cut the write short
    if (errors.length === 0 || errors.some((w) => w.code !== DUPLICATE_KEY)) throw e;
    return new Set(errors.map((w) => w.index));
  }
}

/** a rebased record that is no longer stored (removed meanwhile): nothing written */
const GONE = Symbol('gone');

async function upsertOne<T>(spec: RevisionedSpec<T>, given: T, batch?: BatchOptions<T>): Promise<UpsertOutcome<T> | typeof GONE> {
  let record = given;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const wt = batch?.token ?? randomUUID();
    const now = new Date();
    const doc = await spec.collection.findOne({ ...spec.filterFor(record), tenantId: spec.tenantId });
    if (doc && batch && doc['wt'] !== batch.token) await batch.settle(doc['wt'] as string);
    if (batch?.rebase) {
      if (!doc) return GONE;
      record = batch.rebase(spec.fromDoc(doc));
    }
    if (!doc) {
      const failed = await insertManyTolerant(spec.collection, [
        { ...spec.toDoc(record), tenantId: spec.tenantId, rev: 1, wt, ingestedAt: now, updatedAt: now },
      ]);
      if (failed.size === 0) return { record, previous: null, kind: 'created' };
      continue;
    }
    const previous = spec.fromDoc(doc);
    if (canonical(previous) === canonical(record)) return { record, previous, kind: 'unchanged' };
    const res = await spec.collection.replaceOne(
      { _id: doc['_id'], tenantId: spec.tenantId, rev: doc['rev'] },
      replacementFor(spec, record, doc, wt, now),
    );
    if (res.modifiedCount === 1) return { record, previous, kind: 'updated' };
  }
  throw new Error(`could not write record ${spec.keyOf(record)} after ${MAX_ATTEMPTS} concurrent attempts`);
}

/** Stable JSON of a record (sorted keys, dates as ISO, absent = undefined) for change detection. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined && x !== null)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}
