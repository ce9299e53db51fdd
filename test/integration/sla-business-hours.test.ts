/**
 * SLA business hours and holidays over REST: interactions are judged with the policy and
 * calendar in force when written (records from before a change keep their judgement), and a
 * recompute of a past range re-judges exactly that range with the current ones — in the
 * background, visibly, once per tenant at a time, for admin keys only — so that the KPIs equal
 * the raw oracle computed with business minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_SLA_POLICY, type InteractionRecord, type Priority, type SlaPolicy, type SlaTargets } from '../../src/core/domain/interaction.js';
import type { BusinessHours } from '../../src/core/domain/tenant.js';
import type { SlaCalendar } from '../../src/core/sla/business-minutes.js';
import { seededRng } from '../../src/cli/demo-data.js';
import type { KpiReport } from '../../src/core/kpi/get-kpis.js';
import { oracleKpis, slaMetUnder } from '../support/kpi-oracle.js';
import { startTestService, type TestService } from '../support/service.js';

const ZONE = 'America/Sao_Paulo';
const NOW = new Date('2026-12-03T12:00:00Z');
const PAGE = 40;
const HOURS: BusinessHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' };
const HOLIDAYS = ['2026-10-12', '2026-11-02', '2026-11-20'];
const OFFICE: SlaCalendar = { timezone: ZONE, hours: HOURS, holidays: HOLIDAYS };
const STRICT: SlaPolicy = {
  urgent: { firstResponseMinutes: 10, resolutionMinutes: 120 },
  high: { firstResponseMinutes: 20, resolutionMinutes: 300 },
  normal: { firstResponseMinutes: 45, resolutionMinutes: 900 },
  low: { firstResponseMinutes: 120, resolutionMinutes: 2000 },
};
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

let svc: TestService;
let readKey: string;
/** a gate the recompute waits at between steps while it is closed */
let gate: { wait: Promise<void>; open(): void } | null = null;

/** What was sent, and the calendar and policy in force when it was last written. */
interface Written {
  record: InteractionRecord;
  explicit?: Partial<SlaTargets>;
  calendar: SlaCalendar | null;
  policy: SlaPolicy;
}
const truth = new Map<string, Written>();

const targetsOf = (w: Written): SlaTargets => ({ ...w.policy[w.record.priority], ...w.explicit });
const judged = (w: Written) => slaMetUnder(w.record, w.calendar, targetsOf(w));

/** Tickets created Oct 1 – Nov 20 (São Paulo), answered and resolved minutes to days later, across nights, weekends and holidays. */
function generate(n: number): Written[] {
  const rng = seededRng(18);
  const from = Date.parse('2026-10-01T03:00:00Z');
  const span = Date.parse('2026-11-21T03:00:00Z') - from;
  return Array.from({ length: n }, (_, i) => {
    const createdAt = new Date(from + Math.floor((rng() * span) / 60_000) * 60_000);
    const firstResponse = rng() < 0.85 ? new Date(createdAt.getTime() + Math.floor(1 + rng() * 3 * 1440) * 60_000) : undefined;
    const resolved = rng() < 0.8 ? new Date((firstResponse ?? createdAt).getTime() + Math.floor(rng() * 3 * 1440) * 60_000) : undefined;
    const explicit = rng() < 0.2 ? (rng() < 0.5 ? { firstResponseMinutes: 90 } : { firstResponseMinutes: 240, resolutionMinutes: 3000 }) : undefined;
    const record = {
      externalId: `S-${i}`, source: 'api', channel: rng() < 0.5 ? 'email' : 'chat', customer: { id: `c${i % 30}` }, priority: PRIORITIES[Math.floor(rng() * 4)]!,
      status: resolved ? 'resolved' : 'open', createdAt, reopenedAt: [], contactCount: 1, firstContactResolution: Boolean(resolved),
      sla: { ...DEFAULT_SLA_POLICY.normal }, ...(firstResponse ? { firstResponseAt: firstResponse } : {}), ...(resolved ? { resolvedAt: resolved } : {}),
    } as InteractionRecord;
    return { record, ...(explicit ? { explicit } : {}), calendar: null, policy: DEFAULT_SLA_POLICY };
  });
}

const body = (w: Written) => {
  const { record: r } = w;
  return {
    externalId: r.externalId, channel: r.channel, customer: r.customer, priority: r.priority, status: r.status, createdAt: r.createdAt.toISOString(), firstContactResolution: r.firstContactResolution,
    ...(r.firstResponseAt ? { firstResponseAt: r.firstResponseAt.toISOString() } : {}), ...(r.resolvedAt ? { resolvedAt: r.resolvedAt.toISOString() } : {}), ...(w.explicit ? { sla: w.explicit } : {}),
  };
};

async function ingest(batch: Written[], calendar: SlaCalendar | null, policy: SlaPolicy) {
  const res = await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(batch.map(body)), headers: { 'content-type': 'application/json' } });
  expect(res.status, await res.clone().text()).toBe(200);
  for (const w of batch) truth.set(w.record.externalId, { ...w, calendar, policy });
}

const api = (path: string, init: RequestInit & { key?: string } = {}) => svc.api(path, init);
const post = (payload: unknown, init: { key?: string; locale?: string } = {}) =>
  api('/api/v1/settings/sla/recompute', { method: 'POST', body: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', 'accept-language': init.locale ?? 'en' }, ...(init.key ? { key: init.key } : {}) });
interface JobView { id: string; status: string; total: number; done: number; changed: number; error?: string; startedAt: string; updatedAt: string; finishedAt?: string }
const job = async (id: string): Promise<JobView> => (await (await api(`/api/v1/settings/sla/recompute/${id}`)).json()) as JobView;

async function until(id: string, ok: (j: JobView) => boolean): Promise<JobView> {
  for (let i = 0; i < 400; i++) {
    const j = await job(id);
    if (ok(j)) return j;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} never got there: ${JSON.stringify(await job(id))}`);
}

const PERIODS = ['2026-10-01..2026-10-31', '2026-11-01..2026-11-30', '2026-10-01..2026-11-30', '2026-10-05..2026-10-11'];
const localDay = (iso: string, end = false) => DateTime.fromISO(iso, { zone: ZONE }).plus({ days: end ? 1 : 0 }).startOf('day').toJSDate();

/** GET /kpis equals the oracle, which judges each record with the calendar and policy of its last write. */
async function expectKpisMatchOracle() {
  const records = [...truth.values()];
  for (const period of PERIODS) {
    for (const filter of ['', '&channel=email']) {
      const res = await api(`/api/v1/kpis?period=${period}${filter}`);
      expect(res.status).toBe(200);
      const k = (await res.json()) as KpiReport;
      const [a, b] = period.split('..') as [string, string];
      const want = oracleKpis(records.map((w) => w.record), [], localDay(a), localDay(b, true), filter ? { channel: 'email' } : {}, {
        slaMet: (r) => judged(truth.get(r.externalId)!),
      });
      expect(k.current.resolved, period + filter).toBe(want.resolved);
      expect(k.current.slaCompliance, period + filter).toBeCloseTo(want.slaCompliance!, 12);
    }
  }
}

beforeAll(async () => {
  svc = await startTestService({}, () => NOW, { slaRecompute: { pageSize: PAGE, pause: () => gate?.wait ?? Promise.resolve() } });
  await svc.service.deps.tenants.update('TA', { timezone: ZONE });
  readKey = (await svc.service.deps.apiKeys.create('TA', { name: 'reader', scopes: ['read'] })).key;
}, 60_000);
afterAll(async () => svc?.stop());

describe('SLA judged with the calendar in force at each write', () => {
  it('before and after business hours, holidays and a stricter policy; a re-send is judged anew', async () => {
    // tenants stored before these settings (every tenant here until the update below) read 24×7, no holidays
    expect(await svc.service.deps.tenants.get('TA')).toMatchObject({ businessHours: null, holidays: [] });
    const all = generate(260);
    const [before, after] = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)];
    await ingest(before, null, DEFAULT_SLA_POLICY);
    await svc.service.deps.tenants.update('TA', { businessHours: HOURS, holidays: HOLIDAYS, slaPolicy: STRICT });
    await ingest(after, OFFICE, STRICT);
    // re-sent with a change: written again, under the calendar of this write
    const resent = before.slice(0, 25).map((w) => ({ ...w, record: { ...w.record, channel: 'phone' as const } }));
    await ingest(resent, OFFICE, STRICT);
    // the calendars disagree on enough records for the comparison to mean something
    const differ = [...truth.values()].filter((w) => w.record.resolvedAt && judged(w) !== judged({ ...w, calendar: w.calendar ? null : OFFICE }));
    expect(differ.length).toBeGreaterThan(20);
    await expectKpisMatchOracle();
  });
});

describe('recompute of a past range', () => {
  it('refuses bad ranges with a localized 400, and changes nothing', async () => {
    const cases: [unknown, RegExp, RegExp][] = [
      [{ from: '2026-02-30', to: '2026-03-01' }, /"from" must be a date that exists.*2026-02-30/, /"from" deve ser uma data que exista/],
      [{ from: '2026-10-01', to: '01/11/2026' }, /"to" must be a date/, /"to" deve ser uma data/],
      [{ from: '2026-11-30', to: '2026-10-01' }, /is after "to"/, /é posterior a "to"/],
      [{ from: '2024-01-01', to: '2027-01-01' }, /1097 days; at most 1096/, /1097 dias; recalcule no máximo 1096/],
      [{ from: '2026-10-01' }, /Send a JSON object/, /Envie um objeto JSON/],
      [{ from: '2026-10-01', to: '2026-10-02', dryRun: true }, /Send a JSON object/, /Envie um objeto JSON/],
      [['2026-10-01', '2026-10-02'], /Send a JSON object/, /Envie um objeto JSON/],
      ['{"from": ', /not valid JSON/, /não é um JSON válido/],
    ];
    for (const [payload, en, pt] of cases) {
      const res = await post(payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(en);
      const ptRes = await post(payload, { locale: 'pt-BR' });
      expect(((await ptRes.json()) as { error: { message: string } }).error.message).toMatch(pt);
    }
    expect(await svc.service.models.slaJobs.countDocuments({})).toBe(0);
    const missing = await api('/api/v1/settings/sla/recompute/no-such-job', { headers: { 'accept-language': 'pt-BR' } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/Não há tarefa de recálculo de SLA "no-such-job"/);
  });

  it('read-scoped keys are refused (403), before anything starts', async () => {
    const res = await post({ from: '2026-10-01', to: '2026-10-31' }, { key: readKey });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
    expect((await api('/api/v1/settings/sla/recompute/anything', { key: readKey })).status).toBe(403);
    expect(await svc.service.models.slaJobs.countDocuments({})).toBe(0);
  });

  it('re-judges October with the current calendar and policy: progress while it runs, one job at a time, KPIs exact, November untouched', async () => {
    const inOctober = (w: Written) => w.record.createdAt >= localDay('2026-10-01') && w.record.createdAt < localDay('2026-10-31', true);
    const october = [...truth.values()].filter(inOctober);
    const novemberDocs = async () => svc.service.models.interactions.find({ tenantId: 'TA', createdAt: { $gte: localDay('2026-11-01') } }, { _id: 0, externalId: 1, rev: 1, updatedAt: 1, sla: 1 }).sort({ externalId: 1 }).lean();
    const novemberBefore = await novemberDocs();
    expect(october.length).toBeGreaterThan(2 * PAGE);

    let open = () => {};
    gate = { wait: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
    const started = await post({ from: '2026-10-01', to: '2026-10-31' });
    expect(started.status).toBe(202);
    const first = (await started.json()) as JobView;
    expect(first).toMatchObject({ status: 'running', total: october.length, done: 0 });
    expect(started.headers.get('location')).toBe(`/api/v1/settings/sla/recompute/${first.id}`);

    // held after its first step: progress shows, KPIs read, a second job is refused with this one's id
    const midway = await until(first.id, (j) => j.done > 0);
    expect(midway).toMatchObject({ status: 'running', done: PAGE, total: october.length });
    expect((await api('/api/v1/kpis?period=2026-10-01..2026-10-31')).status).toBe(200);
    const second = await post({ from: '2026-11-01', to: '2026-11-30' }, { locale: 'pt-BR' });
    expect(second.status).toBe(409);
    const refused = (await second.json()) as { id: string; error: { code: string; message: string } };
    expect(refused.id).toBe(first.id);
    expect(refused.error.message).toContain(`Já há um recálculo de SLA em andamento neste workspace (tarefa ${first.id})`);

    gate.open();
    gate = null;
    const finished = await until(first.id, (j) => j.status !== 'running');
    expect(finished).toMatchObject({ status: 'done', done: october.length, total: october.length });
    expect(finished.changed).toBeGreaterThan(0);
    expect(finished.finishedAt).toBeDefined();

    for (const w of october) truth.set(w.record.externalId, { ...w, calendar: OFFICE, policy: STRICT });
    await expectKpisMatchOracle();
    expect(await novemberDocs()).toEqual(novemberBefore);

    // again: nothing left to change
    const again = (await (await post({ from: '2026-10-01', to: '2026-10-31' })).json()) as JobView;
    expect(await until(again.id, (j) => j.status !== 'running')).toMatchObject({ status: 'done', done: october.length, changed: 0 });
    await expectKpisMatchOracle();
  });

  it('a job whose instance died is failed once its lease passes, and another can start', async () => {
    const past = new Date(Date.now() - 60_000);
    await svc.service.models.slaJobs.collection.insertOne({
      _id: 'dead-job' as never, tenantId: 'TA', slot: 'running', from: '2026-11-01', to: '2026-11-30', status: 'running',
      total: 100, done: 40, changed: 3, startedAt: past, updatedAt: past, leaseUntil: past,
    });
    const res = await post({ from: '2026-11-01', to: '2026-11-30' });
    expect(res.status).toBe(202);
    const next = (await res.json()) as JobView;
    expect(await job('dead-job')).toMatchObject({ status: 'failed', error: 'lease_expired', done: 40 });
    expect(await until(next.id, (j) => j.status !== 'running')).toMatchObject({ status: 'done' });
    for (const w of truth.values()) if (w.record.createdAt >= localDay('2026-11-01')) truth.set(w.record.externalId, { ...w, calendar: OFFICE, policy: STRICT });
    await expectKpisMatchOracle();
  });
});
