import type { RollupDoc, RollupStore, SetRef } from '../ports/rollups.js';
import { ALL_SLOTS, countDistinct, keysIn, registersOf } from './customer-sets.js';
import { HLL_M, HLL_RELATIVE_ERROR, hllEstimate, unionRegisters } from './hll.js';
import type { DistinctCustomers } from './stats.js';

/** The key-days whose customers one answer counts, each with the hours it covers. */
export type CustomerGroup = { doc: RollupDoc; key: string; mask: number; group: string }[];

/**
 * Past this many customer-days in one read, distinct customers are estimated (HyperLogLog)
 * rather than counted: ~40 MB of keys. A period with 100,000 distinct customers stays exact
 * unless they average more than 40 contact days each in it.
 */
export const EXACT_BUDGET = 4_000_000;

/** Distinct customers of each group: exact union of the day sets, or past the budget an estimate. */
export async function countCustomers(store: RollupStore, tenantId: string, lv: string, groups: CustomerGroup[], budget = EXACT_BUDGET): Promise<DistinctCustomers[]> {
  const index = new Map<string, number>();
  const refs: SetRef[] = [];
  const partial: boolean[] = [];
  const ids = groups.map((g) =>
    g.map(({ doc, key, mask }) => {
      const id = `${doc.t.getTime()}|${key}`;
      let i = index.get(id);
      if (i === undefined) {
        index.set(id, (i = refs.length));
        const uv = doc.uv ?? 0;
        const meta = doc.un?.[key];
        refs.push({ t: doc.t, key, uv, ...(doc.rv !== undefined ? { rv: doc.rv } : {}), ...(meta && meta.v === uv ? { n: meta.n } : {}) });
        partial.push(false);
      }
      if (mask !== ALL_SLOTS) partial[i] = true;
      return i;
    }),
  );
  if (refs.length === 0) return groups.map(() => ({ distinct: 0, estimated: false }));
  const loaded = await store.customerSets(tenantId, lv, refs, { maxEntries: budget, partial });
  return groups.map((g, gi) => {
    if (loaded.exact) return { distinct: countDistinct(g.map(({ mask }, k) => keysIn(loaded.sets[ids[gi]![k]!]!, mask))), estimated: false };
    const registers = new Uint8Array(HLL_M);
    g.forEach(({ mask }, k) => {
      const i = ids[gi]![k]!;
      const set = loaded.sets[i];
      if (mask !== ALL_SLOTS && set) registersOf(set, mask, registers);
      else unionRegisters(registers, loaded.registers[i]!);
    });
    return { distinct: Math.round(hllEstimate(registers)), estimated: true, relativeError: HLL_RELATIVE_ERROR };
  });
}
