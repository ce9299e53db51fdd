import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInteractions } from '../../src/cli/demo-data.js';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { storeInteractions, type StoreDeps } from '../../src/core/records/store-interactions.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';

/**
 * Large bucket updates are written as read + compare-and-set replace, small ones as `$inc`
 * upserts: writers of both kinds racing on the same buckets must end where one writer alone ends.
 */
describe('rollup writes racing on the same buckets', () => {
  let db: TestDb;
  let deps: StoreDeps;
  beforeAll(async () => {
    ({ db, deps } = await connectStoreDeps('rollwrites'));
    // both tenants count customers under the same keys, so their buckets can be compared
    const keys = deps.customerKeys;
    deps = { ...deps, customerKeys: { keyOf: (_tenant, id) => keys.keyOf('same', id) } };
  });
  afterAll(async () => db?.drop());

  const end = new Date('2026-11-20T12:00:00Z');
  const batch = (seed: number, n: number): InteractionRecord[] =>
    generateInteractions({ days: 2, perDay: n / 2, end, now: end, timezone: 'UTC', seed, idPrefix: `B${seed}-`, customerPool: 300 });
  /** the tenant's buckets, counters only (revisions, marks and set snapshots are bookkeeping) */
  const buckets = async (tenantId: string) => {
    const docs = await db.connection.collection('rollups').find({ tenantId }).toArray();
    return Object.fromEntries(docs.map((d) => [`${d['g']}|${d['lv']}|${(d['t'] as Date).getTime()}|${d['s']}`, d['v'] as unknown]));
  };

  it('concurrent large and small writes count every record exactly once', async () => {
    const large = [1, 2, 3, 4].map((seed) => batch(seed, 400));
    const small = batch(9, 40).map((r) => [r]);
    for (const part of [...large, ...small]) await storeInteractions(deps, 'SEQ', 'UTC', part);
    await Promise.all([...large, ...small].map((part) => storeInteractions(deps, 'PAR', 'UTC', part)));
    // a second round meets existing buckets (the insert fails: read and replaced, racing)
    const again = [5, 6, 7].map((seed) => batch(seed, 400));
    for (const part of again) await storeInteractions(deps, 'SEQ', 'UTC', part);
    await Promise.all([...again, ...batch(8, 20).map((r) => [r])].map((part) => storeInteractions(deps, 'PAR', 'UTC', part)));
    for (const part of batch(8, 20).map((r) => [r])) await storeInteractions(deps, 'SEQ', 'UTC', part);
    // and a re-send of everything at once changes nothing
    await Promise.all(large.map((part) => storeInteractions(deps, 'PAR', 'UTC', part)));
    const seq = await buckets('SEQ');
    expect(Object.keys(seq).length).toBeGreaterThan(20);
    expect(await buckets('PAR')).toEqual(seq);
  });
});
