/**
 * HyperLogLog over customer keys: only past the exact budget (very long periods of very large
 * tenants) are distinct customers estimated; this is the accuracy the API then states.
 */
import { describe, expect, it } from 'vitest';
import { addToRegisters, HLL_M, HLL_RELATIVE_ERROR, hllEstimate } from '../../src/core/kpi/hll.js';
import { createCustomerKeys } from '../../src/infra/security/customer-keys.js';

const keys = createCustomerKeys('hll-test');
const estimate = (ids: string[]) => {
  const r = new Uint8Array(HLL_M);
  for (const id of ids) addToRegisters(r, parseInt(keys.keyOf('T1', id), 36));
  return hllEstimate(r);
};

describe('HyperLogLog (4,096 registers) over customer keys', () => {
  it('is within 5 % from 1 to 200,000 distinct customers, and exact up to a few', () => {
    expect(estimate([])).toBe(0);
    expect(Math.round(estimate(['c-1', 'c-2', 'c-3']))).toBe(3);
    for (const n of [10, 146, 1_000, 10_000, 50_000, 200_000]) {
      const ids = Array.from({ length: n }, (_, i) => `cust-${i}`);
      expect(Math.abs(estimate(ids) - n) / n, `${n}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('errs by about the stated relative error on average over 40 sets of 20,000 customers', () => {
    let sum = 0;
    for (let k = 0; k < 40; k++) sum += Math.abs(estimate(Array.from({ length: 20_000 }, (_, i) => `c${k}-${i}`)) - 20_000) / 20_000;
    // mean absolute error of a normal error is ~0.8 of its standard deviation
    expect(sum / 40).toBeLessThanOrEqual(HLL_RELATIVE_ERROR);
  });

  it('counts a customer once however many contacts they have', () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `cust-${i % 3_000}`);
    expect(Math.abs(estimate(ids) - 3_000) / 3_000).toBeLessThanOrEqual(0.05);
  });
});
