/**
 * Counting HyperLogLog for distinct customers per rollup bucket: distinct counts cannot be
 * summed across buckets, register maxima can. Each (register, rank) keeps a counter instead
 * of only the maximum, so removing a record (an update moved it) is exact: a register's value
 * is the highest rank whose counter is still positive. 2^12 registers: about 1 % error on
 * average, up to ~4 % near 10,000 customers where linear counting hands over (hll.test.ts); a
 * bucket never holds more than 4,096 registers, so reads stay bounded however many customers.
 */
export const HLL_P = 12;
export const HLL_M = 1 << HLL_P;

/** 32-bit FNV-1a followed by a murmur3 finalizer, so the bits are well mixed. */
export function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Register index and rank (position of the first 1-bit in the remaining bits). */
export function hllRegister(value: string): { index: number; rank: number } {
  const h = hash32(value);
  const index = h >>> (32 - HLL_P);
  const rest = (h << HLL_P) >>> 0;
  const rank = rest === 0 ? 32 - HLL_P + 1 : Math.clz32(rest) + 1;
  return { index, rank };
}

/** register index -> rank -> number of records holding it */
export type HllCounts = Record<string, Record<string, number>>;

/** Current register values (highest rank still counted), as a dense array. */
export function hllRanks(counts: HllCounts | undefined, into: Uint8Array = new Uint8Array(HLL_M)): Uint8Array {
  for (const [idx, ranks] of Object.entries(counts ?? {})) {
    let r = 0;
    for (const [rank, n] of Object.entries(ranks)) if (n > 0 && Number(rank) > r) r = Number(rank);
    const i = Number(idx);
    if (r > into[i]!) into[i] = r;
  }
  return into;
}

/** Register-wise maximum: the union of two sets of customers. */
export function hllUnion(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < HLL_M; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
}

export function hllEstimate(counts: HllCounts, dense?: Uint8Array): number {
  const ranks = hllRanks(counts, dense ? Uint8Array.from(dense) : undefined);
  let sum = 0;
  let zeros = HLL_M;
  for (const r of ranks) {
    if (r > 0) {
      zeros--;
      sum += 2 ** -r;
    }
  }
  if (zeros === HLL_M) return 0;
  sum += zeros; // empty registers contribute 2^0
  const alpha = 0.7213 / (1 + 1.079 / HLL_M);
  const raw = (alpha * HLL_M * HLL_M) / sum;
  if (raw <= 2.5 * HLL_M && zeros > 0) return HLL_M * Math.log(HLL_M / zeros);
  return raw;
}

export function hllMerge(into: HllCounts, from: HllCounts | undefined): void {
  if (!from) return;
  for (const [index, ranks] of Object.entries(from)) {
    const target = (into[index] ??= {});
    for (const [rank, n] of Object.entries(ranks)) target[rank] = (target[rank] ?? 0) + n;
  }
}
