import type { HllCounts } from '../../../core/kpi/hll.js';

/**
 * A bucket's HyperLogLog counters (thousands of fields on a busy day) condensed to each
 * register's current rank in one short string, so KPI reads stay small however many customers
 * a day had. Sparse ("<idx base36, 3 chars><rank base36>"…) or dense (one char per register).
 */
const DENSE_FROM = 1024;
const REGISTERS = 4096;

export function encodeRegisters(counts: HllCounts | undefined): string {
  const ranks = new Map<number, number>();
  for (const [idx, byRank] of Object.entries(counts ?? {})) {
    let r = 0;
    for (const [rank, n] of Object.entries(byRank)) if (n > 0 && Number(rank) > r) r = Number(rank);
    if (r > 0) ranks.set(Number(idx), r);
  }
  if (ranks.size >= DENSE_FROM) {
    const chars = new Array<string>(REGISTERS).fill('0');
    for (const [idx, r] of ranks) chars[idx] = r.toString(36);
    return `D${chars.join('')}`;
  }
  return `S${[...ranks].map(([idx, r]) => idx.toString(36).padStart(3, '0') + r.toString(36)).join('')}`;
}

export function decodeRegisters(snapshot: string): HllCounts {
  const out: HllCounts = {};
  if (snapshot.startsWith('D')) {
    for (let i = 1; i < snapshot.length; i++) {
      const r = parseInt(snapshot[i]!, 36);
      if (r > 0) out[String(i - 1)] = { [String(r)]: 1 };
    }
    return out;
  }
  for (let i = 1; i + 4 <= snapshot.length; i += 4) {
    out[String(parseInt(snapshot.slice(i, i + 3), 36))] = { [String(parseInt(snapshot[i + 3]!, 36))]: 1 };
  }
  return out;
}
