/**
 * Agents, teams and categories named like JavaScript's own object members (`__proto__`,
 * `constructor`, `toString`) are data like any other: their breakdown rows are counted and
 * shown under their names, on the API and on the KPI card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const NAMES = ['__proto__', 'constructor', 'toString'];
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'USUP0001', DEFAULT_LOCALE: 'en' }, () => NOW);
  const records = NAMES.flatMap((name, i) =>
    Array.from({ length: i + 1 }, (_, j) => ({
      externalId: `om-${i}-${j}`, channel: 'email', customer: { id: `c-${i}-${j}` }, agent: { id: name }, team: name, category: name, status: 'resolved',
      createdAt: '2026-11-24T12:00:00Z', firstResponseAt: '2026-11-24T12:30:00Z', resolvedAt: '2026-11-24T14:00:00Z',
    })),
  );
  const res = await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

describe('names of object members as agents and teams', () => {
  it.each([['agent', 'byAgent'], ['team', 'byTeam']])('GET /api/v1/kpis?breakdown=%s has a row for each, with its own volume', async (breakdown, field) => {
    const res = await svc.api(`/api/v1/kpis?period=week&breakdown=${breakdown}`);
    expect(res.status).toBe(200);
    const rows = (JSON.parse(await res.text()) as Record<string, Record<string, { volume: number }>>)[field]!;
    expect(Object.keys(rows).sort()).toEqual([...NAMES].sort());
    expect(NAMES.map((n) => Object.getOwnPropertyDescriptor(rows, n)?.value.volume)).toEqual([1, 2, 3]);
  });

  it('the KPI card by agent shows them by name', async () => {
    const hook = api.hook('om-card');
    await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'COM', user_id: 'USUP0001', command: '/kpi', text: 'week by:agent', response_url: hook }));
    const text = JSON.stringify((await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body);
    for (const n of NAMES) expect(text).toContain(`${n} — `);
    expect(text).not.toMatch(/native code|function /);
  });
});
