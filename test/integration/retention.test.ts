/** Retention: raw interactions and comments past the tenant's days are removed; KPIs stay. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/core/ingest/apply-retention.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
const json = { 'content-type': 'application/json' };
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

beforeAll(async () => {
  svc = await startTestService({}, () => NOW);
  for (const key of [KEYS.a, KEYS.b]) {
    const tickets = [100, 50, 5].map((ago) => ({ externalId: `R${ago}`, channel: 'chat', customer: { id: `c${ago}` }, status: 'resolved', createdAt: day(ago), resolvedAt: day(ago - 0.1) }));
    await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(tickets), headers: json, key });
    const answers = [100, 5].map((ago) => ({ externalId: `A${ago}`, type: 'csat', score: 4, respondedAt: day(ago - 0.2), interactionExternalId: `R${ago}`, comment: `comment ${ago}` }));
    await svc.api('/api/v1/survey-responses', { method: 'POST', body: JSON.stringify(answers), headers: json, key });
  }
});
afterAll(async () => svc?.stop());

describe('retention', () => {
  it('refuses a retention under 30 days, then removes older raw data of that tenant only; KPIs do not move', async () => {
    expect((await svc.api('/api/v1/settings/privacy', { method: 'PATCH', body: JSON.stringify({ retentionDays: 7 }), headers: json })).status).toBe(400);
    expect(await (await svc.api('/api/v1/settings/privacy', { method: 'PATCH', body: JSON.stringify({ retentionDays: 60 }), headers: json })).json()).toEqual({ retentionDays: 60 });
    const kpis = async (period: string) => (await (await svc.api(`/api/v1/kpis?period=${period}`)).json()) as { current: unknown };
    const [before90, before7] = [await kpis('90d'), await kpis('7d')];
    // 100 days back is outside 90d: use a range that covers it
    const range = `${day(120).slice(0, 10)}..${day(80).slice(0, 10)}`;
    const beforeOld = await kpis(range);
    expect(await applyRetention(svc.service.deps.retention, NOW)).toEqual({ interactions: 1, comments: 1 });
    expect((await svc.service.models.interactions.find({ tenantId: 'TA' }).lean()).map((i) => i.externalId).sort()).toEqual(['R5', 'R50']);
    const answers = await svc.service.models.surveyResponses.find({ tenantId: 'TA' }).lean();
    expect(answers.find((r) => r.externalId === 'A100')?.comment).toBeUndefined();
    expect(answers.find((r) => r.externalId === 'A5')?.comment).toBe('comment 5');
    expect(await kpis('90d')).toEqual(before90);
    expect(await kpis('7d')).toEqual(before7);
    expect(await kpis(range)).toEqual(beforeOld);
    expect(await svc.service.models.interactions.countDocuments({ tenantId: 'TB' })).toBe(3);
    expect(await applyRetention(svc.service.deps.retention, NOW)).toEqual({ interactions: 0, comments: 0 });
  });
});
