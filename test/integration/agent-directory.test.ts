/**
 * The agent directory (GET/PUT/DELETE /api/v1/agents) on the real service, and what it changes
 * in the chat: a person mapped to a help-desk agent id sees that agent's numbers with `/kpi`
 * (Slack user id or Teams AAD object id), `agent:<@U…>` filters by the mapped agent, and the
 * breakdown by agent shows the directory's names.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const ANA_SLACK = 'UANA00001';
const ANA_AAD = 'a0a0a0a0-0000-4000-8000-00000000a0a0';
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;
const json = { 'content-type': 'application/json' };

const put = (agentId: string, body: unknown, o: { key?: string; locale?: string } = {}) =>
  svc.api(`/api/v1/agents/${encodeURIComponent(agentId)}`, { method: 'PUT', key: o.key ?? KEYS.a, body: JSON.stringify(body), headers: { ...json, 'accept-language': o.locale ?? 'en' } });
const del = (agentId: string, key = KEYS.a) => svc.api(`/api/v1/agents/${encodeURIComponent(agentId)}`, { method: 'DELETE', key });
const list = async (key = KEYS.a) => ((await (await svc.api('/api/v1/agents', { key })).json()) as { agents: unknown[] }).agents;

/** Interactions of this week for agents, `n` each. */
async function ingest(key: string, counts: Record<string, number>) {
  const records = Object.entries(counts).flatMap(([agent, n]) =>
    Array.from({ length: n }, (_, i) => {
      const created = NOW.getTime() - (i + 1) * 5 * 3_600_000;
      return { externalId: `${agent}-${i}`, channel: 'email', customer: { id: `c-${agent}-${i}` }, agent: { id: agent }, status: 'resolved', createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + 20 * 60_000).toISOString(), resolvedAt: new Date(created + 60 * 60_000).toISOString() };
    }),
  );
  expect((await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
}

let hooks = 0;
/** `/kpi …` from a Slack user of TA; the answer its response_url got, as text. */
async function kpi(text: string, user: string, command = '/kpi') {
  const hook = slack.hook(`agents/${++hooks}`);
  await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: user, command, text, response_url: hook }));
  return JSON.stringify((await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body);
}

/** `kpi week` from a Teams user of the GUID tenant; the card's text. */
async function teamsKpi(aadObjectId: string) {
  connector.clear();
  const activity = {
    type: 'message', id: `a${++hooks}`, timestamp: NOW.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', text: 'kpi week', locale: 'en-US',
    from: { id: '29:1ana-teams-user', name: 'Ana Souza', aadObjectId },
    conversation: { conversationType: 'personal', id: 'a:conv-ana', tenantId: GUID_TENANTS.a },
    recipient: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' },
    channelData: { tenant: { id: GUID_TENANTS.a } },
  };
  expect((await fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: json })).status).toBeLessThan(300);
  return JSON.stringify((await connector.waitFor((r) => r.path.includes('/activities'), 10_000)).body);
}

beforeAll(async () => {
  slack = await startSlackApi();
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SUPERVISOR_IDS: 'TA:U_SUP', TEAMS_ALLOW_UNAUTHENTICATED: 'true', DEFAULT_LOCALE: 'en' },
    () => NOW,
  );
  await ingest(KEYS.a, { 'ana.souza': 4, bruno: 2 });
  await ingest(KEYS.ga, { 'ana.souza': 3, carla: 1 });
});
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
  await connector?.close();
});
beforeEach(() => slack.clear());

describe('/api/v1/agents', () => {
  it('creates (201), replaces whole (200), lists and removes entries', async () => {
    expect(await list()).toEqual([]);
    const created = await put('x.dora', { slackUserId: 'UDORA0001', name: 'Dora Lima' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ agentId: 'x.dora', slackUserId: 'UDORA0001', name: 'Dora Lima' });
    const replaced = await put('x.dora', { teamsAadId: 'D0D0D0D0-0000-4000-8000-00000000D0D0' });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toEqual({ agentId: 'x.dora', teamsAadId: 'd0d0d0d0-0000-4000-8000-00000000d0d0' });
    // the Slack id it no longer has is free for someone else
    expect((await put('x.eva', { slackUserId: 'UDORA0001' })).status).toBe(201);
    expect(await list()).toEqual([{ agentId: 'x.dora', teamsAadId: 'd0d0d0d0-0000-4000-8000-00000000d0d0' }, { agentId: 'x.eva', slackUserId: 'UDORA0001' }]);
    const removed = await del('x.eva');
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ agentId: 'x.eva', slackUserId: 'UDORA0001' });
    expect((await del('x.eva')).status).toBe(404);
    expect(await list()).toEqual([{ agentId: 'x.dora', teamsAadId: 'd0d0d0d0-0000-4000-8000-00000000d0d0' }]);
    expect(await del('x.dora')).toHaveProperty('status', 200);
  });

  it('refuses a second agent for one Slack user or AAD id with 409 naming the agent that has it', async () => {
    expect((await put('x.fabio', { slackUserId: 'UFAB00001', teamsAadId: 'f0f0f0f0-0000-4000-8000-00000000f0f0' })).status).toBe(201);
    // AAD ids are kept lowercase, as Teams sends them
    const taken = [
      [{ slackUserId: 'UFAB00001' }, 'slackUserId', 'UFAB00001'],
      [{ teamsAadId: 'F0F0F0F0-0000-4000-8000-00000000F0F0' }, 'teamsAadId', 'f0f0f0f0-0000-4000-8000-00000000f0f0'],
    ] as const;
    for (const [body, field, value] of taken) {
      for (const locale of ['en', 'pt-BR'] as const) {
        const res = await put('x.gil', body, { locale });
        expect(res.status).toBe(409);
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('conflict');
        expect(error.message).toBe(t(locale, 'settings.agent_conflict', { field, value, agent: 'x.fabio' }));
      }
    }
    expect(t('pt-BR', 'settings.agent_conflict', { field: 'slackUserId', value: 'U1', agent: 'x' })).toMatch(/já pertence ao agente "x"/);
    expect((await list()).map((a) => (a as { agentId: string }).agentId)).toEqual(['x.fabio']);
    // another tenant has its own directory
    expect((await put('x.gil', { slackUserId: 'UFAB00001' }, { key: KEYS.b })).status).toBe(201);
    expect(await list(KEYS.b)).toEqual([{ agentId: 'x.gil', slackUserId: 'UFAB00001' }]);
    expect((await del('x.fabio', KEYS.b)).status).toBe(404);
    expect((await del('x.fabio')).status).toBe(200);
  });

  it('refuses bad bodies with a 400 naming the field, in en and pt-BR', async () => {
    const cases: [unknown, RegExp, RegExp][] = [
      [{ slackUserId: 'ana' }, /slackUserId must be a Slack member id \(U… or W…\): "ana"/, /slackUserId deve ser um id de membro do Slack/],
      [{ teamsAadId: 'not-a-guid' }, /teamsAadId must be a Microsoft Entra \(AAD\) object id, a GUID/, /teamsAadId deve ser um id de objeto do Microsoft Entra/],
      [{}, /Give at least one of slackUserId, teamsAadId or name/, /Informe pelo menos um de slackUserId, teamsAadId ou name/],
      [{ slack: 'U1234' }, /Unknown field "slack"/, /slack/],
    ];
    for (const [body, en, pt] of cases) {
      for (const [locale, message] of [['en', en], ['pt-BR', pt]] as const) {
        const res = await put('x.hugo', body, { locale });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
      }
    }
    expect(await list()).toEqual([]);
  });

  it('needs the admin scope to change and the read scope to list', async () => {
    const read = (await svc.service.deps.apiKeys.create('TA', { scopes: ['read'] })).key;
    expect((await put('x.ines', { name: 'Inês' }, { key: read })).status).toBe(403);
    expect((await del('x.ines', read)).status).toBe(403);
    expect((await svc.api('/api/v1/agents', { key: read })).status).toBe(200);
    const ingestOnly = (await svc.service.deps.apiKeys.create('TA', { scopes: ['ingest'] })).key;
    expect((await svc.api('/api/v1/agents', { key: ingestOnly })).status).toBe(403);
    expect(await list()).toEqual([]);
  });

  it('records each change in the settings audit', async () => {
    await put('x.joao', { slackUserId: 'UJOAO0001' });
    await put('x.joao', { slackUserId: 'UJOAO0001', name: 'João' });
    await del('x.joao');
    const { entries } = (await (await svc.api('/api/v1/settings/audit?limit=3')).json()) as { entries: { changes: unknown[] }[] };
    expect(entries.map((e) => e.changes)).toEqual([
      [{ path: 'agents.x.joao', before: { slackUserId: 'UJOAO0001', teamsAadId: null, name: 'João' }, after: null }],
      [{ path: 'agents.x.joao.name', before: null, after: 'João' }],
      [{ path: 'agents.x.joao', before: null, after: { slackUserId: 'UJOAO0001', teamsAadId: null, name: null } }],
    ]);
  });
});

describe('agents recognised through the directory', () => {
  it('an agent mapped to a Slack user sees their own numbers with /kpi (refused before the mapping)', async () => {
    expect(await kpi('week', ANA_SLACK)).toContain(t('en', 'kpi.forbidden'));
    expect(await kpi('results week', ANA_SLACK, '/survey')).toContain(t('en', 'kpi.forbidden'));
    expect((await put('ana.souza', { slackUserId: ANA_SLACK, name: 'Ana Souza' })).status).toBe(201);
    const card = await kpi('week', ANA_SLACK);
    expect(card).toContain('Agent: ana.souza');
    expect(card).toMatch(/\*Volume\*\\n4"/);
    // her customers' survey answers too
    const results = await kpi('results week', ANA_SLACK, '/survey');
    expect(results).toContain('Survey results');
    expect(results).not.toContain(t('en', 'kpi.forbidden'));
  });

  it('an AAD id mapped to the same agent sees that agent’s numbers in Teams', async () => {
    expect(await teamsKpi(ANA_AAD)).toContain(t('en', 'kpi.forbidden'));
    expect((await put('ana.souza', { teamsAadId: ANA_AAD, name: 'Ana Souza' }, { key: KEYS.ga })).status).toBe(201);
    const card = await teamsKpi(ANA_AAD);
    expect(card).toContain('Agent: ana.souza');
    expect(card).toMatch(/"Volume"[^}]*\}[^}]*"text":"3"/);
  });

  it('agent:<@U…> filters by the agent the mentioned Slack user is mapped to', async () => {
    const card = await kpi(`week agent:<@${ANA_SLACK}|ana>`, 'U_SUP');
    expect(card).toContain('Agent: ana.souza');
    expect(card).toMatch(/\*Volume\*\\n4"/);
    // an unmapped mention keeps its id, as before
    expect(await kpi('week agent:<@UNOBODY01>', 'U_SUP')).toContain('Agent: UNOBODY01');
  });

  it('the breakdown by agent names mapped agents, and unmapped ones by id', async () => {
    const card = await kpi('week by:agent', 'U_SUP');
    expect(card).toContain('Ana Souza — 4 contacts');
    expect(card).toContain('bruno — 2 contacts');
    expect(card).not.toContain('ana.souza —');
  });
});
