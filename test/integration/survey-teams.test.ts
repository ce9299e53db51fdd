/**
 * Surveys over Teams: the real Teams SDK app on /api/messages, proactive posts through stored
 * conversation references to a local recording server standing in for the Bot Connector, and
 * Action.Execute invokes (with the card's Input.Text values) as Teams sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;
const TENANT_B = GUID_TENANTS.b;

const NOW = new Date('2026-11-25T15:05:00Z');
const SUP = '7faf8ab2-3d56-4244-b585-20c8a42ed2b8';
const CUSTOMER = 'b1f4e2c0-1111-4c3a-9f00-000000000001';
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
let svc: TestService;
let connector: RecordingServer;
let sent = 0;

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: NOW.toISOString(),
  serviceUrl: `${connector.url}/`,
  channelId: 'msteams',
  from: { id: '29:sup', name: 'Megan Bowen', aadObjectId: SUP },
  conversation: { conversationType: 'channel', id: '19:ops@thread.tacv2', tenantId: TENANT },
  recipient: BOT,
  channelData: { tenant: { id: TENANT } },
  locale: 'en-US',
  ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const json = { 'content-type': 'application/json' };

type Card = { body: { type: string; text?: string; id?: string; actions?: Action[] }[] } & Record<string, unknown>;
type Action = { type: string; title: string; verb?: string; url?: string; data?: { value: string } };
const actions = (card: Card): Action[] => card.body.flatMap((b) => b.actions ?? []);
// multi-line text arrives as a Container of one TextBlock per line
const texts = (card: Card) => card.body.flatMap((b) => (b as { items?: { text?: string }[] }).items ?? [b]).map((b) => b.text ?? '').join('\n');
const activitiesTo = (conversation: string) =>
  connector.requests.filter((r) => r.method === 'POST' && decodeURIComponent(r.path) === `/v3/conversations/${conversation}/activities`);
const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: Card }[] }).attachments[0]!.content;

/** An Action.Execute on a posted card, as Teams invokes it (inputs merged into data). */
async function execute(conversationId: string, messageId: string, action: Action, inputs: Record<string, string> = {}, from = { id: '29:cust', aadObjectId: CUSTOMER }) {
  const res = await post(
    activity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from,
      conversation: { conversationType: 'personal', id: conversationId, tenantId: TENANT },
      replyToId: messageId,
      value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' },
    }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { statusCode: number; type: string; value: Card | string };
}

beforeAll(async () => {
  connector = await startRecordingServer();
  connector.on(/\/v3\/conversations$/, { body: { id: 'a:1on1-new', serviceUrl: '' } });
  connector.on(/\/v3\/conversations\/.+\/activities$/, () => ({ body: { id: `msg-${++sent}` } }));
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: SUP }, () => NOW);
  await svc.api('/api/v1/interactions', {
    key: KEYS.ga,
    method: 'POST',
    headers: json,
    body: JSON.stringify(['TK-9', 'TK-10'].map((externalId) => ({ externalId, channel: 'chat', customer: { id: 'c9' }, agent: { id: SUP, name: 'Megan' }, status: 'resolved', createdAt: '2026-11-25T09:00:00Z', resolvedAt: '2026-11-25T11:00:00Z' }))),
  });
  // the bot was added to the customer's chat and to the supervisors' channel
  for (const conversation of [{ conversationType: 'personal', id: 'a:cust-chat', tenantId: TENANT }, { conversationType: 'channel', id: '19:ops@thread.tacv2', tenantId: TENANT }]) {
    expect((await post(activity({ type: 'conversationUpdate', conversation, membersAdded: [BOT] }))).status).toBeLessThan(300);
  }
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('Teams surveys', () => {
  it('send → click → thank-you with an inline comment box → comment → KPI change', async () => {
    const res = await svc.api('/api/v1/surveys', { key: KEYS.ga, method: 'POST', headers: json, body: JSON.stringify({ type: 'csat', platform: 'teams', recipient: { conversationId: 'a:cust-chat' }, interactionExternalId: 'TK-9', locale: 'en' }) });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as { id: string; message: { channelId: string; messageId: string } };
    const question = cardOf(activitiesTo('a:cust-chat').at(-1)!);
    expect(texts(question)).toContain('How satisfied are you');
    // five faces in one row: Teams shows at most five actions per set
    expect(question.body.filter((b) => b.type === 'ActionSet').map((b) => b.actions!.length)).toEqual([5]);

    const five = actions(question).find((a) => a.title.startsWith('😄'))!;
    const thanks = await execute('a:cust-chat', survey.message.messageId, five);
    expect(thanks.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = thanks.value as Card;
    expect(texts(card)).toContain('Thank you! Your answer: 😄 5/5 (Very satisfied)');
    expect(card.body.find((b) => b.type === 'Input.Text')).toMatchObject({ id: 'comment', isMultiline: true, maxLength: 1000 });
    const send = actions(card).find((a) => a.verb === 'survey.comment')!;

    const empty = await execute('a:cust-chat', survey.message.messageId, send, { comment: '' });
    expect(empty.value).toBe('Write a comment before sending it.');
    const done = await execute('a:cust-chat', survey.message.messageId, send, { comment: 'Resolved on the first call' });
    expect(texts(done.value as Card)).toContain('Your comment: “Resolved on the first call”');
    expect(actions(done.value as Card)).toHaveLength(0);

    const stored = await svc.service.models.surveyResponses.find({ tenantId: TENANT, surveyId: survey.id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ score: 5, comment: 'Resolved on the first call', respondent: CUSTOMER });
    const kpis = (await (await svc.api('/api/v1/kpis?period=week', { key: KEYS.ga })).json()) as { current: { csat: { responses: number; score: number }; surveyResponseRate: number } };
    expect(kpis.current).toMatchObject({ csat: { responses: 1, score: 1 }, surveyResponseRate: 1 });
  });

  it('reaches a person by AAD object id in a new 1:1 chat, and NPS fits in rows of at most five', async () => {
    const res = await svc.api('/api/v1/surveys', { key: KEYS.ga, method: 'POST', headers: json, body: JSON.stringify({ type: 'nps', platform: 'teams', recipient: { aadObjectId: CUSTOMER } }) });
    expect(res.status).toBe(201);
    const created = connector.calls(/\/v3\/conversations$/).at(-1)!;
    expect(created.body).toMatchObject({ isGroup: false, members: [{ id: CUSTOMER }], tenantId: TENANT, bot: BOT });
    const card = cardOf(activitiesTo('a:1on1-new').at(-1)!);
    const rows = card.body.filter((b) => b.type === 'ActionSet').map((b) => b.actions!.length);
    expect(rows).toEqual([4, 4, 3]);
    // pt-BR: the tenant's language when nothing says the person's
    expect(texts(card)).toContain('Qual a probabilidade de você nos recomendar');
  });

  it('"survey send csat @person" from a channel, alerts in the supervisors’ channel, tampered values refused', async () => {
    connector.clear();
    const setAlerts = await post(activity({ type: 'message', text: '<at>CS Ops Bot</at> survey alerts here', entities: [{ type: 'mention', text: '<at>CS Ops Bot</at>', mentioned: BOT }] }));
    expect(setAlerts.status).toBeLessThan(300);
    await connector.waitFor((r) => /activities/.test(r.path) && JSON.stringify(r.body).includes('Complaint alerts'), 10_000);

    await post(activity({ type: 'message', text: 'survey send csat <at>Ana Souza</at> TK-10', entities: [{ type: 'mention', text: '<at>Ana Souza</at>', mentioned: { id: '29:ana', name: 'Ana Souza' } }] }));
    await connector.waitFor((r) => /activities/.test(r.path) && JSON.stringify(r.body).includes('Survey sent (CSAT)'), 10_000);
    const created = connector.calls(/\/v3\/conversations$/).at(-1)!;
    expect(created.body).toMatchObject({ members: [{ id: '29:ana' }] });
    const question = activitiesTo('a:1on1-new').at(-1)!;
    const stored = await svc.service.models.surveys.findOne({ tenantId: TENANT, 'recipient.userId': '29:ana' }).lean();
    const messageId = (stored?.message as { messageId: string }).messageId;

    const one = actions(cardOf(question)).find((a) => a.title.startsWith('😠'))!;
    const tampered = await execute('a:1on1-new', messageId, { ...one, data: { value: one.data!.value.replace('"v":1', '"v":7') } }, {}, { id: '29:ana', aadObjectId: 'ana-aad' });
    expect(tampered.value).toMatch(/whole number from 1 to 5/);
    const reasons = await execute('a:1on1-new', messageId, one, {}, { id: '29:ana', aadObjectId: 'ana-aad' });
    expect(texts(reasons.value as Card)).toContain('O que deu errado?');
    const alert = activitiesTo('19:ops@thread.tacv2').find((r) => JSON.stringify(r.body).includes('Reclamação'));
    expect(alert).toBeDefined();
    expect(texts(cardOf(alert!))).toMatch(/Atendente: Megan/);
    const fromOtherTenant = await post(
      activity({
        type: 'invoke', name: 'adaptiveCard/action', replyToId: messageId,
        conversation: { conversationType: 'personal', id: 'a:tb-chat', tenantId: TENANT_B }, channelData: { tenant: { id: TENANT_B } },
        value: { action: { type: 'Action.Execute', verb: one.verb, data: one.data } },
      }),
    );
    expect(((await fromOtherTenant.json()) as { value: string }).value).toMatch(/does not exist/);
  });
});
