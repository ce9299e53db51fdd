/**
 * Rollups written in the first layout (whole-day buckets, UTC-hour buckets, HyperLogLog shards)
 * are rebuilt at start-up from the stored interactions, once; days whose interactions retention
 * already removed keep their whole-day numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { queryKpis } from '../../src/core/kpi/query-kpis.js';
import { generateInteractions } from '../../src/cli/demo-data.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createService } from '../../src/service.js';
import { storeInteractions } from '../../src/core/records/store-interactions.js';
import { oracleKpis } from '../support/kpi-oracle.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

const TZ = 'America/Sao_Paulo';
const END = new Date('2026-11-25T15:00:00Z');
const day = (date: string) => new Date(`${date}T03:00:00Z`);
let db: TestDb;
let raw: InteractionRecord[];

const start = async () => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  return createService({ config, mongoUri: db.uri, logger: createLogger('silent'), now: () => END, jobs: false });
};

beforeAll(async () => {
  db = await connectTestDb('migrate');
  // today's layout first, for the interactions of Nov 10–25 ...
  const first = await start();
  raw = generateInteractions({ days: 16, perDay: 40, end: END, timezone: TZ, seed: 3 });
  await storeInteractions(first.deps, 'T1', TZ, raw);
  await first.stop(1000);
  // ... then the database as the first layout left it: no customer keys, whole-day buckets
  // (wrong numbers for the days that have interactions, the only numbers for Nov 5)
  const c = db.connection;
  await c.collection('interactions').updateMany({}, { $unset: { 'customer.key': '' } });
  await c.collection('installations').deleteOne({ key: 'rollup-layout' });
  await c.collection('rollups').deleteMany({ g: 'd' });
  const legacy = (t: Date, vol: number) => ({ tenantId: 'T1', g: 'd', lv: 'all', t, s: 0, rv: 1, uv: 1, v: { 'all:*': { c: { vol, res: vol } } }, us: { 'all:*': { v: 1, s: 'S' } } });
  await c.collection('rollups').insertMany([
    legacy(day('2026-11-05'), 7),
    legacy(day('2026-11-20'), 999),
    { tenantId: 'T1', g: 'd', lv: 'all', t: day('2026-11-05'), s: 100, v: { 'all:*': { u: { '123': { '4': 1 } } } } },
    { tenantId: 'T1', g: 'h', lv: 'all', t: new Date('2026-11-20T12:00:00Z'), s: 0, v: { 'all:*': { c: { vol: 999 } } } },
  ]);
}, 300_000);
afterAll(async () => db?.drop());

describe('rollup layout migration', () => {
  it('rebuilds the days with interactions exactly, keeps older whole days, backfills customer keys, once', async () => {
    const svc = await start();
    try {
      const rollups = db.connection.collection('rollups');
      expect(await rollups.countDocuments({ g: 'h' })).toBe(0);
      expect(await rollups.countDocuments({ g: 'd', t: day('2026-11-05'), s: 100 })).toBe(0);
      expect(await db.connection.collection('interactions').countDocuments({ 'customer.key': { $exists: false } })).toBe(0);
      const ask = (current: { start: Date; end: Date }) => queryKpis(svc.deps.rollups, { tenantId: 'T1', tenantTimezone: TZ, filters: {}, now: END, current, previous: { start: day('2026-11-01'), end: day('2026-11-02') } });
      // a week cut at an hour, exactly as the raw records say
      const week = { start: day('2026-11-16'), end: new Date('2026-11-23T17:00:00Z') };
      const got = (await ask(week)).current;
      const want = oracleKpis(raw, [], week.start, week.end, {});
      expect({ volume: got.volume, resolved: got.resolved, customers: got.customers.distinct }).toEqual({ volume: want.volume, resolved: want.resolved, customers: want.distinctCustomers });
      // Nov 5 had no stored interactions: its whole-day numbers stay
      expect((await ask({ start: day('2026-11-05'), end: day('2026-11-06') })).current.volume).toBe(7);
    } finally {
      await svc.stop(1000);
    }
    // a second start finds the marker and rebuilds nothing
    await db.connection.collection('rollups').updateOne({ g: 'd', t: day('2026-11-05'), s: 0 }, { $set: { 'v.all:*.c.vol': 8 } });
    const again = await start();
    try {
      const q = await queryKpis(again.deps.rollups, { tenantId: 'T1', tenantTimezone: TZ, filters: {}, now: END, current: { start: day('2026-11-05'), end: day('2026-11-06') }, previous: { start: day('2026-11-04'), end: day('2026-11-05') } });
      expect(q.current.volume).toBe(8);
    } finally {
      await again.stop(1000);
    }
  }, 300_000);
});
