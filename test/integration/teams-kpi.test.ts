/**
 * The real Teams SDK app on /api/messages: activities shaped like Teams' (the "Receive a message"
 * example of learn.microsoft.com/microsoftteams/platform, conversation-messages); replies go to
 * the activity's serviceUrl, a local recording server standing in for the Bot Connector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshLiveCards } from '../../src/core/kpi/refresh-live-cards.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;

const NOW = new Date('2026-11-25T15:00:00Z');
const SUP = '7faf8ab2-3d56-4244-b585-20c8a42ed2b8';
let svc: TestService;
let connector: RecordingServer;

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: NOW.toISOString(),
  serviceUrl: `${connector.url}/`,
  channelId: 'msteams',
  from: { id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw', name: 'Megan Bowen', aadObjectId: SUP },
  conversation: { conversationType: 'personal', id: 'a:conv-1', tenantId: TENANT },
  recipient: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' },
  channelData: { tenant: { id: TENANT } },
  locale: 'en-US',
  ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

type AdaptiveCard = { version: string; body: { type: string; text?: string }[] } & Record<string, unknown>;
const cardsSent = () =>
  connector.requests
    .filter((r) => /\/v3\/conversations\/.+\/activities/.test(r.path))
    .map((r) => (r.body as { attachments?: { contentType: string; content: AdaptiveCard }[]; text?: string }));
const executes = (card: AdaptiveCard) =>
  JSON.stringify(card).match(/"type":"Action\.Execute","title":"[^"]*","verb":"[^"]*","data":\{"value":"(?:[^"\\]|\\.)*"\}/g)!.map((s) => JSON.parse(`{${s}}`) as { title: string; verb: string; data: { value: string } });

beforeAll(async () => {
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: SUP }, () => NOW);
  const records = Array.from({ length: 12 }, (_, i) => ({
    externalId: `t${i}`, channel: i % 2 ? 'chat' : 'email', customer: { id: `c${i}` }, status: 'resolved',
    createdAt: new Date(NOW.getTime() - (i + 1) * 7_200_000).toISOString(),
    firstResponseAt: new Date(NOW.getTime() - (i + 1) * 7_200_000 + 600_000).toISOString(),
    resolvedAt: new Date(NOW.getTime() - (i + 1) * 7_200_000 + 3_600_000).toISOString(),
  }));
  await svc.api('/api/v1/interactions', { key: KEYS.ga, method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('Teams', () => {
  it('answers "kpi week" with an Adaptive Card 1.5 carrying Action.Execute buttons', async () => {
    connector.clear();
    const res = await post(activity({ type: 'message', text: '<at>CS Ops Bot</at> kpi week', entities: [{ type: 'mention', text: '<at>CS Ops Bot</at>', mentioned: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' } }] }));
    expect(res.status).toBeLessThan(300);
    await connector.waitFor((r) => r.path.includes('/activities'), 10_000);
    const sent = cardsSent()[0]!;
    expect(sent.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = sent.attachments![0]!.content;
    expect(card.version).toBe('1.5');
    expect(card.body[0]!.text).toMatch(/^Customer service KPIs — This week/);
    expect(executes(card).map((a) => a.title)).toContain('Next ▶');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('speaks Portuguese to a pt-BR client', async () => {
    connector.clear();
    await post(activity({ type: 'message', text: 'kpi semana', locale: 'pt-BR' }));
    await connector.waitFor((r) => r.path.includes('/activities'), 10_000);
    expect(cardsSent()[0]!.attachments![0]!.content.body[0]!.text).toMatch(/^KPIs do atendimento — Esta semana/);
  });

  it('updates the card in place when a button is pressed (adaptiveCard/action invoke)', async () => {
    connector.clear();
    await post(activity({ type: 'message', text: 'kpi week' }));
    await connector.waitFor((r) => r.path.includes('/activities'), 10_000);
    const next = executes(cardsSent()[0]!.attachments![0]!.content).find((a) => a.title === '◀ Previous')!;
    const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: next.verb, data: next.data } } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: AdaptiveCard };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.body[0]!.text).toMatch(/Nov 16 – 22, 2026/);
  });

  it('refuses a tampered button with a clear message', async () => {
    const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kpi.show', data: { value: '{"period":"x"}' } } } }));
    const body = (await res.json()) as { type: string; value: string };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toMatch(/no longer valid/);
  });

  it('refuses someone who is neither supervisor nor agent, and helps on anything else', async () => {
    connector.clear();
    await post(activity({ type: 'message', text: 'kpi week', from: { id: '29:x', aadObjectId: 'someone-else' } }));
    await connector.waitFor((r) => r.path.includes('/activities'), 10_000);
    expect(cardsSent()[0]!.text).toMatch(/supervisors/);
    connector.clear();
    await post(activity({ type: 'message', text: 'ajuda', locale: 'pt-BR' }));
    await connector.waitFor((r) => r.path.includes('/activities'), 10_000);
    expect(cardsSent()[0]!.attachments![0]!.content.body[0]!.text).toBe('O que eu sei fazer');
  });

  it('stores the conversation reference when the bot is added', async () => {
    const res = await post(activity({ type: 'conversationUpdate', conversation: { id: '19:team-channel@thread.skype', tenantId: TENANT, conversationType: 'channel' }, membersAdded: [{ id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c' }] }));
    expect(res.status).toBeLessThan(300);
    const stored = await svc.service.models.installations.findOne({ tenantId: TENANT, platform: 'teams', key: '19:team-channel@thread.skype' }).lean();
    expect((stored?.data as { serviceUrl: string }).serviceUrl).toBe(`${connector.url}/`);
  });
});

describe('Teams live cards', () => {
  it('"kpi week live" posts the card, then keeps updating that same activity', async () => {
    connector.clear();
    await post(activity({ type: 'message', text: 'kpi week live', conversation: { conversationType: 'personal', id: 'a:conv-live', tenantId: TENANT } }));
    const put = await connector.waitFor((r) => r.method === 'PUT' && r.path.includes('/activities/sent-1'), 10_000);
    expect(decodeURIComponent(put.path)).toContain('/v3/conversations/a:conv-live/activities/sent-1');
    expect(JSON.stringify(put.body)).toMatch(/Stop live updates/);
    expect(JSON.stringify(put.body)).toMatch(/"refresh":\{"action":\{"type":"Action.Execute"/);
    connector.clear();
    const later = new Date(NOW.getTime() + 6 * 60_000);
    const refreshed = await refreshLiveCards(svc.service.bot, later, (e) => {
      throw e;
    });
    expect(refreshed).toBe(1);
    const again = connector.requests.filter((r) => r.method === 'PUT' && r.path.includes('/activities/sent-1'));
    expect(again).toHaveLength(1);
  });
});

describe('Teams with credentials', () => {
  it('rejects activities without a valid token', async () => {
    const secured = await startTestService({ TEAMS_CLIENT_ID: '11111111-2222-3333-4444-555555555555', TEAMS_CLIENT_SECRET: 'not-a-real-secret' }, () => NOW);
    try {
      const res = await fetch(`${secured.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'message', text: 'kpi week' })), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(401);
      const forged = await fetch(`${secured.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'message', text: 'kpi week' })), headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' } });
      expect(forged.status).toBe(401);
    } finally {
      await secured.stop();
    }
  });
});
