/**
 * Distinct customers are exact up to (at least) 100,000 in a period, for the whole tenant, a
 * filter and a breakdown; past the exact budget they are a HyperLogLog estimate that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { HLL_RELATIVE_ERROR } from '../../src/core/kpi/hll.js';
import { queryKpis, type KpiQuery } from '../../src/core/kpi/query-kpis.js';
import { addInteractionChange, deltasFor } from '../../src/core/kpi/record-events.js';
import { withCustomerKey, type StoreDeps } from '../../src/core/records/store-interactions.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';

const CUSTOMERS = 100_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 2);
let db: TestDb;
let deps: StoreDeps;

/** contact i: customer i for the first 100,000, then repeat customers (every 7th), over 3 days */
const contact = (i: number): InteractionRecord => ({
  externalId: `d${i}`, source: 'api', channel: i % 4 === 0 ? 'email' : 'chat', team: 'suporte', customer: { id: `cust-${i < CUSTOMERS ? i : (i * 7) % CUSTOMERS}` },
  priority: 'normal', status: 'open', createdAt: new Date(START + (i % 3) * DAY + (i % 1440) * 60_000), reopenedAt: [], contactCount: 1, firstContactResolution: false,
  sla: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
});
const TOTAL = CUSTOMERS + 20_000;
const records = Array.from({ length: TOTAL }, (_, i) => contact(i));
const distinct = (pick: (r: InteractionRecord) => boolean) => new Set(records.filter(pick).map((r) => r.customer.id)).size;

beforeAll(async () => {
  ({ db, deps } = await connectStoreDeps('distinct'));
  // straight into the rollups, as the write path moves them (the raw documents are not what is tested here)
  for (let i = 0; i < records.length; i += 20_000) {
    const deltas = deltasFor('UTC');
    for (const r of records.slice(i, i + 20_000)) addInteractionChange(deltas, null, withCustomerKey(deps.customerKeys, 'TBIG', r));
    await deps.rollups.apply('TBIG', deltas.updates());
  }
}, 600_000);
afterAll(async () => db?.drop());

const ask = (o: Partial<KpiQuery> = {}) =>
  queryKpis(deps.rollups, {
    tenantId: 'TBIG', tenantTimezone: 'UTC', filters: {}, now: new Date(START + 10 * DAY),
    current: { start: new Date(START), end: new Date(START + 3 * DAY) },
    previous: { start: new Date(START - 3 * DAY), end: new Date(START) },
    ...o,
  });

describe(`distinct customers with ${CUSTOMERS.toLocaleString('en')} customers in a period`, () => {
  it('are exact for the tenant, a filter and a breakdown', async () => {
    const all = await ask();
    expect(all.current.volume).toBe(TOTAL);
    expect(all.current.customers).toEqual({ distinct: CUSTOMERS, estimated: false });
    expect(all.current.contactsPerCustomer).toBe(TOTAL / CUSTOMERS);
    const email = await ask({ filters: { channel: 'email' } });
    expect(email.current.customers).toEqual({ distinct: distinct((r) => r.channel === 'email'), estimated: false });
    const by = await ask({ breakdown: 'channel' });
    for (const channel of ['email', 'chat']) expect(by.breakdown![channel]!.customers.distinct, channel).toBe(distinct((r) => r.channel === channel));
    // one day, cut at hours: the first 600 minutes of the second day
    const part = await ask({ current: { start: new Date(START + DAY), end: new Date(START + DAY + 10 * 3_600_000) } });
    expect(part.current.customers.distinct).toBe(distinct((r) => r.createdAt.getTime() >= START + DAY && r.createdAt.getTime() < START + DAY + 10 * 3_600_000));
  });

  it('past the exact budget, are estimated within the stated error and say so', async () => {
    const est = await ask({ exactBudget: 50_000 });
    expect(est.current.customers.estimated).toBe(true);
    expect(est.current.customers.relativeError).toBe(HLL_RELATIVE_ERROR);
    expect(Math.abs(est.current.customers.distinct - CUSTOMERS) / CUSTOMERS).toBeLessThan(3 * HLL_RELATIVE_ERROR);
  });
});
