/**
 * The meeting flow through the real Teams SDK app: messages and Action.Execute invokes shaped
 * like Teams', proactive posts and updates to a local recording server standing in for the Bot
 * Connector, time driven by an injectable clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;

const ORG = { id: '29:org', aadObjectId: '0b1f0000-0000-4000-8000-000000000001', name: 'Olga Ramos' };
const ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-000000000002', name: 'Ana Souza' };
const BRU = { id: '29:bru', aadObjectId: '0b1f0000-0000-4000-8000-000000000003', name: 'Bruno Lima' };
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const CONV = '19:ops@thread.tacv2';
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let connector: RecordingServer;
let sent = 0;

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: clock.toISOString(),
  serviceUrl: `${connector.url}/`,
  channelId: 'msteams',
  from: ORG,
  conversation: { conversationType: 'channel', id: CONV, tenantId: TENANT },
  recipient: BOT,
  channelData: { tenant: { id: TENANT } },
  locale: 'en-US',
  ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const say = (text: string, from = ORG, entities: unknown[] = []) => post(activity({ type: 'message', text, from, entities }));

type Card = { body: { type: string; text?: string; id?: string; actions?: Action[]; choices?: { value: string }[] }[] } & Record<string, unknown>;
type Action = { type: string; title: string; verb?: string; data?: { value: string } };
const actions = (card: Card): Action[] => card.body.flatMap((b) => b.actions ?? []);
// multi-line text arrives as a Container of one TextBlock per line
const texts = (card: Card) => card.body.flatMap((b) => (b as { items?: { text?: string }[] }).items ?? [b]).map((b) => b.text ?? '').join('\n');
const toConversation = (id: string) => connector.requests.filter((r) => r.method === 'POST' && decodeURIComponent(r.path) === `/v3/conversations/${id}/activities`);
const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: Card }[] }).attachments[0]!.content;
const idOf = (r: RecordedRequest) => (r as RecordedRequest & { sentId: string }).sentId;

async function execute(action: Action, inputs: Record<string, string>, from: typeof ORG, replyToId: string) {
  const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', from, replyToId, value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: string; value: Card | string };
}

beforeAll(async () => {
  connector = await startRecordingServer();
  connector.on(/\/v3\/conversations$/, (req) => ({ body: { id: `a:1on1-${JSON.stringify(req.body).includes(ANA.aadObjectId) ? 'ana' : 'other'}` } }));
  connector.on(/\/v3\/conversations\/.+\/activities(\/.*)?$/, (req) => {
    const id = `msg-${++sent}`;
    (req as RecordedRequest & { sentId: string }).sentId = id;
    return { body: { id } };
  });
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: ORG.aadObjectId, DEFAULT_LOCALE: 'en' }, () => clock);
  expect((await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }))).status).toBeLessThan(300);
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('a meeting over Teams', () => {
  let liveId: string;
  let live: Card;
  // the rating questions sent at the end (Ana answers hers later)
  let ratings: RecordedRequest[];

  it('plans from one line with mentions, starts, and posts the live card with inline forms', async () => {
    const mentions = [ANA, BRU].map((u) => ({ type: 'mention', text: `<at>${u.name}</at>`, mentioned: { id: u.id, name: u.name } }));
    await say(`<at>CS Ops Bot</at> meeting new Ops review <at>Ana Souza</at> <at>Bruno Lima</at> | 2026-11-26 10:00 | 30 | KPIs (10), Escalations (10)`, ORG, [
      { type: 'mention', text: '<at>CS Ops Bot</at>', mentioned: BOT },
      ...mentions,
    ]);
    const agenda = await connector.waitFor((r) => JSON.stringify(r.body).includes('📅 Ops review'), 10_000);
    expect(texts(cardOf(agenda))).toMatch(/Participants: @Ana Souza, @Bruno Lima/);

    clock = new Date('2026-11-26T12:50:00Z');
    expect((await runMeetingJobs(svc.service.bot, clock, (e) => { throw e; })).reminders).toBe(1);
    const reminder = toConversation(CONV).find((r) => JSON.stringify(r.body).includes('Starting in 10 min: Ops review'))!;
    expect(actions(cardOf(reminder)).map((a) => a.title)).toEqual(['Start now']);

    clock = new Date('2026-11-26T13:00:00Z');
    await say('meeting start');
    const posted = await connector.waitFor((r) => JSON.stringify(r.body).includes('Live: Ops review'), 10_000);
    liveId = idOf(posted);
    live = cardOf(posted);
    const types = live.body.map((b) => b.type);
    expect(types).toEqual(expect.arrayContaining(['Input.Text', 'Input.ChoiceSet', 'Input.Date']));
    const owner = live.body.find((b) => b.id === 'owner')!;
    expect(owner.choices!.map((c) => c.value)).toEqual([ORG.aadObjectId, ANA.id, BRU.id]);
  });

  it('records notes from two people at once and an action with its owner and due date', async () => {
    const note = actions(live).find((a) => a.verb === 'meeting.note')!;
    const [a, b] = await Promise.all([execute(note, { note: 'Backlog is growing' }, ANA, liveId), execute(note, { note: 'Chat queue at 40' }, BRU, liveId)]);
    for (const r of [a, b]) expect(r.type).toBe('application/vnd.microsoft.card.adaptive');
    const action = actions(live).find((x) => x.verb === 'meeting.action')!;
    const after = await execute(action, { what: 'Hire a night agent', owner: ANA.aadObjectId, due: '2026-11-30' }, BRU, liveId);
    const text = texts(after.value as Card);
    expect(text).toContain('📝 Backlog is growing — @Ana Souza');
    expect(text).toContain('📝 Chat queue at 40 — @Bruno Lima');
    expect(text).toContain('☐ Hire a night agent — @Ana Souza, due Nov 30, 2026');
    const outsider = await execute(note, { note: 'hi' }, { id: '29:x', aadObjectId: '0b1f0000-0000-4000-8000-0000000000ff', name: 'X' }, liveId);
    expect(outsider.value).toMatch(/Only the participants/);
  });

  it('nudges once when an item runs over, updates the card in place, then ends with minutes and ratings', async () => {
    clock = new Date('2026-11-26T13:11:00Z');
    const deps = svc.service.bot;
    const [j1, j2] = await Promise.all([runMeetingJobs(deps, clock, (e) => { throw e; }), runMeetingJobs(deps, clock, (e) => { throw e; })]);
    expect(j1.nudges + j2.nudges).toBe(1);
    expect(toConversation(CONV).some((r) => JSON.stringify(r.body).includes('has used its 10 min'))).toBe(true);
    const put = connector.requests.filter((r) => r.method === 'PUT' && decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities/${liveId}`);
    expect(put.length).toBeGreaterThan(0);
    expect(texts(cardOf(put.at(-1)!))).toContain('1 min over the 10 planned');

    const next = actions(live).find((a) => a.verb === 'meeting.next')!;
    await execute(next, {}, ANA, liveId);
    clock = new Date('2026-11-26T13:25:00Z');
    const end = actions(live).find((a) => a.verb === 'meeting.end')!;
    const ended = await execute(end, {}, ORG, liveId);
    expect(texts(ended.value as Card)).toContain('Ended: Ops review');
    const minutes = toConversation(CONV).find((r) => JSON.stringify(r.body).includes('Minutes: Ops review'))!;
    expect(texts(cardOf(minutes))).toMatch(/1\. KPIs — 11 of 10 min/);
    // Ana's actions and her rating arrive in a 1:1 chat opened for her
    expect(toConversation('a:1on1-ana').some((r) => JSON.stringify(r.body).includes('Hire a night agent'))).toBe(true);
    ratings = connector.requests.filter((r) => r.method === 'POST' && JSON.stringify(r.body).includes('How useful was the meeting'));
    expect(connector.calls(/\/v3\/conversations$/).length).toBeGreaterThanOrEqual(3);
    expect(await svc.service.models.surveys.countDocuments({ tenantId: TENANT, type: 'meeting' })).toBe(3);
  });

  it('carries Ana’s open action into the next meeting of the series', async () => {
    connector.clear();
    await say('meeting new Ops review | 2026-12-03 10:00 | 30 | KPIs (10)');
    const agenda = await connector.waitFor((r) => JSON.stringify(r.body).includes('📅 Ops review'), 10_000);
    expect(texts(cardOf(agenda))).toMatch(/2\. Open actions from the last meeting \(5 min\)\n\s+☐ Hire a night agent — @Ana Souza, due Nov 30, 2026/);
  });

  it('"actions" lists Ana’s open actions (by either of her ids) and marks one done', async () => {
    connector.clear();
    await say('actions', ANA);
    const list = await connector.waitFor((r) => JSON.stringify(r.body).includes('Your open actions'), 10_000);
    const done = actions(cardOf(list)).find((a) => a.verb === 'action.done')!;
    const res = await execute(done, {}, ANA, idOf(list));
    expect(texts(res.value as Card)).toContain('No open actions');
  });

  it('the next meeting of the series opens with the last one’s ratings', async () => {
    const asked = await svc.service.models.surveys.findOne({ tenantId: TENANT, type: 'meeting', 'recipient.userId': { $in: [ANA.id, ANA.aadObjectId] } }).lean();
    const where = asked!.message as { channelId: string; messageId: string };
    const rating = ratings.find((r) => idOf(r) === where.messageId)!;
    const inChat = async (action: Action, inputs: Record<string, string>) => {
      const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', from: ANA, conversation: { conversationType: 'personal', id: where.channelId, tenantId: TENANT }, replyToId: where.messageId, value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } }));
      expect(res.status).toBe(200);
      return ((await res.json()) as { value: Card }).value;
    };
    const thanks = await inChat(actions(cardOf(rating)).find((a) => a.title.startsWith('🙂'))!, {});
    await inChat(actions(thanks).find((a) => a.verb === 'survey.comment')!, { comment: 'Good pace' });
    connector.clear();
    clock = new Date('2026-12-03T12:50:00Z');
    expect((await runMeetingJobs(svc.service.bot, clock, (e) => { throw e; })).reminders).toBe(1);
    const reminder = toConversation(CONV).find((r) => JSON.stringify(r.body).includes('Starting in 10 min: Ops review'))!;
    const text = texts(cardOf(reminder));
    expect(text).toContain('How the last meeting was rated (Nov 26, 2026)');
    // one row each: average, distribution, comments, the quote
    expect(text).toContain('\nAverage 4/5 from 1 of 3 attendees (33% responded)\n5★ 0 · 4★ 1 · 3★ 0 · 2★ 0 · 1★ 0\n1 comment(s):\n“Good pace”');
  });

  it('"meeting stats" answers a card computed from the stored meetings, ratings and actions', async () => {
    connector.clear();
    await say('meeting stats "Ops review" 30d');
    const answer = await connector.waitFor((r) => JSON.stringify(r.body).includes('Meeting stats'), 10_000);
    const text = texts(cardOf(answer));
    expect(text).toContain('Series: Ops review');
    expect(text).toContain('Meetings held: 1');
    expect(text).toContain('Started on time (at most 5 min late): 1 of 1 (100%)');
    expect(text).toContain('Average 4/5 from 1 of 3 attendees (33% responded)');
    expect(text).toContain('Escalations: +4 min over 10 (1×)\nKPIs: +1 min over 10 (1×)');
    // Ana marked her action done on Nov 26, before its due day
    expect(text).toContain('Actions closed on time: 1 of 1 (100%) · closed late: 0 · still open: 0');
    connector.clear();
    await say('meeting stats "Ops review" 30d please');
    expect(JSON.stringify((await connector.waitFor((r) => JSON.stringify(r.body).includes('please'), 10_000)).body)).toMatch(/meeting stats/);
  });

  it('"meeting cancel" asks with a card naming the meeting; its button cancels it once (organizer only)', async () => {
    connector.clear();
    await say('meeting cancel', BRU);
    expect(JSON.stringify((await connector.waitFor((r) => JSON.stringify(r.body).includes('Only the organizer'), 10_000)).body)).toContain('Ops review');
    connector.clear();
    await say('meeting cancel');
    const ask = await connector.waitFor((r) => JSON.stringify(r.body).includes('Cancel \\"Ops review\\"?'), 10_000);
    const cancel = actions(cardOf(ask)).find((a) => a.verb === 'meeting.cancel')!;
    expect(texts((await execute(cancel, {}, ORG, idOf(ask))).value as Card)).toContain('🚫 Cancelled: Ops review');
    expect(await svc.service.models.meetings.countDocuments({ tenantId: TENANT, status: 'cancelled' })).toBe(1);
    expect((await execute(cancel, {}, ORG, idOf(ask))).value).toMatch(/not planned any more/);
  });
});
