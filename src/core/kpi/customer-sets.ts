import { addToRegisters, HLL_M } from './hll.js';

/**
 * The distinct customers of one rollup key on one day: their keys (48-bit integers, ascending)
 * and, for each, the hours of that day (bit i = slot i) in which they contacted. Distinct
 * customers over a period are the size of the union of such sets, with the hours the period
 * covers on its first and last day: exact, however the days are combined.
 */
export interface CustomerSet {
  keys: Float64Array;
  masks: Uint32Array;
}

/** Every hour slot of a day (a DST day has up to 25). */
export const ALL_SLOTS = 2 ** 25 - 1;
export const EMPTY_SET: CustomerSet = { keys: new Float64Array(0), masks: new Uint32Array(0) };

/** Hours [from, to) of a day as a slot mask. */
export const slotMask = (from: number, to: number): number => (to <= from ? 0 : (2 ** to - 2 ** from) >>> 0);

/** The set kept as counters (customer key → slot → contacts) condensed: customers with a positive count. */
export function buildCustomerSet(counts: Record<string, Record<string, number>> | undefined): CustomerSet {
  const entries: [number, number][] = [];
  for (const [customer, slots] of Object.entries(counts ?? {})) {
    let mask = 0;
    for (const [s, n] of Object.entries(slots)) if (n > 0) mask |= 1 << Number(s);
    if (mask !== 0) entries.push([parseInt(customer, 36), mask >>> 0]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return { keys: Float64Array.from(entries, (e) => e[0]), masks: Uint32Array.from(entries, (e) => e[1]) };
}

/** The keys of a set that contacted in the given hours, ascending. */
export function keysIn(set: CustomerSet, mask: number): Float64Array {
  if (mask === ALL_SLOTS) return set.keys;
  const out = new Float64Array(set.keys.length);
  let n = 0;
  for (let i = 0; i < set.keys.length; i++) if ((set.masks[i]! & mask) !== 0) out[n++] = set.keys[i]!;
  return out.subarray(0, n);
}

/** Union of two ascending key arrays, ascending, without repeats. */
function merge(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    out[n++] = x <= y ? x : y;
    if (x <= y) i++;
    if (y <= x) j++;
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** Size of the union of many ascending key arrays (merged pairwise: n log k). */
export function countDistinct(parts: Float64Array[]): number {
  let level = parts.filter((p) => p.length > 0);
  if (level.length === 0) return 0;
  while (level.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merge(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!.length;
}

/** HyperLogLog registers of the keys of a set in the given hours (the estimate past the exact budget). */
export function registersOf(set: CustomerSet, mask: number, into: Uint8Array = new Uint8Array(HLL_M)): Uint8Array {
  for (let i = 0; i < set.keys.length; i++) if ((set.masks[i]! & mask) !== 0) addToRegisters(into, set.keys[i]!);
  return into;
}
