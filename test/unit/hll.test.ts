/**
 * Distinct-customer accuracy of the rollups' HyperLogLog on fixed customer ids (deterministic:
 * the property test checks the rollups hold exactly the sketch of the right customers).
 */
import { describe, expect, it } from 'vitest';
import { hllEstimate } from '../../src/core/kpi/hll.js';
import { hllSketchOf } from '../support/kpi-oracle.js';

const estimate = (ids: string[]) => hllEstimate(hllSketchOf(ids));

describe('HyperLogLog (4,096 registers)', () => {
  it('is within 5 % from 1 to 50,000 distinct customers, and exact up to a few', () => {
    expect(estimate([])).toBe(0);
    expect(Math.round(estimate(['c-1', 'c-2', 'c-3']))).toBe(3);
    for (const n of [10, 50, 146, 500, 1_000, 5_000, 10_000, 20_000, 50_000]) {
      const ids = Array.from({ length: n }, (_, i) => `cust-${i}`);
      expect(Math.abs(estimate(ids) - n) / n, `${n}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('errs by about 1 % on average over 200 sets of 1,000 customers', () => {
    let sum = 0;
    for (let k = 0; k < 200; k++) sum += Math.abs(estimate(Array.from({ length: 1_000 }, (_, i) => `c${k}-${i}`)) - 1_000) / 1_000;
    expect(sum / 200).toBeLessThanOrEqual(0.015);
  });

  it('counts a customer once however many contacts they have', () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => `cust-${i % 300}`);
    expect(Math.abs(estimate(ids) - 300) / 300).toBeLessThanOrEqual(0.05);
  });
});
