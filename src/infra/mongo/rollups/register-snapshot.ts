import { HLL_M, hllRanks, type HllCounts } from '../../../core/kpi/hll.js';

/**
 * A bucket's HyperLogLog counters (thousands of fields on a busy day) condensed to each
 * register's current rank in one short string, so KPI reads stay small however many customers
 * a day had. Sparse ("<idx base36, 3 chars><rank base36>"…) or dense (one char per register).
 */
const DENSE_FROM = 1024;
const REGISTERS = HLL_M;

export function encodeRegisters(counts: HllCounts | undefined): string {
  const ranks = new Map<number, number>();
  hllRanks(counts).forEach((r, idx) => {
    if (r > 0) ranks.set(idx, r);
  });
  if (ranks.size >= DENSE_FROM) {
    const chars = new Array<string>(REGISTERS).fill('0');
    for (const [idx, r] of ranks) chars[idx] = r.toString(36);
    return `D${chars.join('')}`;
  }
  return `S${[...ranks].map(([idx, r]) => idx.toString(36).padStart(3, '0') + r.toString(36)).join('')}`;
}

export function decodeRegisters(snapshot: string): Uint8Array {
  const out = new Uint8Array(REGISTERS);
  if (snapshot.startsWith('D')) {
    for (let i = 1; i < snapshot.length; i++) out[i - 1] = parseInt(snapshot[i]!, 36);
    return out;
  }
  for (let i = 1; i + 4 <= snapshot.length; i += 4) out[parseInt(snapshot.slice(i, i + 3), 36)] = parseInt(snapshot[i + 3]!, 36);
  return out;
}
