/**
 * Periods "so far" compare with the same elapsed span of the previous one: under a flat load
 * (one contact every 15 minutes, all day, every day) nothing moves, whatever the hour — with
 * filters, breakdowns, and across daylight saving changes (Lisbon, São Paulo in 2018).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '../../src/core/kpi/get-kpis.js';
import { startTestService, type TestService } from '../support/service.js';

let svc: TestService;
const QUARTER = 15 * 60_000;

/** one contact every 15 minutes in [from, to), alternating email and chat, resolved 30 minutes later */
function flat(from: string, to: string) {
  const out: Record<string, unknown>[] = [];
  for (let t = Date.parse(from), i = 0; t < Date.parse(to); t += QUARTER, i++) {
    out.push({
      externalId: `f-${t}`, channel: i % 2 ? 'chat' : 'email', team: i % 3 ? 'suporte' : 'vip', customer: { id: `c${i % 40}` }, status: 'resolved',
      createdAt: new Date(t).toISOString(), firstResponseAt: new Date(t + 300_000).toISOString(), resolvedAt: new Date(t + 2 * QUARTER).toISOString(),
    });
  }
  return out;
}

async function ingest(key: string, records: Record<string, unknown>[]) {
  for (let i = 0; i < records.length; i += 2000) {
    const res = await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records.slice(i, i + 2000)), headers: { 'content-type': 'application/json' } });
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

const kpis = async (query: string, key?: string): Promise<KpiReport> => {
  const res = await svc.api(`/api/v1/kpis?${query}`, key ? { key } : {});
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as KpiReport;
};
const hours = (p: { start: string; end: string }) => (Date.parse(p.end) - Date.parse(p.start)) / 3_600_000;

beforeAll(async () => {
  svc = await startTestService({ API_KEYS: 'TSP:key-so-far-sao-paulo-01,TLX:key-so-far-lisbon-0001,TOLD:key-so-far-sp-2018-0001' }, () => new Date('2026-12-03T12:00:00Z'));
  await svc.service.deps.tenants.update('TLX', { timezone: 'Europe/Lisbon' });
  await ingest('key-so-far-sao-paulo-01', flat('2026-10-01T03:00:00Z', '2026-11-27T03:00:00Z'));
  await ingest('key-so-far-lisbon-0001', flat('2026-03-09T00:00:00Z', '2026-04-06T00:00:00Z'));
  await ingest('key-so-far-sp-2018-0001', flat('2018-10-22T03:00:00Z', '2018-11-10T03:00:00Z'));
}, 300_000);
afterAll(async () => svc?.stop());

describe('periods so far under a flat load', () => {
  it('Thursday 03:58: the week so far against last week until Thursday 04:00 — no drop, with filters and breakdowns', async () => {
    const at = '2026-11-26T06:58:00Z'; // Thursday 03:58 in São Paulo
    const k = await kpis(`period=week&at=${at}`, 'key-so-far-sao-paulo-01');
    expect(k.period).toMatchObject({ start: '2026-11-23T03:00:00.000Z', end: '2026-11-26T06:58:00.000Z', toDate: true });
    expect(k.period.label).toMatch(/^This week so far/);
    expect(k.previousPeriod).toMatchObject({ start: '2026-11-16T03:00:00.000Z', end: '2026-11-19T07:00:00.000Z', compare: 'previous' });
    expect(Math.abs(hours(k.period) - hours(k.previousPeriod))).toBeLessThanOrEqual(0.5);
    // 3 days and 4 hours (03:00–03:58 holds 03:00, 03:15, 03:30 and 03:45)
    expect(k.current.volume).toBe(76 * 4);
    expect(k.previous.volume).toBe(k.current.volume);
    expect(k.previous.resolved).toBe(k.current.resolved);
    expect(k.current.customers).toEqual({ distinct: 40, estimated: false });
    for (const filter of ['channel=email', 'team=vip', 'channel=chat&team=suporte']) {
      const f = await kpis(`period=semana&at=${at}&${filter}`, 'key-so-far-sao-paulo-01');
      expect(f.current.volume, filter).toBeGreaterThan(0);
      expect(f.previous.volume, filter).toBe(f.current.volume);
    }
    const by = await kpis(`period=week&at=${at}&breakdown=channel`, 'key-so-far-sao-paulo-01');
    expect(by.byChannel!['email']!.volume + by.byChannel!['chat']!.volume).toBe(k.current.volume);
  });

  it('month day 18 15:00: against last month until the 18th 15:00', async () => {
    const k = await kpis('period=month&at=2026-11-18T18:00:00Z', 'key-so-far-sao-paulo-01');
    expect(k.previousPeriod).toMatchObject({ start: '2026-10-01T03:00:00.000Z', end: '2026-10-18T18:00:00.000Z' });
    expect(k.current.volume).toBe((17 * 24 + 15) * 4);
    expect(k.previous.volume).toBe(k.current.volume);
    const email = await kpis('period=month&at=2026-11-18T18:00:00Z&channel=email&breakdown=team', 'key-so-far-sao-paulo-01');
    expect(email.previous.volume).toBe(email.current.volume);
    expect(Object.values(email.byTeam!).reduce((s, x) => s + x.volume, 0)).toBe(email.current.volume);
  });

  it('today at 10:00 against yesterday until 10:00; year over year against the same span a year earlier', async () => {
    const k = await kpis('period=today&at=2026-11-25T13:00:00Z', 'key-so-far-sao-paulo-01');
    expect(k.current.volume).toBe(40);
    expect(k.previous.volume).toBe(40);
    const yoy = await kpis('period=month&compare=yoy&at=2026-11-18T18:00:00Z', 'key-so-far-sao-paulo-01');
    expect(yoy.previousPeriod).toMatchObject({ start: '2025-11-01T03:00:00.000Z', end: '2025-11-18T18:00:00.000Z', compare: 'yoy' });
    expect(yoy.previous.volume).toBe(0);
  });

  it('Lisbon, the week of the change to summer time: as many hours on both sides, no drop', async () => {
    for (const at of ['2026-03-29T11:00:00Z', '2026-04-01T09:00:00Z', '2026-03-30T08:30:00Z']) {
      const k = await kpis(`period=week&at=${at}&channel=chat`, 'key-so-far-lisbon-0001');
      expect(hours(k.previousPeriod), at).toBeCloseTo(Math.round(hours({ start: k.period.start, end: at })), 5);
      expect(k.previous.volume, at).toBe(k.current.volume);
    }
  });

  it('São Paulo in 2018, the week its midnight was skipped (Nov 4): no drop', async () => {
    for (const at of ['2018-11-04T15:00:00Z', '2018-11-07T15:00:00Z']) {
      const k = await kpis(`period=week&at=${at}`, 'key-so-far-sp-2018-0001');
      expect(k.previous.volume, at).toBe(k.current.volume);
      const t = await kpis(`period=today&at=${at}`, 'key-so-far-sp-2018-0001');
      expect(t.previous.volume, at).toBe(t.current.volume);
    }
  });

  it('answers filtered queries in another whole-hour zone exactly, and refuses a half-hour zone clearly', async () => {
    const ny = await kpis('period=week&tz=America/New_York&at=2026-11-26T12:00:00Z&channel=email', 'key-so-far-sao-paulo-01');
    expect(ny.period.timezone).toBe('America/New_York');
    expect(ny.previous.volume).toBe(ny.current.volume);
    const res = await svc.api('/api/v1/kpis?period=week&tz=Asia/Kolkata&channel=email', { key: 'key-so-far-sao-paulo-01', headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/whole hours/);
  });
});
