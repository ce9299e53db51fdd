/**
 * Every REST route asks for one scope: ingest routes `ingest`, reads `read`, actions on the
 * tenant's behalf `admin`. A key without it gets 403 naming the scope (en / pt-BR) and changes
 * nothing; keys from API_KEYS carry all three.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyScope } from '../../src/core/domain/api-key.js';
import { t } from '../../src/core/i18n/index.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';

const record = { externalId: 'scope-1', channel: 'chat', status: 'open', createdAt: '2026-11-20T10:00:00Z' };
const json = { 'content-type': 'application/json' };
const ROUTES: { method: string; path: string; scope: ApiKeyScope; body?: string; headers?: Record<string, string> }[] = [
  { method: 'POST', path: '/api/v1/interactions', scope: 'ingest', body: JSON.stringify(record), headers: json },
  { method: 'POST', path: '/api/v1/interactions:import', scope: 'ingest', body: 'externalId,channel,status,createdAt\nscope-2,chat,open,2026-11-20T10:00:00Z\n', headers: { 'content-type': 'text/csv' } },
  { method: 'POST', path: '/api/v1/survey-responses', scope: 'ingest', body: JSON.stringify({ type: 'csat', score: 5, respondedAt: '2026-11-20T11:00:00Z', externalId: 'r-1' }), headers: json },
  { method: 'POST', path: '/api/v1/survey-responses:import', scope: 'ingest', body: 'type,score,respondedAt,externalId\ncsat,4,2026-11-20T11:00:00Z,r-2\n', headers: { 'content-type': 'text/csv' } },
  { method: 'GET', path: '/api/v1/kpis?period=week', scope: 'read' },
  { method: 'GET', path: '/api/v1/settings/surveys', scope: 'read' },
  { method: 'GET', path: '/api/v1/settings/privacy', scope: 'read' },
  { method: 'GET', path: '/api/v1/settings', scope: 'read' },
  { method: 'GET', path: '/api/v1/settings/audit', scope: 'read' },
  { method: 'GET', path: '/api/v1/agents', scope: 'read' },
  { method: 'POST', path: '/api/v1/surveys', scope: 'admin', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'U0001' } }), headers: json },
  { method: 'PATCH', path: '/api/v1/settings/surveys', scope: 'admin', body: JSON.stringify({ expiryDays: 9 }), headers: json },
  { method: 'PATCH', path: '/api/v1/settings/privacy', scope: 'admin', body: JSON.stringify({ retentionDays: 45 }), headers: json },
  { method: 'POST', path: '/api/v1/customers/c-1/erase', scope: 'admin' },
  { method: 'PATCH', path: '/api/v1/settings', scope: 'admin', body: JSON.stringify({ locale: 'pt-BR', targets: { 'csat.score': { op: '>=', value: 0.9 } } }), headers: json },
  { method: 'PUT', path: '/api/v1/agents/ana', scope: 'admin', body: JSON.stringify({ slackUserId: 'UANA00001' }), headers: json },
  { method: 'DELETE', path: '/api/v1/agents/nobody', scope: 'admin' },
];

let svc: TestService;
const keyOf = {} as Record<ApiKeyScope, string>;

beforeAll(async () => {
  svc = await startTestService({ DEFAULT_LOCALE: 'en' });
  for (const scope of ['ingest', 'read', 'admin'] as const) keyOf[scope] = (await svc.service.deps.apiKeys.create('TA', { name: `only ${scope}`, scopes: [scope] })).key;
});
afterAll(async () => svc?.stop());

const call = (r: (typeof ROUTES)[number], key: string, locale = 'en') => svc.api(r.path, { method: r.method, key, headers: { 'accept-language': locale, ...r.headers }, ...(r.body ? { body: r.body } : {}) });

describe('API key scopes', () => {
  it('refuses every route to a key without its scope with 403 naming the scope, and changes nothing', async () => {
    for (const route of ROUTES) {
      for (const scope of ['ingest', 'read', 'admin'] as const) {
        if (scope === route.scope) continue;
        const locale = scope === 'read' ? 'pt-BR' : 'en';
        const res = await call(route, keyOf[scope], locale);
        expect(res.status, `${route.method} ${route.path} with ${scope}`).toBe(403);
        expect(await res.json()).toEqual({ error: { code: 'insufficient_scope', message: t(locale, 'error.insufficient_scope', { scope: route.scope }) } });
      }
    }
    expect(t('pt-BR', 'error.insufficient_scope', { scope: 'admin' })).toMatch(/não tem o escopo "admin"/);
    const { models } = svc.service;
    expect(await models.interactions.countDocuments({ tenantId: 'TA' })).toBe(0);
    expect(await models.surveyResponses.countDocuments({ tenantId: 'TA' })).toBe(0);
    const settings = await svc.service.deps.tenants.get('TA');
    expect(settings.retentionDays).toBeUndefined();
    expect(settings.surveys.expiryDays).not.toBe(9);
    expect(settings.locale).toBe('en');
    expect(await models.kpiTargets.countDocuments({ tenantId: 'TA' })).toBe(0);
    expect(await models.agents.countDocuments({ tenantId: 'TA' })).toBe(0);
    expect(await models.settingsAudit.countDocuments({ tenantId: 'TA' })).toBe(0);
  });

  it('lets a key with the scope through, and API_KEYS keys carry all three', async () => {
    for (const route of ROUTES) {
      for (const key of [keyOf[route.scope], KEYS.a]) {
        const res = await call(route, key);
        expect([401, 403], `${route.method} ${route.path}`).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
      }
    }
    expect((await svc.service.deps.tenants.get('TA')).retentionDays).toBe(45);
  });
});
