/**
 * The short soak that CI runs (75 s, memory measured after a 35 s warm-up) (`npm run soak` runs 10 minutes): ingest, /kpi, survey clicks,
 * meeting actions and report runs at once — no errors, nothing lost or duplicated, flat memory.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak.js';
import { connectTestDb } from '../support/mongo.js';

describe('soak (1 minute)', () => {
  it('stays correct and flat under a mixed load', async () => {
    const db = await connectTestDb('soak');
    try {
      const r = await runSoak(db.uri, 75_000, 35_000);
      expect(r.errors).toEqual([]);
      expect(r.requests).toBeGreaterThan(500);
      expect(r.lost).toBe(0);
      expect(r.duplicated).toBe(0);
      // a minute is too short for RSS to settle (V8 grows its heap for a while): the live heap
      // after a full collection is what a leak would grow; `npm run soak` checks RSS over 10 min
      expect((r.heapEndMb - r.heapStartMb) / r.heapStartMb, JSON.stringify(r)).toBeLessThan(0.1);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
