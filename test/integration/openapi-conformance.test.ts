/**
 * The OpenAPI document cannot drift from the service: every documented operation is called
 * against the running service (valid inputs, and a 400 for each one that takes a body or a
 * query), and each answer's status and body are validated against the served document with Ajv
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses); every Express route under /api/v1 must be in it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS, buildOpenApiDocument } from '../../src/adapters/http/openapi.js';
import { startSlackApi } from '../support/slack.js';
import { SIGNING_SECRET } from '../support/slack.js';
import { startTestService, type TestService } from '../support/service.js';

type Json = Record<string, unknown>;
type Operation = { operationId: string; requestBody?: Json; parameters?: { in: string }[]; security?: unknown[]; responses: Record<string, { content?: { 'application/json'?: { schema: Json; example?: unknown } } }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

// ajv-formats is CommonJS: its default export is the plugin under ESM interop
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

let slack: Awaited<ReturnType<typeof startSlackApi>>;
let svc: TestService;
let doc: Doc;
/** "get /api/v1/kpis" → statuses seen */
const seen = new Map<string, Set<number>>();

/** The body of `res` against the document's schema for its status: the problems, or []. */
function conformanceErrors(document: Doc, path: string, method: string, status: number, body: unknown): string[] {
  const op = document.paths[path]?.[method];
  if (!op) return [`${method.toUpperCase()} ${path} is not in the document`];
  const response = op.responses[String(status)];
  if (!response) return [`${op.operationId} answered ${status}, which the document does not list (${Object.keys(op.responses).join(', ')})`];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  const validate = ajv.compile(schema);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${op.operationId} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  text?: { type: string; body: string };
  key?: string | null;
}

/** Calls a documented operation and checks its answer against the served document. */
async function call(method: string, path: string, expected: number, c: Call = {}): Promise<unknown> {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(c.params?.[name] ?? '')) + (c.query ? `?${new URLSearchParams(c.query).toString()}` : '');
  const headers: Record<string, string> = c.json !== undefined ? { 'content-type': 'application/json' } : c.text ? { 'content-type': c.text.type } : {};
  const body = c.json !== undefined ? JSON.stringify(c.json) : c.text?.body;
  const res = c.key === null ? await fetch(`${svc.url}${url}`, { method: method.toUpperCase(), headers, ...(body ? { body } : {}) }) : await svc.api(url, { method: method.toUpperCase(), headers, ...(body ? { body } : {}), ...(c.key ? { key: c.key } : {}) });
  const answer: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  expect(res.status, `${method} ${url}: ${JSON.stringify(answer).slice(0, 400)}`).toBe(expected);
  expect(conformanceErrors(doc, path, method, res.status, answer)).toEqual([]);
  const k = `${method} ${path}`;
  if (!seen.has(k)) seen.set(k, new Set());
  seen.get(k)!.add(res.status);
  return answer;
}

/** The app's routes (method, path) from Express's router stack; routers must be mounted at the root. */
function expressRoutes(app: Express): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean; name?: string };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.push({ method, path: layer.route.path });
      } else if (layer.handle?.stack) {
        // a router mounted under a prefix would hide its routes' full paths from this check
        if (!layer.slash) throw new Error('a router is mounted under a path prefix: mount it at the root with full paths');
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** Express path → OpenAPI path: `:id` → `{id}`, the literal `\:` of `interactions\:import` → `:`. */
const toOpenApiPath = (p: string) => p.replace(/(?<!\\):(\w+)/g, '{$1}').replace(/\\:/g, ':');

/** Routes under /api/v1 that the document does not describe. */
function undocumented(routes: { method: string; path: string }[], document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return routes
    .filter((r) => r.path.startsWith('/api/v1/'))
    .map((r) => ({ method: r.method, path: toOpenApiPath(r.path) }))
    .filter((r) => !document.paths[r.path]?.[r.method])
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
}

const interaction = (externalId: string) => ({
  externalId,
  channel: 'chat',
  status: 'resolved',
  createdAt: '2026-11-25T12:00:00Z',
  firstResponseAt: '2026-11-25T12:05:00Z',
  resolvedAt: '2026-11-25T13:00:00Z',
  customer: { id: `cust-${externalId}` },
  agent: { id: 'U_ANA', name: 'Ana' },
});
const answer = (externalId: string) => ({ externalId, type: 'csat', score: 4, respondedAt: '2026-11-25T14:00:00Z', interactionExternalId: 'OC-1' });

beforeAll(async () => {
  slack = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl }, () => new Date('2026-11-26T12:00:00Z'));
  doc = (await (await fetch(`${svc.url}/api/v1/openapi.json`)).json()) as Doc;
}, 120_000);
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
});

describe('the OpenAPI document against the running service', () => {
  it('is OpenAPI 3.1 and its examples are valid against their own schemas', () => {
    expect(doc.openapi).toBe('3.1.0');
    const problems: string[] = [];
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        const body = (op.requestBody as { content?: Record<string, { schema: Json; example?: unknown }> } | undefined)?.content?.['application/json'];
        if (body && !ajv.validate(body.schema, body.example)) problems.push(`${op.operationId} request example: ${ajv.errorsText()}`);
        for (const [status, r] of Object.entries(op.responses)) {
          const media = r.content?.['application/json'];
          if (media && !ajv.validate(media.schema, media.example)) problems.push(`${op.operationId} ${status} example: ${ajv.errorsText()}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(API_OPERATIONS.map((o) => o.operationId)).size).toBe(API_OPERATIONS.length);
  });

  it('ingest: JSON, NDJSON and CSV, all accepted, some rejected, none accepted, unreadable', async () => {
    await call('post', '/api/v1/interactions', 200, { json: [interaction('OC-1'), interaction('OC-2')] });
    await call('post', '/api/v1/interactions', 207, { text: { type: 'application/x-ndjson', body: `${JSON.stringify(interaction('OC-3'))}\n{"externalId":"OC-4"}\n` } });
    await call('post', '/api/v1/interactions', 422, { json: { externalId: 'OC-5' } });
    await call('post', '/api/v1/interactions', 400, { text: { type: 'application/json', body: '{not json' } });
    await call('post', '/api/v1/interactions:import', 200, { text: { type: 'text/csv', body: 'externalId,channel,status,createdAt,customer.id\nOC-6,email,open,2026-11-25T12:00:00Z,cust-6\n' } });
    await call('post', '/api/v1/interactions:import', 400, { text: { type: 'application/json', body: '[]' } });
    await call('post', '/api/v1/survey-responses', 200, { json: answer('OR-1') });
    await call('post', '/api/v1/survey-responses', 207, { json: [answer('OR-2'), { externalId: 'OR-3' }] });
    await call('post', '/api/v1/survey-responses', 422, { json: [{ externalId: 'OR-4' }] });
    await call('post', '/api/v1/survey-responses', 400, { text: { type: 'application/json', body: '{' } });
    await call('post', '/api/v1/survey-responses:import', 200, { text: { type: 'text/csv', body: 'externalId,type,score,respondedAt\nOR-5,nps,9,2026-11-25T15:00:00Z\n' } });
    await call('post', '/api/v1/survey-responses:import', 400, { text: { type: 'application/json', body: '[]' } });
  });

  it('KPIs: a period, a breakdown with filters, a bad parameter', async () => {
    await call('get', '/api/v1/kpis', 200);
    await call('get', '/api/v1/kpis', 200, { query: { period: '30d', breakdown: 'agent', channel: 'chat', compare: 'yoy' } });
    await call('get', '/api/v1/kpis', 400, { query: { period: 'someday' } });
    await call('get', '/api/v1/kpis', 400, { query: { color: 'blue' } });
  });

  it('the report document: a PDF, and a bad parameter', async () => {
    const pdf = await call('get', '/api/v1/reports/document', 200, { query: { period: 'last week', lang: 'en' } });
    expect(String(pdf).startsWith('%PDF-')).toBe(true);
    await call('get', '/api/v1/reports/document', 400, { query: { period: 'someday' } });
  });

  it('surveys: sent, already sent, invalid', async () => {
    const body = { type: 'csat', platform: 'slack', recipient: { userId: 'UCUST01' }, interactionExternalId: 'OC-1', locale: 'pt-BR' };
    await call('post', '/api/v1/surveys', 201, { json: body });
    await call('post', '/api/v1/surveys', 200, { json: body });
    await call('post', '/api/v1/surveys', 400, { json: { ...body, platform: 'fax' } });
  });

  it('settings, their parts and the audit', async () => {
    await call('get', '/api/v1/settings', 200);
    const patched = (await call('patch', '/api/v1/settings', 200, {
      json: { timezone: 'America/Sao_Paulo', targets: { 'csat.score': { op: '>=', value: 0.85 } }, businessHours: { days: ['mon', 'fri'], from: '09:00', to: '18:00' }, holidays: ['2026-12-25'], roles: { admins: ['U0LEAD'] }, slaPolicy: { high: { firstResponseMinutes: 20 } } },
    })) as { targets: unknown };
    expect(patched.targets).toEqual({ 'csat.score': { op: '>=', value: 0.85 } });
    await call('patch', '/api/v1/settings', 400, { json: { targets: { 'csat.nope': { op: '>=', value: 1 } } } });
    await call('get', '/api/v1/settings/audit', 200, { query: { limit: '5' } });
    await call('get', '/api/v1/settings/audit', 400, { query: { limit: '0' } });
    await call('get', '/api/v1/settings/surveys', 200);
    await call('patch', '/api/v1/settings/surveys', 200, { json: { expiryDays: 10, supervisorsChannel: { platform: 'slack', channelId: 'C0ALERTS' } } });
    await call('patch', '/api/v1/settings/surveys', 400, { json: { expiryDays: 0 } });
    await call('get', '/api/v1/settings/privacy', 200);
    await call('patch', '/api/v1/settings/privacy', 200, { json: { retentionDays: 365 } });
    await call('patch', '/api/v1/settings/privacy', 400, { json: { retentionDays: 1 } });
  });

  it('SLA recompute: started, followed, unknown job, bad range', async () => {
    const job = (await call('post', '/api/v1/settings/sla/recompute', 202, { json: { from: '2026-11-01', to: '2026-11-26' } })) as { id: string };
    await call('get', '/api/v1/settings/sla/recompute/{id}', 200, { params: { id: job.id } });
    await call('get', '/api/v1/settings/sla/recompute/{id}', 404, { params: { id: 'nope' } });
    await call('post', '/api/v1/settings/sla/recompute', 400, { json: { from: '2026-11-26', to: '2026-11-01' } });
  });

  it('agents: created, replaced, conflicting, listed, removed, gone, invalid', async () => {
    await call('put', '/api/v1/agents/{agentId}', 201, { params: { agentId: 'ana' }, json: { slackUserId: 'U0ANA', name: 'Ana' } });
    await call('put', '/api/v1/agents/{agentId}', 200, { params: { agentId: 'ana' }, json: { slackUserId: 'U0ANA', teamsAadId: '6f1c2b7e-4d2a-4c1e-9a53-2f6f0b1d9e11', name: 'Ana Souza' } });
    await call('put', '/api/v1/agents/{agentId}', 409, { params: { agentId: 'bia' }, json: { slackUserId: 'U0ANA' } });
    await call('put', '/api/v1/agents/{agentId}', 400, { params: { agentId: 'bia' }, json: { slackUserId: 'not-a-user' } });
    await call('get', '/api/v1/agents', 200);
    await call('delete', '/api/v1/agents/{agentId}', 200, { params: { agentId: 'ana' } });
    await call('delete', '/api/v1/agents/{agentId}', 404, { params: { agentId: 'ana' } });
    await call('delete', '/api/v1/agents/{agentId}', 400, { params: { agentId: ' ' } });
  });

  it('erasure and the document itself', async () => {
    await call('post', '/api/v1/customers/{id}/erase', 200, { params: { id: 'cust-OC-1' } });
    await call('post', '/api/v1/customers/{id}/erase', 400, { params: { id: 'x'.repeat(201) } });
    await call('get', '/api/v1/openapi.json', 200, { key: null });
  });

  it('every keyed operation answers 401 without a key, as documented', async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.security?.length === 0) continue;
        await call(method, path, 401, { params: { id: 'x', agentId: 'x' }, key: null });
      }
    }
  });

  it('a key without the needed scope gets the documented 403; a body over the limit the documented 413', async () => {
    const scopes = Object.fromEntries(API_OPERATIONS.map((o) => [o.operationId, o.scope]));
    const readOnly = (await svc.service.deps.apiKeys.create('TA', { name: 'read only', scopes: ['read'] })).key;
    const ingestOnly = (await svc.service.deps.apiKeys.create('TA', { name: 'ingest only', scopes: ['ingest'] })).key;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const scope = scopes[op.operationId];
        if (!scope) continue;
        await call(method, path, 403, { params: { id: 'x', agentId: 'x' }, key: scope === 'read' ? ingestOnly : readOnly });
      }
    }
    await call('patch', '/api/v1/settings', 413, { json: { holidays: Array.from({ length: 7000 }, () => '2026-12-25') } });
  });

  it('a tenant over its rate limit gets the documented 429', async () => {
    const limited = await startTestService({ API_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const answers = [await limited.api('/api/v1/settings'), await limited.api('/api/v1/settings')];
      expect(answers.map((r) => r.status)).toEqual([200, 429]);
      expect(conformanceErrors(doc, '/api/v1/settings', 'get', 429, await answers[1]!.json())).toEqual([]);
    } finally {
      await limited.stop();
    }
  });

  it('every documented operation was called with a success, and with a 400 when it takes a body or a query', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = seen.get(`${method} ${path}`) ?? new Set<number>();
        if (![...statuses].some((s) => s >= 200 && s < 300)) missing.push(`${op.operationId}: no success`);
        const takesInput = op.requestBody !== undefined || (op.parameters ?? []).some((p) => p.in === 'query');
        if (takesInput && !statuses.has(400)) missing.push(`${op.operationId}: no 400`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every Express route under /api/v1 is in the document (and the check catches one that is not)', () => {
    const routes = expressRoutes(svc.service.app);
    expect(routes.filter((r) => r.path.startsWith('/api/v1/')).length).toBeGreaterThanOrEqual(API_OPERATIONS.length);
    expect(undocumented(routes, doc)).toEqual([]);
    const withoutAgents = buildOpenApiDocument(API_OPERATIONS.filter((o) => o.operationId !== 'listAgents'));
    expect(undocumented(routes, withoutAgents)).toEqual(['GET /api/v1/agents']);
  });

  it('a response schema that no longer matches what the route answers is caught', async () => {
    const broken = structuredClone(doc);
    const schema = broken.paths['/api/v1/settings/privacy']!['get']!.responses['200']!.content!['application/json']!.schema as { properties: Json; required: string[] };
    schema.properties = { retentionDays: { type: 'string' } };
    const res = await svc.api('/api/v1/settings/privacy');
    expect(conformanceErrors(broken, '/api/v1/settings/privacy', 'get', res.status, await res.json())).not.toEqual([]);
  });
});
