/**
 * Property: KPIs read from the rollups equal the raw-scan oracle for random data (with
 * updates, re-sends, reopenings, late-arriving links), periods, time zones and filters.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord, SurveyResponseRecord } from '../../src/core/domain/interaction.js';
import { binOf } from '../../src/core/kpi/histogram.js';
import type { Dimension, Filters } from '../../src/core/kpi/dimensions.js';
import { queryKpis } from '../../src/core/kpi/query-kpis.js';
import { storeInteractions, type StoreDeps } from '../../src/core/records/store-interactions.js';
import { storeSurveyResponses } from '../../src/core/records/store-survey-responses.js';
import { generateInteractions, generateResponses, seededRng, type Rng } from '../../src/cli/demo-data.js';
import { ValidationError } from '../../src/core/errors.js';
import { exactQuantile, oracleKpis } from '../support/kpi-oracle.js';
import type { TestDb } from '../support/mongo.js';
import { connectStoreDeps } from '../support/store-deps.js';
import { slaClock, type SlaCalendar } from '../../src/core/sla/judge.js';

const SEED = Number(process.env['PROPERTY_SEED'] ?? Date.now() % 100000);
const TENANT = 'T-prop';
const TENANT_TZ = 'America/Sao_Paulo';
const ZONES = ['America/Sao_Paulo', 'UTC', 'America/New_York', 'Europe/Lisbon', 'Asia/Tokyo', 'Asia/Kolkata'];
const END = new Date('2026-11-20T15:00:00Z');
/** mutations may move times up to ~3 days past END; the store is asked as of then */
const LATEST = new Date(END.getTime() + 4 * 86_400_000);

let db: TestDb;
let deps: StoreDeps;
const truth = new Map<string, InteractionRecord>();
const answers = new Map<string, SurveyResponseRecord>();

/** a modified copy: resolve, reopen, move to another team/agent/channel, escalate … */
function mutate(rng: Rng, r: InteractionRecord): InteractionRecord {
  const next: InteractionRecord = { ...r, reopenedAt: [...r.reopenedAt] };
  const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
  switch (Math.floor(rng() * 5)) {
    case 0:
      next.team = ['suporte', 'financeiro', 'vip'][Math.floor(rng() * 3)]!;
      next.agent = { id: ['ana', 'zeca', 'bruno'][Math.floor(rng() * 3)]! };
      break;
    case 1:
      next.channel = (['email', 'chat', 'phone'] as const)[Math.floor(rng() * 3)]!;
      next.category = rng() < 0.5 ? 'bug' : undefined as unknown as string;
      if (!next.category) delete next.category;
      break;
    case 2:
      next.firstResponseAt ??= minutesAfter(r.createdAt, 1 + rng() * 300);
      next.resolvedAt = minutesAfter(next.firstResponseAt, rng() * 3000);
      next.status = 'resolved';
      next.firstContactResolution = rng() < 0.6;
      break;
    case 3:
      if (r.resolvedAt) {
        next.reopenedAt.push(minutesAfter(r.resolvedAt, 30 + rng() * 600));
        delete next.resolvedAt;
        next.status = 'open';
      }
      break;
    default:
      next.escalatedAt = minutesAfter(r.createdAt, rng() * 500);
      next.customer = { id: `c-moved-${Math.floor(rng() * 50)}` };
  }
  return next;
}

const keyOf = (r: { source: string; externalId: string }) => `${r.source}\u0000${r.externalId}`;

/** About half the records are written as a tenant with business hours writes them: with their SLA clock. */
const OFFICE: SlaCalendar = { timezone: TENANT_TZ, hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }, holidays: ['2026-10-12', '2026-11-02', '2026-11-20'] };
function asWritten(r: InteractionRecord): InteractionRecord {
  const { businessMinutes: _, ...sla } = r.sla;
  const clock = [...r.externalId].reduce((h, c) => h + c.charCodeAt(0), 0) % 2 ? slaClock(r, OFFICE) : undefined;
  return { ...r, sla: clock ? { ...sla, businessMinutes: clock } : sla };
}

beforeAll(async () => {
  ({ db, deps } = await connectStoreDeps());
  const rng = seededRng(SEED);
  const base = generateInteractions({ days: 45, perDay: 60, end: END, timezone: TENANT_TZ, seed: SEED });
  const responses = generateResponses(base, SEED + 1, END);
  // some answers name interactions that never arrive; some arrive before their interaction
  responses.push(
    ...Array.from({ length: 40 }, (_, i) => ({
      externalId: `orphan-${i}`, source: 'demo', type: 'csat' as const, score: 1 + (i % 5),
      respondedAt: new Date(END.getTime() - i * 3_600_000 * 7), interactionExternalId: `missing-${i}`,
    })),
  );
  const early = responses.filter(() => rng() < 0.3);
  const late = responses.filter((r) => !early.includes(r));

  const send = async (given: InteractionRecord[]) => {
    const batch = given.map(asWritten);
    await storeInteractions(deps, TENANT, TENANT_TZ, batch);
    for (const r of batch) truth.set(keyOf(r), r);
  };
  const sendAnswers = async (batch: SurveyResponseRecord[]) => {
    await storeSurveyResponses(deps, TENANT, TENANT_TZ, batch);
    for (const r of batch) answers.set(keyOf(r), r);
  };
  await sendAnswers(early);
  for (let i = 0; i < base.length; i += 300) await send(base.slice(i, i + 300));
  // updates, identical re-sends and a batch holding the same record twice
  const all = [...truth.values()];
  const updates = all.filter(() => rng() < 0.25).map((r) => mutate(rng, r));
  const resend = all.filter(() => rng() < 0.1);
  await send([...updates.slice(0, 200), ...resend]);
  await Promise.all([send(updates.slice(200, 400)), send(updates.slice(400).map((r) => mutate(rng, r)))]);
  const twice = all.slice(0, 20).map((r) => mutate(rng, r));
  await send([...twice, ...twice.map((r) => mutate(rng, r))]);
  await sendAnswers(late);
  // changed answers (a second click) and re-sent answers
  await sendAnswers([...answers.values()].filter(() => rng() < 0.15).map((a) => ({ ...a, score: a.type === 'csat' ? 1 + Math.floor(rng() * 5) : Math.floor(rng() * 11) })));
  expect(truth.size).toBeGreaterThanOrEqual(2000);
}, 600_000);

afterAll(async () => db?.drop());

function randomFilters(rng: Rng): { filters: Filters; breakdown?: Dimension } {
  const records = [...truth.values()];
  const sample = records[Math.floor(rng() * records.length)]!;
  const options: Filters[] = [
    {},
    { channel: sample.channel },
    { team: sample.team ?? '-' },
    { agent: sample.agent?.id ?? '-' },
    { category: sample.category ?? '-' },
    { channel: sample.channel, team: sample.team ?? '-' },
    { agent: sample.agent?.id ?? '-', category: sample.category ?? '-', channel: 'email' },
  ];
  const filters = options[Math.floor(rng() * options.length)]!;
  const breakdown = rng() < 0.3 && Object.keys(filters).length === 0 ? (['channel', 'team', 'agent'] as const)[Math.floor(rng() * 3)] : undefined;
  return { filters, ...(breakdown ? { breakdown } : {}) };
}

const close = (a: number | null, b: number | null, eps = 1e-9) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));
const withinBin = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(binOf(a) - binOf(b)) <= 1);

describe(`rollups equal the raw oracle (seed ${SEED})`, () => {
  it('for 150 random periods, time zones and filters', async () => {
    const rng = seededRng(SEED + 7);
    const interactions = [...truth.values()];
    const responses = [...answers.values()];
    let compared = 0;
    for (let n = 0; n < 150; n++) {
      const tz = ZONES[Math.floor(rng() * ZONES.length)]!;
      const length = 1 + Math.floor(rng() * 20);
      const startDt = DateTime.fromJSDate(END, { zone: tz }).startOf('day').minus({ days: Math.floor(rng() * 50) });
      // half the periods end within their last day ("so far"), some start within their first
      const lastHours = rng() < 0.5 ? 1 + Math.floor(rng() * 23) : 0;
      const from = startDt.plus({ hours: rng() < 0.2 ? Math.floor(rng() * Math.min(12, lastHours || 12)) : 0 });
      const to = startDt.plus({ days: lastHours ? length - 1 : length }).plus({ hours: lastHours });
      const current = { start: from.toJSDate(), end: to.toJSDate() };
      const previous = { start: from.minus({ days: length }).toJSDate(), end: to.minus({ days: length }).toJSDate() };
      const { filters, breakdown } = randomFilters(rng);
      const q = { tenantId: TENANT, tenantTimezone: TENANT_TZ, current, previous, filters, now: LATEST, ...(breakdown ? { breakdown } : {}) };
      let got;
      try {
        got = await queryKpis(deps.rollups, q);
      } catch (e) {
        // half-hour zones cannot be cut from the tenant's hours: refused clearly, never wrong
        expect(e).toBeInstanceOf(ValidationError);
        expect(tz).toBe('Asia/Kolkata');
        continue;
      }
      const ctx = `#${n} ${tz} ${current.start.toISOString()}..${current.end.toISOString()} ${JSON.stringify(filters)}`;
      for (const [k, range] of [['current', current], ['previous', previous]] as const) {
        const want = oracleKpis(interactions, responses, range.start, range.end, filters);
        const have = got[k];
        expect(have.volume, ctx).toBe(want.volume);
        expect(have.resolved, ctx).toBe(want.resolved);
        expect(have.backlog, ctx).toBe(want.backlog);
        expect(close(have.reopenRate, want.reopenRate), ctx).toBe(true);
        expect(close(have.fcrRate, want.fcrRate), ctx).toBe(true);
        expect(close(have.slaCompliance, want.slaCompliance), ctx).toBe(true);
        expect(have.escalationMinutes.count, ctx).toBe(want.escalations);
        expect(close(have.escalationMinutes.mean, want.escalationMean), ctx).toBe(true);
        expect(have.firstResponseMinutes.count, ctx).toBe(want.frt.length);
        const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
        expect(close(have.firstResponseMinutes.mean, mean(want.frt)), ctx).toBe(true);
        expect(close(have.resolutionMinutes.mean, mean(want.rt)), ctx).toBe(true);
        expect(withinBin(have.firstResponseMinutes.median, exactQuantile(want.frt, 0.5)), ctx).toBe(true);
        expect(withinBin(have.firstResponseMinutes.p90, exactQuantile(want.frt, 0.9)), ctx).toBe(true);
        expect(withinBin(have.resolutionMinutes.median, exactQuantile(want.rt, 0.5)), ctx).toBe(true);
        expect(withinBin(have.resolutionMinutes.p90, exactQuantile(want.rt, 0.9)), ctx).toBe(true);
        expect(have.csat.responses, ctx).toBe(want.csat.responses);
        expect(close(have.csat.score, want.csat.score), ctx).toBe(true);
        expect(close(have.csat.mean, want.csat.mean), ctx).toBe(true);
        expect(have.nps.responses, ctx).toBe(want.nps.responses);
        expect(have.nps.promoters, ctx).toBe(want.nps.promoters);
        expect(have.nps.detractors, ctx).toBe(want.nps.detractors);
        expect(close(have.nps.score, want.nps.score), ctx).toBe(true);
        // distinct customers are exact: the union of the day sets, hours cut at the edges
        expect(have.customers, ctx).toEqual({ distinct: want.distinctCustomers, estimated: false });
        expect(close(have.contactsPerCustomer, want.distinctCustomers > 0 ? want.volume / want.distinctCustomers : null), ctx).toBe(true);
      }
      if (breakdown) {
        const groups = Object.entries(got.breakdown ?? {});
        expect(groups.reduce((sum, [, k]) => sum + k.volume, 0), ctx).toBe(got.current.volume);
        for (const [value, k] of groups) {
          const want = oracleKpis(interactions, responses, current.start, current.end, { [breakdown]: value });
          expect(k.volume, `${ctx} by ${breakdown}=${value}`).toBe(want.volume);
          expect(k.backlog, `${ctx} by ${breakdown}=${value}`).toBe(want.backlog);
          expect(k.csat.responses, `${ctx} by ${breakdown}=${value}`).toBe(want.csat.responses);
          expect(k.customers.distinct, `${ctx} by ${breakdown}=${value}`).toBe(want.distinctCustomers);
        }
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  }, 600_000);
});
