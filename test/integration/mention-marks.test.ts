/**
 * The cards' mention token is two private-use characters around a user id (core/cards/card.ts).
 * Typed by someone — in a command, an ingested agent or comment, an agent's name — they made
 * the Slack card mention (and notify) that person. Text from outside loses them on the way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const FORGED = '\uE000UVICTIM01\uE001';
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let hooks = 0;
const json = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function kpi(text: string) {
  const hook = api.hook(`mm/${++hooks}`);
  await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'CMM', user_id: 'USUP0001', command: '/kpi', text, response_url: hook }));
  return JSON.stringify((await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body);
}

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'USUP0001', DEFAULT_LOCALE: 'en' }, () => NOW);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

describe('mention marks typed by someone', () => {
  it('in a command: the refusal quotes the word without mentioning anyone', async () => {
    const answer = await kpi(`week ${FORGED}`);
    expect(answer).toContain('UVICTIM01');
    expect(answer).not.toContain('<@UVICTIM01>');
  });

  it('in an ingested agent and an agent’s name: the breakdown shows them as text', async () => {
    const record = { externalId: 'mm-1', channel: 'email', customer: { id: 'c1' }, agent: { id: `ana${FORGED}` }, team: `ops${FORGED}`, status: 'open', createdAt: '2026-11-24T12:00:00Z' };
    expect((await svc.api('/api/v1/interactions', json([record, { ...record, externalId: 'mm-2', agent: { id: 'bru' } }]))).status).toBe(200);
    expect((await svc.api('/api/v1/agents/bru', json({ name: `Bruno ${FORGED}` }, 'PUT'))).status).toBeLessThan(300);
    const byAgent = await kpi('week by:agent');
    const byTeam = await kpi('week by:team');
    for (const card of [byAgent, byTeam]) expect(card).not.toContain('<@UVICTIM01>');
    expect(byAgent).toContain('anaUVICTIM01 — ');
    expect(byAgent).toContain('Bruno UVICTIM01 — ');
  });
});
