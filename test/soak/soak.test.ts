/**
 * The short soak that CI runs (70 s, memory measured after a 30 s warm-up; `npm run soak` runs
 * 10 minutes): ingest, /kpi, survey clicks, meeting actions and report runs at once against the
 * service in its own process, with the Docker image's heap budget — no errors, nothing lost or
 * duplicated, flat memory.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak.js';
import { connectTestDb } from '../support/mongo.js';

const growth = (from: number, to: number) => (to - from) / from;

describe('soak (70 s)', () => {
  it('stays correct and flat under a mixed load', async () => {
    const db = await connectTestDb('soak');
    try {
      const r = await runSoak({ mongoUri: db.uri, durationMs: 70_000, warmupMs: 30_000 });
      const summary = JSON.stringify({ ...r, samples: undefined });
      expect(r.errors, summary).toEqual([]);
      expect(r.requests).toBeGreaterThan(500);
      expect(r.lost).toBe(0);
      expect(r.duplicated).toBe(0);
      // the live heap after a full collection is what a leak grows; RSS is the service's alone
      expect(growth(r.heapStartMb, r.heapEndMb), summary).toBeLessThan(0.1);
      expect(growth(r.rssStartMb, r.rssEndMb), JSON.stringify(r.samples)).toBeLessThan(0.1);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
