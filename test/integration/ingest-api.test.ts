import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '../../src/core/kpi/get-kpis.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';

const NOW = new Date('2026-11-25T15:05:00Z');
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ BODY_LIMIT_BYTES: '200000' }, () => NOW);
});
afterAll(async () => svc?.stop());

const interaction = (id: string, extra: Record<string, unknown> = {}) => ({
  externalId: id,
  channel: 'email',
  customer: { id: `cust-${id}` },
  agent: { id: 'ana' },
  team: 'billing',
  status: 'resolved',
  createdAt: '2026-11-24T12:00:00Z',
  firstResponseAt: '2026-11-24T12:30:00Z',
  resolvedAt: '2026-11-24T14:00:00Z',
  ...extra,
});

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const count = (tenantId: string) => svc.service.models.interactions.countDocuments({ tenantId });

describe('POST /api/v1/interactions', () => {
  it('refuses a missing or wrong key with 401 and writes nothing', async () => {
    const before = await count('TA');
    const none = await fetch(`${svc.url}/api/v1/interactions`, json(interaction('x1')));
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await svc.api('/api/v1/interactions', { ...json(interaction('x1')), key: 'nope-nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(await count('TA')).toBe(before);
  });

  it('takes one object, an array and NDJSON; re-sending updates, never duplicates', async () => {
    const one = await svc.api('/api/v1/interactions', json(interaction('a1')));
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ accepted: 1, created: 1, updated: 0, unchanged: 0, rejected: [] });

    const many = await svc.api('/api/v1/interactions', json([interaction('a1'), interaction('a2'), interaction('a3')]));
    expect(await many.json()).toMatchObject({ accepted: 3, created: 2, unchanged: 1 });

    const ndjson = [interaction('a2', { status: 'closed' }), interaction('a4')].map((r) => JSON.stringify(r)).join('\n');
    const nd = await svc.api('/api/v1/interactions', { method: 'POST', body: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    expect(await nd.json()).toMatchObject({ accepted: 2, created: 1, updated: 1 });
    expect(await count('TA')).toBe(4);
  });

  it('lands valid records and lists each rejected one with its index or line and reason', async () => {
    const before = await count('TA');
    const res = await svc.api(
      '/api/v1/interactions',
      json([
        interaction('b1'),
        interaction('b2', { resolvedAt: '2026-11-24T10:00:00Z' }),
        interaction('b3', { channel: 'pigeon' }),
        interaction('b4', { createdAt: 'yesterday' }),
      ]),
    );
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: { field: string; message: string }[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(body.rejected[0]!.errors[0]!.field).toBe('resolvedAt');
    expect(body.rejected[1]!.errors[0]!.message).toMatch(/pigeon/);
    expect(await count('TA')).toBe(before + 1);

    const nd = ['{"externalId":"n1","channel":"chat","customer":{"id":"c"},"status":"open","createdAt":"2026-11-24T10:00:00Z"}', '{broken', ''].join('\n');
    const r2 = await svc.api('/api/v1/interactions', { method: 'POST', body: nd, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r2.status).toBe(207);
    expect(((await r2.json()) as { rejected: { line: number }[] }).rejected[0]!.line).toBe(2);
  });

  it('answers in Portuguese when asked', async () => {
    const res = await svc.api('/api/v1/interactions', { ...json([interaction('p1', { channel: 'pombo' })]), headers: { 'content-type': 'application/json', 'accept-language': 'pt-BR' } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { rejected: { errors: { message: string }[] }[] };
    expect(body.rejected[0]!.errors[0]!.message).toMatch(/canal/i);
  });

  it('imports CSV with line numbers', async () => {
    const csv = [
      'externalId,channel,customer.id,status,createdAt,resolvedAt',
      'csv1,phone,c1,resolved,2026-11-24T10:00:00Z,2026-11-24T11:00:00Z',
      'csv2,phone,c2,resolved,2026-11-24T10:00:00Z,2026-11-24T09:00:00Z',
    ].join('\n');
    const res = await svc.api('/api/v1/interactions:import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(207);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ line: 3 }] });
  });

  it('refuses unreadable bodies, wrong types and oversized bodies, writing nothing', async () => {
    const before = await count('TA');
    const bad = await svc.api('/api/v1/interactions', { method: 'POST', body: '{"externalId":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const type = await svc.api('/api/v1/interactions', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect([400, 415]).toContain(type.status);
    const big = await svc.api('/api/v1/interactions', json(Array.from({ length: 2000 }, (_, i) => interaction(`big${i}`))));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/200000/);
    expect(await count('TA')).toBe(before);
  });

  it('keeps tenants apart: the same externalId under two keys is two records', async () => {
    await svc.api('/api/v1/interactions', { ...json(interaction('shared')), key: KEYS.b });
    await svc.api('/api/v1/interactions', json(interaction('shared')));
    expect(await svc.service.models.interactions.countDocuments({ externalId: 'shared' })).toBe(2);
  });
});

describe('POST /api/v1/survey-responses', () => {
  it('stores answers once and refuses out-of-range scores', async () => {
    const answer = { type: 'csat', score: 5, respondedAt: '2026-11-24T16:00:00Z', externalId: 's1', interactionExternalId: 'a1' };
    const first = await svc.api('/api/v1/survey-responses', json([answer, { ...answer, externalId: 's2', type: 'nps', score: 11 }]));
    expect(first.status).toBe(207);
    const again = await svc.api('/api/v1/survey-responses', json(answer));
    expect(await again.json()).toMatchObject({ accepted: 1, unchanged: 1 });
    expect(await svc.service.models.surveyResponses.countDocuments({ tenantId: 'TA' })).toBe(1);
  });
});

describe('GET /api/v1/kpis', () => {
  it('answers the contract shape, with filters and breakdowns', async () => {
    const res = await svc.api('/api/v1/kpis?period=week&tz=America/Sao_Paulo');
    expect(res.status).toBe(200);
    const body = (await res.json()) as KpiReport;
    expect(body.period).toMatchObject({ timezone: 'America/Sao_Paulo', start: '2026-11-23T03:00:00.000Z', end: '2026-11-25T15:05:00.000Z', readEnd: '2026-11-25T16:00:00.000Z', toDate: true });
    expect(body.previousPeriod).toMatchObject({ start: '2026-11-16T03:00:00.000Z', end: '2026-11-18T16:00:00.000Z', compare: 'previous' });
    expect(body.current.volume).toBeGreaterThanOrEqual(8);
    expect(body.current.csat).toEqual({ score: 1, mean: 5, responses: 1, distribution: [0, 0, 0, 0, 1] });
    expect(body.current.firstResponseMinutes.count).toBeGreaterThan(0);
    expect(body.previous.volume).toBe(0);
    const email = (await (await svc.api('/api/v1/kpis?period=semana&channel=phone')).json()) as KpiReport;
    expect(email.current.volume).toBe(1);
    const by = (await (await svc.api('/api/v1/kpis?period=7d&breakdown=team')).json()) as KpiReport;
    expect(Object.keys(by.byTeam!)).toContain('billing');
  });

  it('evaluates relative periods at a given instant', async () => {
    const res = await svc.api('/api/v1/kpis?period=week&at=2026-11-10T12:00:00Z');
    const body = (await res.json()) as KpiReport;
    expect(body.period.start).toBe('2026-11-09T03:00:00.000Z');
    expect(body.current.volume).toBe(0);
  });

  it('refuses bad parameters with a clear message', async () => {
    for (const q of ['period=fortnight', 'tz=Mars/Olympus', 'channel=pigeon', 'breakdown=planet', 'at=yesterday', 'colour=blue']) {
      const res = await svc.api(`/api/v1/kpis?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message.length, q).toBeGreaterThan(10);
    }
  });

  it('shows tenant B none of tenant A’s data', async () => {
    const res = await svc.api('/api/v1/kpis?period=week', { key: KEYS.b });
    const body = (await res.json()) as KpiReport;
    expect(body.current.volume).toBe(1);
  });
});

describe('health and docs', () => {
  it('serves /healthz, /readyz and the OpenAPI document; /metrics is closed on the public port (metrics.test.ts)', async () => {
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${svc.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${svc.url}/metrics`)).status).toBe(404);
    const doc = (await (await fetch(`${svc.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/interactions:import');
  });
});
