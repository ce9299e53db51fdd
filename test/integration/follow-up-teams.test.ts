/**
 * Closing the loop over Teams (real Teams SDK app, activities shaped like Teams', the Bot
 * Connector on a local recording server): a deteriorated KPI card → "add to next review" → the
 * item with its numbers → "create action" from the card's inline form → the meeting's minutes →
 * the next report's next steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;

const SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-00000000000a', name: 'Sara Prado' };
const ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-00000000000b', name: 'Ana Souza' };
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const CONV = '19:review@thread.tacv2';
const NOW = new Date('2026-11-25T15:00:00Z');
let clock = NOW;
let svc: TestService;
let connector: RecordingServer;
let sent = 0;

type Action = { type: string; title: string; verb?: string; data?: { value: string }; card?: Card };
type Card = { body: { type: string; text?: string; id?: string; actions?: Action[] }[]; actions?: Action[] };
const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: clock.toISOString(),
  serviceUrl: `${connector.url}/`,
  channelId: 'msteams',
  from: SUP,
  conversation: { conversationType: 'channel', id: CONV, tenantId: TENANT },
  recipient: BOT,
  channelData: { tenant: { id: TENANT } },
  locale: 'en-US',
  ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const say = (text: string) => post(activity({ type: 'message', text }));
const actionsOf = (card: Card): Action[] => [...card.body.flatMap((b) => b.actions ?? []), ...(card.actions ?? [])];
const texts = (card: Card) => JSON.stringify(card);
const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: Card }[] }).attachments[0]!.content;
const idOf = (r: RecordedRequest) => (r as RecordedRequest & { sentId: string }).sentId;

async function execute(action: Action, inputs: Record<string, string>, replyToId: string) {
  const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: string; value: Card | string };
}

beforeAll(async () => {
  connector = await startRecordingServer();
  connector.on(/\/v3\/conversations$/, () => ({ body: { id: 'a:1on1' } }));
  connector.on(/\/v3\/conversations\/.+\/activities(\/.*)?$/, (req) => {
    const id = `msg-${++sent}`;
    (req as RecordedRequest & { sentId: string }).sentId = id;
    return { body: { id } };
  });
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: SUP.aadObjectId, DEFAULT_LOCALE: 'en' }, () => clock);
  expect((await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }))).status).toBeLessThan(300);
  const day = 86_400_000;
  const records = Array.from({ length: 12 }, (_, i) => {
    const thisWeek = i % 2 === 0;
    const created = new Date((thisWeek ? NOW.getTime() - day : NOW.getTime() - 7 * day) - i * 3_600_000);
    return {
      externalId: `TT-${i}`, channel: 'email', customer: { id: `c-${i}` }, agent: { id: 'ag-1' }, status: 'resolved',
      createdAt: created.toISOString(),
      firstResponseAt: new Date(created.getTime() + (thisWeek ? 240 : 30) * 60_000).toISOString(),
      resolvedAt: new Date(created.getTime() + 300 * 60_000).toISOString(),
    };
  });
  expect((await svc.api('/api/v1/interactions', { key: KEYS.ga, method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } })).status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('from a KPI card to the review over Teams', () => {
  let card: Card;
  let cardId: string;

  it('the KPI card carries the review button and a collapsed action form', async () => {
    await say('kpi week');
    const posted = await connector.waitFor((r) => JSON.stringify(r.body).includes('followup.review'), 10_000);
    card = cardOf(posted);
    cardId = idOf(posted);
    const show = actionsOf(card).find((a) => a.type === 'Action.ShowCard')!;
    expect(show.title).toBe('✅ Create action');
    expect(show.card!.body.map((b) => b.id)).toEqual(['what', 'owner', 'due']);
    expect(show.card!.body.find((b) => b.id === 'owner')!.type).toBe('Input.ChoiceSet');
  });

  it('adds the numbers to the next review, creates the action under them, and both reach the minutes and the report', async () => {
    const review = actionsOf(card).find((a) => a.verb === 'followup.review')!;
    const added = await execute(review, {}, cardId);
    expect(added.value).toMatch(/No review was planned: "Weekly CS operations review" is now planned for Nov 30, 2026/);
    expect((await execute(review, {}, cardId)).value).toMatch(/already on the agenda/);
    const agenda = await connector.waitFor((r) => JSON.stringify(r.body).includes('📅 Weekly CS operations review'), 10_000);
    expect(texts(cardOf(agenda))).toMatch(/📎 .*First response/);

    const form = actionsOf(card).find((a) => a.type === 'Action.ShowCard')!.card!;
    const submit = form.actions!.find((a) => a.verb === 'followup.action')!;
    const created = await execute(submit, { what: 'Reply to e-mails within 1 h', owner: ANA.aadObjectId, due: '2026-12-03' }, cardId);
    expect(created.value).toMatch(/Action added for @.*, due Dec 3, 2026: Reply to e-mails within 1 h/);

    clock = new Date('2026-11-30T13:00:00Z');
    await say('meeting start');
    const live = await connector.waitFor((r) => JSON.stringify(r.body).includes('Live: Weekly CS operations review'), 10_000);
    let current = cardOf(live);
    for (let i = 0; i < 3; i++) current = (await execute(actionsOf(current).find((a) => a.verb === 'meeting.next')!, {}, idOf(live))).value as Card;
    expect(texts(current)).toMatch(/▶ 4\. KPI: First response[\s\S]*📎[\s\S]*4 h 00 min[\s\S]*Reply to e-mails within 1 h/);
    await execute(actionsOf(current).find((a) => a.verb === 'meeting.end')!, {}, idOf(live));
    const minutes = await connector.waitFor((r) => JSON.stringify(r.body).includes('📝 Minutes'), 10_000);
    expect(texts(cardOf(minutes))).toMatch(/KPI: First response[\s\S]*📎[\s\S]*Reply to e-mails within 1 h/);

    await say('report now');
    const report = await connector.waitFor((r) => JSON.stringify(r.body).includes('📊 Report'), 10_000);
    expect(texts(cardOf(report))).toMatch(/☐ Reply to e-mails within 1 h — @[^,]+, due Dec 3, 2026 \(From: First response/);
  });
});
