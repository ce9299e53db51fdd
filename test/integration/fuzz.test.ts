/**
 * Random and malformed input at every endpoint (fast-check): no crash, no 5xx for a client's
 * mistake, a clear error, and nothing written when everything was refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'UFUZZ001' });
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
    const paths = ['/api/v1/interactions', '/api/v1/interactions:import', '/api/v1/survey-responses', '/api/v1/survey-responses:import', '/api/v1/surveys', '/api/v1/settings/surveys', '/api/v1/customers/x/erase'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), nasty, contentType, async (path, body, type) => {
        const before = await count();
        const res = await svc.api(path, { method: path.includes('settings') ? 'PATCH' : 'POST', body, headers: type ? { 'content-type': type } : {} });
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
    await new Promise((r) => setTimeout(r, 1500));
    const answers = api.requests.filter((r) => r.path.startsWith('/hooks/fuzz/'));
    expect(answers.length).toBeGreaterThanOrEqual(80);
    for (const a of answers) expect(JSON.stringify(a.body)).not.toMatch(/Something went wrong on our side|Algo deu errado do nosso lado/);
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
          body: JSON.stringify({ ...a, id: 'f1', serviceUrl: `${api.url}/teams`, channelId: 'msteams', from: { id: '29:f', aadObjectId: 'f' }, conversation: { id: 'a:f', tenantId: 'TA' }, recipient: { id: '28:b' }, channelData: { tenant: { id: 'TA' } } }),
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });
});
