/**
 * HyperLogLog over customer keys, used only past the exact budget of customer-sets.ts (very
 * long periods of very large tenants): 2^12 registers, a standard error of 1.04/√4096 ≈ 1.6 %.
 */
export const HLL_P = 12;
export const HLL_M = 1 << HLL_P;
/** customer keys are 48-bit integers (customer-keys.ts) */
const KEY_BITS = 48;
const REST_BITS = KEY_BITS - HLL_P;
/** the relative standard error the API states with an estimate */
export const HLL_RELATIVE_ERROR = 1.04 / Math.sqrt(HLL_M);

/** 32-bit FNV-1a followed by a murmur3 finalizer, so the bits are well mixed (bucket shards). */
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

/** Register index (top 12 bits) and rank (first 1-bit among the other 36) of a customer key. */
export function registerOf(key: number): { index: number; rank: number } {
  const index = Math.floor(key / 2 ** REST_BITS);
  const rest = key - index * 2 ** REST_BITS;
  // position of the highest set bit of the 36 remaining bits, counted from the top
  const rank = rest === 0 ? REST_BITS + 1 : REST_BITS - Math.floor(Math.log2(rest));
  return { index, rank };
}

/** Adds keys to dense registers (register-wise maximum: a union). */
export function addToRegisters(into: Uint8Array, key: number): void {
  const { index, rank } = registerOf(key);
  if (rank > into[index]!) into[index] = rank;
}

export function unionRegisters(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < HLL_M; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
}

export function hllEstimate(ranks: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (const r of ranks) {
    if (r === 0) zeros++;
    sum += 2 ** -r;
  }
  if (zeros === HLL_M) return 0;
  const alpha = 0.7213 / (1 + 1.079 / HLL_M);
  const raw = (alpha * HLL_M * HLL_M) / sum;
  if (raw <= 2.5 * HLL_M && zeros > 0) return HLL_M * Math.log(HLL_M / zeros);
  return raw;
}
