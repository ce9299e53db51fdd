import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { hllEstimate } from '../../src/core/kpi/hll.js';
import { queryKpis } from '../../src/core/kpi/query-kpis.js';
import { storeInteractions, type StoreDeps } from '../../src/core/use-cases/store-interactions.js';
import { decodeRegisters, encodeRegisters } from '../../src/infra/mongo/rollups/register-snapshot.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';

describe('register snapshots', () => {
  it('round-trip sparse and dense register sets', () => {
    for (const n of [0, 3, 500, 3000]) {
      const counts: Record<string, Record<string, number>> = {};
      for (let i = 0; i < n; i++) counts[String((i * 7919) % 4096)] = { '1': 2, [String(1 + (i % 9))]: 1, '20': 0 };
      const back = decodeRegisters(encodeRegisters(counts));
      expect(hllEstimate({}, back)).toBeCloseTo(hllEstimate(counts), 6);
    }
  });
});

describe('KPI reads through register snapshots', () => {
  let db: TestDb;
  let deps: StoreDeps;
  beforeAll(async () => {
    ({ db, deps } = await connectStoreDeps('snap'));
  });
  afterAll(async () => db?.drop());

  const rec = (i: number, customer: string): InteractionRecord => ({
    externalId: `s${i}`, source: 'api', channel: 'email', customer: { id: customer }, priority: 'normal', status: 'open',
    createdAt: new Date(Date.UTC(2026, 10, 24, 12, i % 60)), reopenedAt: [], contactCount: 1, firstContactResolution: false,
    sla: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
  });
  const ask = () =>
    queryKpis(deps.rollups, {
      tenantId: 'T1', tenantTimezone: 'UTC', filters: {}, now: new Date('2026-11-25T00:00:00Z'),
      current: { start: new Date('2026-11-24T00:00:00Z'), end: new Date('2026-11-25T00:00:00Z') },
      previous: { start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-24T00:00:00Z') },
    });

  it('see customers added after a snapshot was taken', async () => {
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(i, `c${i}`)));
    expect((await ask()).current.contactsPerCustomer).toBeCloseTo(1, 1);
    // 20 more contacts from the same customers, then 20 from new ones
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(100 + i, `c${i}`)));
    expect((await ask()).current.contactsPerCustomer).toBeCloseTo(2, 1);
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(200 + i, `n${i}`)));
    const k = (await ask()).current;
    expect(k.volume).toBe(60);
    expect(60 / k.contactsPerCustomer!).toBeGreaterThan(38);
    expect(60 / k.contactsPerCustomer!).toBeLessThan(42);
  });
});
