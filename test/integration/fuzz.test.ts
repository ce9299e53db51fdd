/**
 * Random and malformed input at every endpoint (fast-check): no crash, no 5xx for a client's
 * mistake, a clear error, and nothing written when everything was refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, eventEnvelope, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';
import { DEEP, deepCases, withDeep, type DeepCase } from '../support/deep-json.js';
import { loadConfig } from '../../src/config/index.js';
import { consoleSetup } from '../../src/cli/console-mode.js';
import { createService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'UFUZZ001', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

const nasty = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.json({ maxDepth: 6 }),
  fc.constantFrom('', 'null', '[]', '{}', '[{}]', '{"externalId":1}', '\u0000', '{"a":', 'x\ny\n', '[' .repeat(5000), '{"a":'.repeat(3000), `{"x":"${'a'.repeat(200_000)}"}`),
);
const contentType = fc.constantFrom('application/json', 'application/x-ndjson', 'text/csv', 'text/plain', 'application/xml', '');
const count = async () => (await svc.service.models.interactions.countDocuments({})) + (await svc.service.models.surveyResponses.countDocuments({})) + (await svc.service.models.surveys.countDocuments({}));

describe('fuzzing', () => {
  it('REST API: random bodies and content types never give a 5xx and, when refused, write nothing', async () => {
    const paths = ['/api/v1/interactions', '/api/v1/interactions:import', '/api/v1/survey-responses', '/api/v1/survey-responses:import', '/api/v1/surveys', '/api/v1/settings/surveys', '/api/v1/customers/x/erase', '/api/v1/settings', '/api/v1/agents/x', '/api/v1/settings/sla/recompute'];
    const methodOf = (path: string) => (path.startsWith('/api/v1/agents/') ? 'PUT' : path.includes('settings') && !path.endsWith('/recompute') ? 'PATCH' : 'POST');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), nasty, contentType, async (path, body, type) => {
        const before = await count();
        const res = await svc.api(path, { method: methodOf(path), body, headers: type ? { 'content-type': type } : {} });
        expect(res.status, `${path} ${type} ${body.slice(0, 80)}`).toBeLessThan(500);
        const text = await res.text();
        if (res.status >= 400) {
          // an error, or an ingest report whose every record says why it was refused
          const b = JSON.parse(text) as { error?: { message: string }; rejected?: { errors: { message: string }[] }[] };
          expect(b.error?.message ?? b.rejected?.[0]?.errors[0]?.message, text.slice(0, 300)).toMatch(/\w/);
          expect(await count()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it('GET /api/v1/kpis: random query strings answer 200 or a clear 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('period', 'tz', 'at', 'channel', 'team', 'agent', 'category', 'breakdown', 'x'), fc.string({ maxLength: 60 })), async (query) => {
        const res = await svc.api(`/api/v1/kpis?${new URLSearchParams(query).toString()}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });

  it('Slack: random command text and button values are always acknowledged and answered clearly', async () => {
    const commands = fc.constantFrom('/kpi', '/survey', '/meeting', '/actions', '/report');
    const actionIds = fc.constantFrom('kpi.show:0', 'kpi.live_stop:1', 'survey.answer:2', 'survey.comment:3', 'meeting.next:0', 'meeting.end:1', 'action.done:0', 'form.open:0', 'link:0', 'x:9');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(commands, fc.string({ unit: 'grapheme', maxLength: 200 }), actionIds, nasty, async (command, text, actionId, value) => {
        const hook = api.hook(`fuzz/${++n}`);
        const cmd = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'CFUZZ', user_id: 'UFUZZ001', command, text, response_url: hook }));
        expect(cmd.status).toBe(200);
        const click = await postSigned(
          `${svc.url}/slack/events`,
          interactivityBody(blockActionsPayload({ team: 'TA', user: 'UFUZZ001', channel: 'CFUZZ', message: { ts: '1.1', text: 'x', blocks: [] }, action: { action_id: actionId, value, text: 'x' }, response_url: api.hook(`fuzz/c${n}`) })),
        );
        expect(click.status).toBe(200);
      }),
      { numRuns: 80 },
    );
    // every command got an answer through its response_url, none of them an internal error
    await expect.poll(() => api.requests.filter((r) => r.path.startsWith('/hooks/fuzz/')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(80);
    const answers = api.requests.filter((r) => r.path.startsWith('/hooks/fuzz/'));
    for (const a of answers) expect(JSON.stringify(a.body)).not.toMatch(/Something went wrong on our side|Algo deu errado do nosso lado/);
  });

  it('Slack: form submissions whose typed values have any shape are answered, never a 5xx', async () => {
    const metadata = JSON.stringify({ a: { id: 'survey.comment', value: '{"s":"x"}' }, c: 'CFUZZ', m: '1.1' });
    const inputValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ type: fc.constant('plain_text_input'), value: fc.jsonValue({ maxDepth: 2 }) }), fc.record({ type: fc.constant('multi_users_select'), selected_users: fc.jsonValue({ maxDepth: 2 }) }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('in:comment', 'in:when', 'x'), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('comment', 'when'), inputValue))), async (values) => {
        const payload = { type: 'view_submission', team: { id: 'TA', domain: 'testteam' }, user: { id: 'UFUZZ001', team_id: 'TA' }, api_app_id: 'A111', token: 'verification-token', trigger_id: '1.2.3', view: { id: 'VFUZZ', type: 'modal', team_id: 'TA', callback_id: 'form.submit', private_metadata: metadata, state: { values } } };
        const res = await postSigned(`${svc.url}/slack/events`, interactivityBody(payload));
        expect(res.status, JSON.stringify(values).slice(0, 200)).toBe(200);
      }),
      { numRuns: 60 },
    );
  });

  it('Teams: random activities and invokes never crash the endpoint', async () => {
    const activity = fc.record({
      type: fc.constantFrom('message', 'invoke', 'conversationUpdate', 'typing', 'nonsense'),
      name: fc.constantFrom('adaptiveCard/action', 'x', undefined),
      text: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
      value: fc.option(fc.oneof(fc.json({ maxDepth: 4 }).map((j) => JSON.parse(j) as unknown), fc.record({ action: fc.record({ verb: fc.string({ maxLength: 30 }), data: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 50 })) }) })), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(activity, async (a) => {
        const res = await fetch(`${svc.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...a, id: 'f1', serviceUrl: `${api.url}/teams`, channelId: 'msteams', from: { id: '29:f', aadObjectId: 'f' }, conversation: { id: 'a:f', tenantId: TENANT }, recipient: { id: '28:b' }, channelData: { tenant: { id: TENANT } } }),
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it('Teams: activities whose fields have other types than Teams sends get a 4xx, never a 5xx', async () => {
    const any = fc.jsonValue({ maxDepth: 2 }).map((v) => v as unknown);
    const TENANT_ID = '9b6c3f1e-2d4a-4f5b-8c7d-1e2f3a4b5c6d';
    const base = { type: 'message', id: 'w1', serviceUrl: `${api.url}/teams`, channelId: 'msteams', text: 'kpi week', from: { id: '29:w', aadObjectId: '00000000-0000-4000-8000-00000000000e' }, conversation: { id: 'a:w', tenantId: TENANT_ID }, recipient: { id: '28:b' }, channelData: { tenant: { id: TENANT_ID } } };
    const field = fc.constantFrom('type', 'from', 'conversation', 'recipient', 'channelData', 'text', 'locale', 'replyToId', 'entities', 'serviceUrl');
    await fc.assert(
      fc.asyncProperty(field, any, fc.constantFrom('message', 'invoke', 'conversationUpdate'), async (name, value, type) => {
        const activity = { ...base, type, ...(type === 'invoke' ? { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kpi.show', data: { value: '{}' } } } } : {}), [name]: value };
        const res = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        expect(res.status, `${name}=${JSON.stringify(value)} ${(await res.text()).slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
});

/** Every document of every collection: a refused request must leave it unchanged. */
const allDocuments = async (models: Service['models']) => {
  let n = 0;
  for (const m of Object.values(models)) n += await (m as { countDocuments(f: object): Promise<number> }).countDocuments({});
  return n;
};
const TENANT = '9b6c3f1e-2d4a-4f5b-8c7d-1e2f3a4b5c6d';
const DEPTH_MESSAGE = /32/;
/** one request at a time, never a hang: each must answer within this */
const ANSWER_MS = 20_000;

describe('deeply nested JSON (100 to 100,000 levels; arrays, objects and both)', () => {
  const TICKET = { externalId: 'DEEP-1', channel: 'chat', customer: { id: 'c-deep' }, status: 'open', createdAt: '2026-01-05T10:00:00Z' };
  const RESPONSE = { externalId: 'DEEP-R', type: 'csat', score: 4, respondedAt: '2026-01-05T10:00:00Z' };
  const rest = (deep: string): [method: string, path: string, type: string, body: string][] => [
    ['POST', '/api/v1/interactions', 'application/json', deep],
    ['POST', '/api/v1/interactions', 'application/json', withDeep({ ...TICKET, customer: { id: 'c', x: DEEP } }, deep)],
    ['POST', '/api/v1/interactions', 'application/json', withDeep([TICKET, { ...TICKET, externalId: 'DEEP-2', notes: DEEP }], deep)],
    ['POST', '/api/v1/interactions', 'application/x-ndjson', `${deep}\n${withDeep({ ...TICKET, product: DEEP }, deep)}\n`],
    ['POST', '/api/v1/survey-responses', 'application/json', withDeep([RESPONSE, { ...RESPONSE, comment: DEEP }], deep)],
    ['POST', '/api/v1/survey-responses', 'application/x-ndjson', `${withDeep({ ...RESPONSE, score: DEEP }, deep)}\n`],
    ['POST', '/api/v1/surveys', 'application/json', withDeep({ type: 'csat', platform: 'slack', recipient: { userId: 'UDEEP01', x: DEEP } }, deep)],
    ['POST', '/api/v1/surveys', 'application/json', deep],
    ['PATCH', '/api/v1/settings/surveys', 'application/json', withDeep({ reasons: DEEP }, deep)],
    ['PATCH', '/api/v1/settings/privacy', 'application/json', withDeep({ retentionDays: DEEP }, deep)],
    ['POST', '/api/v1/customers/c-deep/erase', 'application/json', deep],
    ['PATCH', '/api/v1/settings', 'application/json', withDeep({ targets: { 'csat.score': DEEP } }, deep)],
    ['PUT', '/api/v1/agents/ana', 'application/json', withDeep({ name: DEEP }, deep)],
    ['POST', '/api/v1/settings/sla/recompute', 'application/json', deep],
  ];
  const messageOf = (text: string) => {
    const b = JSON.parse(text) as { error?: { message: string }; rejected?: { errors: { message: string }[] }[] };
    return b.error?.message ?? b.rejected?.flatMap((r) => r.errors.map((e) => e.message)).join(' ') ?? '';
  };

  it.each(deepCases())('REST API ($name): a clear 4xx naming the limit, nothing written, the service still up', async ({ json }: DeepCase) => {
    await svc.api('/api/v1/settings/surveys'); // the tenant exists before counting
    const before = await allDocuments(svc.service.models);
    for (const [method, path, type, body] of rest(json)) {
      for (const lang of ['en', 'pt-BR']) {
        const res = await svc.api(path, { method, body, headers: { 'content-type': type, 'accept-language': lang }, signal: AbortSignal.timeout(ANSWER_MS) });
        const text = await res.text();
        const what = `${method} ${path} ${type} ${lang}: ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, what).toBeLessThan(500);
        if (path.endsWith('/erase')) continue; // takes no body: the body is never read
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        if (res.status !== 413) expect(messageOf(text), what).toMatch(DEPTH_MESSAGE);
        if (res.status !== 413) expect(messageOf(text), what).toMatch(lang === 'en' ? /levels deep/ : /níveis/);
      }
    }
    expect(await allDocuments(svc.service.models)).toBe(before);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it.each(deepCases())('Slack ($name): signed payloads are acknowledged and dropped: nothing written, nothing sent', async ({ json, depth, shape }: DeepCase) => {
    const before = await allDocuments(svc.service.models);
    const sent = api.requests.length;
    const hook = api.hook(`deep/${shape}-${depth}`);
    const click = (action_id: string, value: string) => blockActionsPayload({ team: 'TA', user: 'UFUZZ001', channel: 'CFUZZ', message: { ts: '1.1', text: 'x', blocks: [] }, action: { action_id, value, text: 'x' }, response_url: hook });
    const submission = (values: unknown, metadata: string) => ({ type: 'view_submission', team: { id: 'TA', domain: 'testteam' }, user: { id: 'UFUZZ001', team_id: 'TA' }, api_app_id: 'A111', token: 'verification-token', trigger_id: '1.2.3', view: { id: 'VDEEP', type: 'modal', team_id: 'TA', callback_id: 'form.submit', private_metadata: metadata, state: { values } } });
    const metadata = JSON.stringify({ a: { id: 'survey.comment', value: '{"s":"x"}' }, c: 'CFUZZ', m: '1.1' });
    const payloads = [
      ...['kpi.show:0', 'survey.answer:1', 'survey.comment:2', 'form.open:3', 'meeting.next:0', 'action.done:0'].map((id) => interactivityBody(click(id, json))),
      `payload=${encodeURIComponent(withDeep({ ...click('kpi.show:0', '{}'), state: { values: DEEP } }, json))}`,
      `payload=${encodeURIComponent(withDeep({ ...click('kpi.show:0', '{}'), container: { type: 'message', message_ts: '1.1', channel_id: DEEP } }, json))}`,
      `payload=${encodeURIComponent(withDeep(submission({ 'in:comment': { comment: { type: 'plain_text_input', value: DEEP } } }, metadata), json))}`,
      `payload=${encodeURIComponent(withDeep(submission({ 'in:comment': { comment: { type: 'multi_users_select', selected_users: DEEP } } }, metadata), json))}`,
      `payload=${encodeURIComponent(withDeep(submission({ 'in:comment': DEEP }, metadata), json))}`,
      interactivityBody(submission({}, json)),
    ];
    const events = [
      withDeep(JSON.parse(eventEnvelope({ type: 'app_mention', user: 'UFUZZ001', text: '<@UBOT> kpi', channel: 'CFUZZ', ts: '1.2', blocks: DEEP }, { team: 'TA' })), json),
      withDeep(JSON.parse(eventEnvelope({ type: 'message', channel_type: 'im', user: 'UFUZZ001', text: 'kpi', channel: 'DFUZZ', ts: '1.3', files: DEEP }, { team: 'TA' })), json),
    ];
    const post = (body: string, contentType: string) => postSigned(`${svc.url}/slack/events`, body, { contentType });
    for (const body of payloads) expect((await post(body, 'application/x-www-form-urlencoded')).status, body.slice(0, 200)).toBeLessThan(500);
    for (const body of events) expect((await post(body, 'application/json')).status, body.slice(0, 200)).toBeLessThan(500);
    // a body of no known type (a bare array): Bolt answers 404 after waiting 3 s for an ack
    const bare = await Promise.all([post(`payload=${encodeURIComponent(json)}`, 'application/x-www-form-urlencoded'), post(json, 'application/json')]);
    for (const res of bare) expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.requests.slice(sent).map((r) => r.path)).toEqual([]);
    expect(await allDocuments(svc.service.models)).toBe(before);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it.each(deepCases())('Teams ($name): activities and invokes get a 4xx: nothing written, nothing sent', async ({ json }: DeepCase) => {
    const base = { id: 'd1', serviceUrl: `${api.url}/teams`, channelId: 'msteams', from: { id: '29:d', aadObjectId: '00000000-0000-4000-8000-00000000000d' }, conversation: { id: 'a:deep', tenantId: TENANT }, recipient: { id: '28:b' }, channelData: { tenant: { id: TENANT } } };
    const activities = [
      { ...base, type: 'message', text: 'kpi week', value: DEEP },
      { ...base, type: 'message', text: 'kpi week', entities: DEEP },
      { ...base, type: 'message', text: 'kpi week', conversation: { ...base.conversation, x: DEEP } },
      { ...base, type: 'conversationUpdate', conversation: { ...base.conversation, id: 'a:deep2', x: DEEP } },
      { ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kpi.show', data: { value: '{}', x: DEEP } } } },
      { ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'survey.answer', data: { value: DEEP } } } },
      { ...base, type: 'invoke', name: 'adaptiveCard/action', value: DEEP },
    ];
    const before = await allDocuments(svc.service.models);
    const sent = api.requests.length;
    for (const body of [...activities.map((a) => withDeep(a, json)), json]) {
      const res = await fetch(`${svc.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(ANSWER_MS) });
      const text = await res.text();
      expect(res.status, `${body.slice(0, 80)} ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(res.status, `${body.slice(0, 80)} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      if (res.status === 400) expect(text).toMatch(/nested more than 32 levels deep/);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(api.requests.slice(sent).map((r) => r.path)).toEqual([]);
    expect(await allDocuments(svc.service.models)).toBe(before);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  describe('the console API', () => {
    let consoleService: Service;
    let consoleDb: TestDb;
    let consoleUrl: string;
    beforeAll(async () => {
      consoleDb = await connectTestDb('deep-console');
      const setup = consoleSetup(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: '0', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }));
      consoleService = await createService({ config: setup.config, mongoUri: consoleDb.uri, logger: createLogger('silent'), console: setup.console!, jobs: false });
      consoleUrl = (await consoleService.start(0, '127.0.0.1')).url;
    });
    afterAll(async () => {
      await consoleService?.stop(1000);
      await consoleDb?.drop();
    });

    it.each(deepCases())('$name: a 4xx, nothing written, the service still up', async ({ json }: DeepCase) => {
      const common = { user: 'supervisor', locale: 'en', conversation: 'DM' };
      const bodies: [string, string][] = [
        ['/console/api/send', withDeep({ platform: 'teams', ...common, text: DEEP }, json)],
        ['/console/api/action', withDeep({ platform: 'teams', ...common, messageId: 'm1', verb: 'kpi.show', data: { value: '{}', x: DEEP } }, json)],
        ['/console/api/action', withDeep({ platform: 'slack', ...common, messageId: 'm1', actionId: 'kpi.show:0', value: DEEP }, json)],
        ['/console/api/submit', withDeep({ platform: 'slack', user: 'supervisor', locale: 'en', viewId: 'V1', values: { 'in:comment': { comment: { value: DEEP } } } }, json)],
        ['/console/api/submit', json],
      ];
      // the emulators of Slack's Web API and Teams' connector: what lands there is shown by the feed
      const emulated: [string, string, string][] = [
        ['POST', '/console/slack/hook/CDEMO001/new/supervisor', withDeep({ text: 'x', blocks: DEEP, response_type: 'in_channel' }, json)],
        ['POST', '/console/slack/api/chat.postMessage', withDeep({ channel: 'CDEMO001', text: 'x', blocks: DEEP }, json)],
        ['POST', '/console/teams/v3/conversations/a:x/activities', withDeep({ type: 'message', text: 'x', attachments: DEEP }, json)],
      ];
      for (const [method, path, body] of emulated) {
        const res = await fetch(`${consoleUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(ANSWER_MS) });
        expect(res.status, path).toBeLessThan(500);
      }
      expect((await fetch(`${consoleUrl}/console/api/feed?since=0`)).status).toBe(200);
      const before = await allDocuments(consoleService.models);
      for (const [path, body] of bodies) {
        const res = await fetch(`${consoleUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(ANSWER_MS) });
        expect(res.status, `${path} ${(await res.text()).slice(0, 200)}`).toBeLessThan(500);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
      }
      expect(await allDocuments(consoleService.models)).toBe(before);
      expect((await fetch(`${consoleUrl}/healthz`)).status).toBe(200);
    });
  });
});
