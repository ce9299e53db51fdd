/**
 * Erasing a customer (LGPD/GDPR): their interactions are pseudonymised, their comments and
 * chat ids removed, other customers and tenants untouched, and every KPI stays the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestService, type TestService } from '../support/service.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
const json = { 'content-type': 'application/json' };

const ticket = (externalId: string, customer: Record<string, string>, hoursAgo: number) => ({
  externalId, channel: 'email', customer, agent: { id: 'ana' }, status: 'resolved', problem: `Printer of ${customer['name'] ?? 'someone'} jams`, notes: `called back at ${customer['name'] === 'João' ? '+55 11 8888-0000' : '+55 11 9999-0000'}`,
  createdAt: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString(), resolvedAt: new Date(NOW.getTime() - (hoursAgo - 2) * 3_600_000).toISOString(),
});

beforeAll(async () => {
  svc = await startTestService({}, () => NOW);
  for (const key of [KEYS.a, KEYS.b]) {
    const body = [ticket('E-1', { id: 'maria@example.com', name: 'Maria Silva', email: 'maria@example.com', slackUserId: 'U0MARIA01' }, 30), ticket('E-2', { id: 'maria@example.com', name: 'Maria Silva' }, 20), ticket('E-3', { id: 'joao@example.com', name: 'João' }, 10)];
    expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(body), headers: json, key })).status).toBe(200);
    const answers = [
      { externalId: 'R-1', type: 'csat', score: 2, respondedAt: NOW.toISOString(), interactionExternalId: 'E-1', comment: 'Maria here, nobody called me back' },
      { externalId: 'R-3', type: 'csat', score: 5, respondedAt: NOW.toISOString(), interactionExternalId: 'E-3', comment: 'great' },
    ];
    expect((await svc.api('/api/v1/survey-responses', { method: 'POST', body: JSON.stringify(answers), headers: json, key })).status).toBe(200);
  }
});
afterAll(async () => svc?.stop());

describe('POST /api/v1/customers/:id/erase', () => {
  it('removes the customer’s personal data everywhere, keeps every KPI, touches nobody else', async () => {
    const kpis = async (key = KEYS.a) => (await (await svc.api('/api/v1/kpis?period=week', { key })).json()) as { current: unknown };
    const before = await kpis();
    const res = await svc.api(`/api/v1/customers/${encodeURIComponent('maria@example.com')}/erase`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: { interactions: 2, responses: 1, surveys: 0, snapshots: 0 } });
    expect(await kpis()).toEqual(before);

    const stored = await svc.service.models.interactions.find({ tenantId: 'TA' }).lean();
    const all = JSON.stringify(stored);
    for (const personal of ['maria@example.com', 'Maria Silva', 'U0MARIA01', '9999-0000', 'Printer of Maria']) expect(all).not.toContain(personal);
    expect(stored.filter((i) => i.customer?.id.startsWith('erased-'))).toHaveLength(2);
    expect(stored.find((i) => i.externalId === 'E-3')).toMatchObject({ customer: { id: 'joao@example.com', name: 'João' } });
    const answers = await svc.service.models.surveyResponses.find({ tenantId: 'TA' }).lean();
    expect(JSON.stringify(answers)).not.toContain('Maria here');
    expect(answers.find((r) => r.externalId === 'R-3')).toMatchObject({ comment: 'great', score: 5 });
    // the other tenant's Maria is another tenant's data
    expect(await svc.service.models.interactions.countDocuments({ tenantId: 'TB', 'customer.id': 'maria@example.com' })).toBe(2);
    // erasing again finds nothing left
    expect(await (await svc.api(`/api/v1/customers/${encodeURIComponent('maria@example.com')}/erase`, { method: 'POST' })).json()).toEqual({ erased: { interactions: 0, responses: 0, surveys: 0, snapshots: 0 } });
  });

  it('needs an API key', async () => {
    expect((await fetch(`${svc.url}/api/v1/customers/x/erase`, { method: 'POST' })).status).toBe(401);
  });
});
