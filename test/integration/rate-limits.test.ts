/** Rate limits: per API key on the REST API, per workspace on commands and clicks; localized. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ API_RATE_LIMIT_PER_MINUTE: '5', WORKSPACE_RATE_LIMIT_PER_MINUTE: '3', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl });
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

describe('rate limits', () => {
  it('per API key: the 6th request in a minute is refused with 429, Retry-After and a localized message; other keys go on', async () => {
    for (let i = 0; i < 5; i++) expect((await svc.api('/api/v1/kpis?period=week')).status).toBe(200);
    const refused = await svc.api('/api/v1/kpis?period=week', { headers: { 'accept-language': 'pt-BR' } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Muitas requisições/);
    expect((await svc.api('/api/v1/kpis?period=week', { key: KEYS.b })).status).toBe(200);
  });

  it('per workspace: the 4th command in a minute gets a "too many requests" answer; another workspace goes on', async () => {
    const answers: unknown[] = [];
    for (const [i, team] of ['TA', 'TA', 'TA', 'TA', 'TB'].entries()) {
      const hook = api.hook(`rl/${i}`);
      expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: team, channel_id: 'C1', user_id: 'U1', command: '/kpi', text: 'help', response_url: hook }))).status).toBe(200);
      answers.push((await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body);
    }
    expect(JSON.stringify(answers[3])).toMatch(/Too many requests|Muitas requisições/);
    for (const i of [0, 1, 2, 4]) expect(JSON.stringify(answers[i])).not.toMatch(/Too many requests|Muitas requisições/);
  });
});
