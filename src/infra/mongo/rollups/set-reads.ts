import type mongoose from 'mongoose';
import { homeShard, setShards } from '../../../core/kpi/bucket-deltas.js';
import type { CustomerSet } from '../../../core/kpi/customer-sets.js';
import { HLL_M, addToRegisters } from '../../../core/kpi/hll.js';
import type { LoadedSets, SetRef } from '../../../core/ports/rollups.js';
import { LOOKUP_CONCURRENCY, mapLimit } from '../map-limit.js';
import { decodeSet, REGISTERS_FROM, snapshotOf } from './set-snapshot.js';

type Doc = mongoose.mongo.Document;
type Coll = mongoose.mongo.Collection<Doc>;
type Counts = Record<string, Record<string, number>>;

/** decoded sets kept in memory: past days rarely change, so repeated reads skip MongoDB */
const CACHE_BYTES = 64 * 1024 * 1024;
const BYTES_PER_ENTRY = 12;

/** A byte-bounded LRU of decoded sets by tenant, level, day, key and set version. */
function createSetCache(budget = CACHE_BYTES) {
  const map = new Map<string, CustomerSet>();
  let bytes = 0;
  return {
    get(id: string): CustomerSet | undefined {
      const hit = map.get(id);
      if (hit) {
        map.delete(id);
        map.set(id, hit);
      }
      return hit;
    },
    set(id: string, set: CustomerSet) {
      const size = set.keys.length * BYTES_PER_ENTRY;
      if (size > budget / 4 || map.has(id)) return;
      map.set(id, set);
      bytes += size;
      for (const [old, s] of map) {
        if (bytes <= budget) break;
        map.delete(old);
        bytes -= s.keys.length * BYTES_PER_ENTRY;
      }
    },
  };
}

/**
 * Customer sets of keys on days, from the snapshots kept in each key's home document
 * (`us.<key>`: version, keys and hour masks, registers; `un.<key>`: version and size). A stale
 * snapshot (its version is not the home document's `uv`) is rebuilt from the set shards and
 * saved if the home document did not change meanwhile (its revision `rv`).
 */
export function createSetReader(coll: Coll) {
  const cache = createSetCache();
  const idOf = (tenantId: string, lv: string, r: SetRef) => `${tenantId}|${lv}|${r.t.getTime()}|${r.key}|${r.uv}`;
  const home = (tenantId: string, lv: string, r: SetRef) => ({ tenantId, g: 'd', lv, t: r.t, s: homeShard('d', lv, r.key) });

  /** Condenses the key's counters from the set shards and keeps the snapshot if nothing moved. */
  const rebuild = async (tenantId: string, lv: string, r: SetRef): Promise<CustomerSet> => {
    const parts = await mapLimit(setShards(), LOOKUP_CONCURRENCY, (s) => coll.findOne({ tenantId, g: 'd', lv, t: r.t, s }, { projection: { [`v.${r.key}.u`]: 1 } }));
    const counts: Counts = {};
    for (const part of parts) {
      const u = ((part?.['v'] as Record<string, { u?: Counts }> | undefined)?.[r.key]?.u ?? {}) as Counts;
      for (const [name, value] of Object.entries(u as Record<string, number | Record<string, number>>)) {
        // "<customer>:<slot>" counters, or (written before) a customer's object of slots
        if (typeof value === 'number') {
          const sep = name.indexOf(':');
          const into = (counts[name.slice(0, sep)] ??= {});
          into[name.slice(sep + 1)] = (into[name.slice(sep + 1)] ?? 0) + value;
          continue;
        }
        const into = (counts[name] ??= {});
        for (const [slot, n] of Object.entries(value)) into[slot] = (into[slot] ?? 0) + n;
      }
    }
    const snap = snapshotOf(counts);
    const stored = { v: r.uv, b: snap.bytes, ...(snap.registers ? { r: snap.registers } : {}) };
    // the key and revision: one index lookup (see the schema), and only if the document is as read
    await coll.updateOne({ ...home(tenantId, lv, r), rv: r.rv ?? null }, { $set: { [`us.${r.key}`]: stored, [`un.${r.key}`]: { v: r.uv, n: snap.set.keys.length } } });
    cache.set(idOf(tenantId, lv, r), snap.set);
    return snap.set;
  };

  /** The snapshot's keys (or registers) when it is of the version read, else a rebuild. */
  const read = async (tenantId: string, lv: string, r: SetRef, field: 'b' | 'r'): Promise<CustomerSet | Uint8Array> => {
    const doc = await coll.findOne(home(tenantId, lv, r), { projection: { [`us.${r.key}.v`]: 1, [`us.${r.key}.${field}`]: 1 } });
    const snap = (doc?.['us'] as Record<string, { v?: number; b?: { buffer: Uint8Array }; r?: { buffer: Uint8Array } }> | undefined)?.[r.key];
    const bytes = snap?.[field]?.buffer;
    if (!snap || snap.v !== r.uv || !bytes) return rebuild(tenantId, lv, r);
    if (field === 'r') return new Uint8Array(bytes);
    const set = decodeSet(bytes);
    cache.set(idOf(tenantId, lv, r), set);
    return set;
  };

  const setOf = async (tenantId: string, lv: string, r: SetRef) => cache.get(idOf(tenantId, lv, r)) ?? ((await read(tenantId, lv, r, 'b')) as CustomerSet);

  return {
    async load(tenantId: string, lv: string, refs: SetRef[], o: { maxEntries: number; partial: boolean[] }): Promise<LoadedSets> {
      // sizes: from the snapshots' metadata, or from a rebuild of the stale ones
      const known = await mapLimit(refs, LOOKUP_CONCURRENCY, async (r) => cache.get(idOf(tenantId, lv, r)) ?? (r.n === undefined ? rebuild(tenantId, lv, r) : null));
      const sizes = refs.map((r, i) => known[i]?.keys.length ?? r.n ?? 0);
      if (sizes.reduce((a, b) => a + b, 0) <= o.maxEntries) {
        return { exact: true, sets: await mapLimit(refs, LOOKUP_CONCURRENCY, async (r, i) => known[i] ?? setOf(tenantId, lv, r)) };
      }
      const sets = await mapLimit(refs, LOOKUP_CONCURRENCY, async (r, i) => (o.partial[i] || sizes[i]! < REGISTERS_FROM ? (known[i] ?? setOf(tenantId, lv, r)) : null));
      const registers = await mapLimit(refs, LOOKUP_CONCURRENCY, async (r, i) => {
        const set = sets[i] ?? known[i];
        if (set) return registersFrom(set);
        const got = await read(tenantId, lv, r, 'r');
        return got instanceof Uint8Array ? got : registersFrom(got);
      });
      return { exact: false, registers, sets: sets.map((s, i) => (o.partial[i] ? s : null)) };
    },
  };
}

function registersFrom(set: CustomerSet): Uint8Array {
  const out = new Uint8Array(HLL_M);
  for (const key of set.keys) addToRegisters(out, key);
  return out;
}
