/**
 * The recompute's write path (rewriteInteractions): each record is re-judged from the version
 * stored at the moment of its write, never from the one the job read earlier, so an update that
 * landed meanwhile is kept; a record removed meanwhile is not brought back; the rollups move
 * from the stored version to the new one exactly (they equal the raw oracle).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type InteractionRecord } from '../../src/core/domain/interaction.js';
import { queryKpis } from '../../src/core/kpi/query-kpis.js';
import { calendarOf, rejudgeSla } from '../../src/core/sla/judge.js';
import { rewriteInteractions, storeInteractions, type StoreDeps } from '../../src/core/records/store-interactions.js';
import { oracleKpis } from '../support/kpi-oracle.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';

const TENANT = 'T-rewrite';
const TZ = 'America/Sao_Paulo';
const office = calendarOf({ timezone: TZ, businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }, holidays: [] });
const judge = (r: InteractionRecord) => rejudgeSla(r, DEFAULT_SLA_POLICY, office);

let db: TestDb;
let deps: StoreDeps;
beforeAll(async () => ({ db, deps } = await connectStoreDeps('sla-rewrite')));
afterAll(async () => db?.drop());

// Friday 17:30 São Paulo; answered Monday 09:20
const base = (id: string): InteractionRecord => ({
  externalId: id, source: 'api', channel: 'email', customer: { id: `c-${id}` }, priority: 'normal', status: 'open',
  createdAt: new Date('2026-11-06T20:30:00Z'), firstResponseAt: new Date('2026-11-09T12:20:00Z'), reopenedAt: [], contactCount: 1,
  firstContactResolution: false, sla: { firstResponseMinutes: 60, resolutionMinutes: 1440, given: [] },
});

async function stored(): Promise<InteractionRecord[]> {
  const out: InteractionRecord[] = [];
  for await (const r of deps.interactions.scan(TENANT)) out.push(r);
  return out;
}

describe('rewriteInteractions', () => {
  it('re-judges the stored version (an update since the read is kept), skips removed records, moves the rollups exactly', async () => {
    const read = ['A', 'B', 'C'].map(base);
    await storeInteractions(deps, TENANT, TZ, read);
    // after the job read them: A gets resolved Monday 11:00, C is removed (retention)
    const resolvedA = { ...read[0]!, status: 'resolved' as const, resolvedAt: new Date('2026-11-09T14:00:00Z'), firstContactResolution: true };
    await storeInteractions(deps, TENANT, TZ, [resolvedA]);
    await db.connection.collection('interactions').deleteOne({ tenantId: TENANT, externalId: 'C' });

    const counts = await rewriteInteractions(deps, TENANT, TZ, read, judge);
    expect(counts).toEqual({ created: 0, updated: 2, unchanged: 0 });
    const now = await stored();
    expect(now.map((r) => r.externalId).sort()).toEqual(['A', 'B']);
    const a = now.find((r) => r.externalId === 'A')!;
    expect(a).toMatchObject({ status: 'resolved', resolvedAt: resolvedA.resolvedAt });
    expect(a.sla.businessMinutes).toEqual({ firstResponse: 50, resolution: 150 });

    const week = { start: new Date('2026-11-02T03:00:00Z'), end: new Date('2026-11-16T03:00:00Z') };
    const got = await queryKpis(deps.rollups, { tenantId: TENANT, tenantTimezone: TZ, current: week, previous: { start: new Date('2026-10-19T03:00:00Z'), end: week.start }, filters: {}, now: new Date('2026-12-01T00:00:00Z') });
    // C's contribution stays in the rollups (removing raw records never moves KPIs): the oracle counts it as it was
    const want = oracleKpis([...now, read[2]!], [], week.start, week.end, {});
    expect(got.current.slaCompliance).toBe(want.slaCompliance);
    expect(got.current.slaCompliance).toBe(1);
    expect(got.current.volume).toBe(3);

    // once more: nothing to change
    expect(await rewriteInteractions(deps, TENANT, TZ, now, judge)).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });
});
