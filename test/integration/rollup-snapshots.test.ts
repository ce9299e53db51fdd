import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { ALL_SLOTS, countDistinct, keysIn, slotMask } from '../../src/core/kpi/customer-sets.js';
import { queryKpis } from '../../src/core/kpi/query-kpis.js';
import { storeInteractions, type StoreDeps } from '../../src/core/records/store-interactions.js';
import { decodeSet, snapshotOf } from '../../src/infra/mongo/rollups/set-snapshot.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';

describe('customer set snapshots', () => {
  it('round-trip keys and hour masks, in key order', () => {
    for (const n of [0, 3, 500, 5000]) {
      const counts: Record<string, Record<string, number>> = {};
      for (let i = 0; i < n; i++) counts[((i * 7919) % 2 ** 47).toString(36)] = { [String(i % 24)]: 1, '24': i % 3 === 0 ? 2 : 0 };
      const snap = snapshotOf(counts);
      const back = decodeSet(snap.bytes);
      expect([...back.keys]).toEqual([...snap.set.keys]);
      expect([...back.masks]).toEqual([...snap.set.masks]);
      expect(back.keys.length).toBe(n);
      expect([...back.keys].every((k, i) => i === 0 || k > back.keys[i - 1]!)).toBe(true);
      expect(snap.registers !== undefined).toBe(n >= 4096);
    }
  });

  it('count a customer once across days, and only in the hours asked for', () => {
    const day1 = snapshotOf({ a1: { '3': 1 }, b2: { '10': 2 }, c3: { '3': 1, '20': 1 } }).set;
    const day2 = snapshotOf({ b2: { '1': 1 }, d4: { '23': 1 }, gone: { '5': 0 } }).set;
    expect(countDistinct([keysIn(day1, ALL_SLOTS), keysIn(day2, ALL_SLOTS)])).toBe(4);
    // day 1 from 10:00, day 2 until 02:00
    expect(countDistinct([keysIn(day1, slotMask(10, 25)), keysIn(day2, slotMask(0, 2))])).toBe(2);
    expect(countDistinct([keysIn(day1, slotMask(0, 3))])).toBe(0);
  });
});

describe('KPI reads through set snapshots', () => {
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

  it('see customers added after a snapshot was taken, exactly', async () => {
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(i, `c${i}`)));
    expect((await ask()).current.customers).toEqual({ distinct: 20, estimated: false });
    // 20 more contacts from the same customers, then 20 from new ones
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(100 + i, `c${i}`)));
    expect((await ask()).current.contactsPerCustomer).toBe(2);
    await storeInteractions(deps, 'T1', 'UTC', Array.from({ length: 20 }, (_, i) => rec(200 + i, `n${i}`)));
    const k = (await ask()).current;
    expect(k.volume).toBe(60);
    expect(k.customers.distinct).toBe(40);
    expect(k.contactsPerCustomer).toBe(1.5);
    // a contact moved to another customer: the first loses it, the other is counted
    await storeInteractions(deps, 'T1', 'UTC', [rec(200, 'c0')]);
    expect((await ask()).current.customers.distinct).toBe(39);
  });
});
