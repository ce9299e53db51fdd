/**
 * What meeting-slack and survey-slack prove on Slack, proven on Teams: meeting templates from a
 * message, automatic surveys in a 1:1 chat after a resolved ticket, and action reminders and
 * overdue escalations (once each, two instances) with "done" answered by the updated card.
 * Real activity shapes go to /api/messages; Bot Connector calls go to a local recording server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import { sendDueSurveys } from '../../src/core/surveys/send-survey.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';
import { activityFactory, mentionOf, postActivity } from '../support/teams.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;
const NOW = new Date('2026-11-25T15:00:00Z'); // 12:00 in São Paulo
const ORG = { id: '29:org', aadObjectId: '0b1f0000-0000-4000-8000-000000000001', name: 'Olga Ramos' };
const ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-000000000002', name: 'Ana Souza' };
const BRU = { id: '29:bru', aadObjectId: '0b1f0000-0000-4000-8000-000000000003', name: 'Bruno Lima' };
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const CUSTOMER = 'b1f4e2c0-1111-4c3a-9f00-000000000001';
const CONV = '19:ops@thread.tacv2';
let clock = NOW;
let svc: TestService;
let connector: RecordingServer;
let sent = 0;

type User = typeof ORG;
type Card = { body: { type: string; text?: string; id?: string; actions?: Action[] }[] } & Record<string, unknown>;
type Action = { type: string; title: string; verb?: string; data?: { value: string } };

const activity = activityFactory({ tenantId: TENANT, conversationId: CONV, from: ORG, bot: BOT, serviceUrl: () => connector.url, clock: () => clock });
const post = (body: unknown) => postActivity(svc.url, body);
async function say(text: string, channel = CONV, entities: unknown[] = []) {
  expect((await post(activity({ type: 'message', text, entities, conversation: { conversationType: 'channel', id: channel, tenantId: TENANT } }))).status).toBeLessThan(300);
}
const actions = (card: Card): Action[] => card.body.flatMap((b) => b.actions ?? []);
// multi-line text arrives as a Container of one TextBlock per line
const texts = (card: Card) => card.body.flatMap((b) => (b as { items?: { text?: string }[] }).items ?? [b]).map((b) => b.text ?? '').join('\n');
const toConversation = (id: string) => connector.requests.filter((r) => r.method === 'POST' && decodeURIComponent(r.path) === `/v3/conversations/${id}/activities`);
const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: Card }[] }).attachments[0]!.content;
const idOf = (r: RecordedRequest) => (r as RecordedRequest & { sentId: string }).sentId;
const chatWith = (userId: string) => `a:1on1-${userId}`;
const lastCardIn = async (conversation: string, text: string) =>
  cardOf(await connector.waitFor((r) => r.method === 'POST' && decodeURIComponent(r.path) === `/v3/conversations/${conversation}/activities` && JSON.stringify(r.body).includes(text), 10_000));

/** An Action.Execute on a posted card, as Teams invokes it (inputs merged into data). */
async function execute(action: Action, inputs: Record<string, string>, from: User, replyToId: string, conversation: Record<string, string> = { conversationType: 'channel', id: CONV }) {
  const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', from, replyToId, conversation: { ...conversation, tenantId: TENANT }, value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: string; value: Card | string };
}
const jobs = () => runMeetingJobs(svc.service.bot, clock, (e) => { throw e; });
const surveyJobs = () => sendDueSurveys(svc.service.bot, (_s, e) => { throw e; });
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  connector = await startRecordingServer();
  // a 1:1 chat per person, named after the member it was opened with
  connector.on(/\/v3\/conversations$/, (req) => ({ body: { id: chatWith((req.body as { members: { id: string }[] }).members[0]!.id) } }));
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

describe('templates over Teams (meeting-slack: "templates")', () => {
  const WEEKLY = '19:weekly@thread.tacv2';

  it('the weekly review opens with the week’s KPI card; a 1:1 needs its person', async () => {
    clock = NOW;
    await say('<at>CS Ops Bot</at> meeting new weekly tomorrow 10:00', WEEKLY, [mentionOf(BOT)]);
    const planned = await lastCardIn(WEEKLY, '📅 Weekly CS operations review');
    expect(texts(planned)).toMatch(/1\. KPIs of the week \(15 min\)[\s\S]*2\. Escalations and complaints \(15 min\)[\s\S]*3\. Open actions from the last meeting[\s\S]*4\. Next steps/);
    const m = await svc.service.models.meetings.findOne({ tenantId: TENANT, channelId: WEEKLY }).lean();
    expect(m).toMatchObject({ template: 'weekly', platform: 'teams', durationMinutes: 45 });
    expect(m!.startsAt.toISOString()).toBe('2026-11-26T13:00:00.000Z');

    connector.clear();
    clock = new Date('2026-11-26T13:00:00Z');
    await say('meeting start', WEEKLY);
    await lastCardIn(WEEKLY, 'Customer service KPIs');
    // the notice "The meeting has started" is the reply; the cards are posted after it
    const posted = toConversation(WEEKLY).filter((r) => (r.body as { attachments?: unknown[] }).attachments).map((r) => texts(cardOf(r)));
    expect(posted[0]).toMatch(/Live: Weekly CS operations review/);
    expect(posted[1]).toMatch(/Customer service KPIs — This week/);
    await say('meeting end', WEEKLY);
    await lastCardIn(WEEKLY, 'Minutes: Weekly CS operations review');

    clock = NOW;
    await say('meeting new 1:1 tomorrow 10:00', WEEKLY);
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Mention the person of the 1:1'), 10_000);
    const ONE = '19:one@thread.tacv2';
    await say('meeting new 1:1 <at>Ana Souza</at> tomorrow 10:00', ONE, [mentionOf(ANA)]);
    const oneOnOne = await lastCardIn(ONE, '📅 1:1');
    expect(texts(oneOnOne)).toMatch(/📅 1:1 · @Ana Souza/);
    expect(texts(oneOnOne)).toContain('1. How are things going (10 min) — @Ana Souza');
    expect(await svc.service.models.meetings.findOne({ tenantId: TENANT, channelId: ONE }).lean()).toMatchObject({ template: 'one-on-one', participants: [ORG.aadObjectId, ANA.id] });
  });
});

describe('action reminders and escalations over Teams (meeting-slack: "reminds owners … escalates …")', () => {
  let liveId: string;
  let live: Card;

  it('a meeting records two actions due on Nov 27 (Ana’s and Bruno’s)', async () => {
    clock = NOW;
    await say('meeting new Weekly review <at>Ana Souza</at> <at>Bruno Lima</at> | 2026-11-26 10:00 | 30 | KPIs (10), AOB (5)', CONV, [ANA, BRU].map(mentionOf));
    await lastCardIn(CONV, '📅 Weekly review');
    clock = new Date('2026-11-26T13:00:00Z');
    await say('meeting start');
    const posted = await connector.waitFor((r) => JSON.stringify(r.body).includes('Live: Weekly review'), 10_000);
    liveId = idOf(posted);
    live = cardOf(posted);
    const add = actions(live).find((a) => a.verb === 'meeting.action')!;
    await execute(add, { what: 'Review macros', owner: ANA.id, due: '2026-11-27' }, BRU, liveId);
    await execute(add, { what: 'Call ACME back', owner: BRU.id, due: '2026-11-27' }, ANA, liveId);
    clock = new Date('2026-11-26T13:20:00Z');
    expect(texts((await execute(actions(live).find((a) => a.verb === 'meeting.end')!, {}, ORG, liveId)).value as Card)).toContain('Ended: Weekly review');
  });

  it('reminds each owner in a 1:1 chat on the due date, once across two instances and a retry', async () => {
    connector.clear();
    clock = new Date('2026-11-27T12:00:00Z');
    const [a, b] = await Promise.all([jobs(), jobs()]);
    expect(a.actionReminders + b.actionReminders).toBe(2);
    expect((await jobs()).actionReminders).toBe(0);
    // a chat is opened with the owner (by the id Teams gave in the card's choice), then the card posted there
    expect(connector.calls(/\/v3\/conversations$/).map((r) => (r.body as { members: { id: string }[] }).members[0]!.id).sort()).toEqual([ANA.id, BRU.id]);
    const reminders = toConversation(chatWith(ANA.id));
    expect(reminders).toHaveLength(1);
    expect(texts(cardOf(reminders[0]!))).toContain('⏰ Due today: Review macros');
    expect(toConversation(chatWith(BRU.id)).map((r) => texts(cardOf(r)))).toEqual([expect.stringContaining('⏰ Due today: Call ACME back')]);
  });

  it('"Done" on the reminder marks it done and answers the invoke with the updated card (no buttons left)', async () => {
    const reminder = toConversation(chatWith(ANA.id))[0]!;
    const done = actions(cardOf(reminder)).find((a) => a.verb === 'action.done')!;
    const inChat = { conversationType: 'personal', id: chatWith(ANA.id) };
    const outsider = await execute(done, {}, { id: '29:x', aadObjectId: '0b1f0000-0000-4000-8000-0000000000ff', name: 'X' }, idOf(reminder), inChat);
    expect(outsider.value).toMatch(/Only the owner/);
    const res = await execute(done, {}, ANA, idOf(reminder), inChat);
    // Teams replaces the card only with a card answer; a text answer would leave the buttons
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = res.value as Card;
    expect(texts(card)).toContain('Marked as done: Review macros');
    expect(actions(card)).toHaveLength(0);
    expect(await svc.service.models.actionItems.findOne({ tenantId: TENANT, text: 'Review macros' }).lean()).toMatchObject({ status: 'done' });
    expect((await execute(done, {}, ANA, idOf(reminder), inChat)).value).toMatch(/does not exist or was already closed/);
  });

  it('escalates the overdue action to the meeting owner in a 1:1 chat, once', async () => {
    connector.clear();
    clock = new Date('2026-11-28T12:00:00Z');
    const [a, b] = await Promise.all([jobs(), jobs()]);
    // Ana's is done: only Bruno's is overdue
    expect(a.escalations + b.escalations).toBe(1);
    expect(texts(cardOf(toConversation(chatWith(ORG.aadObjectId))[0]!))).toContain('⚠️ Overdue since Nov 27, 2026: "Call ACME back" (owner @Bruno Lima)');
    expect((await jobs()).escalations).toBe(0);
    const escalation = toConversation(chatWith(ORG.aadObjectId));
    expect(escalation).toHaveLength(1);
    // the meeting owner postpones it from there: the same card, new date, its buttons kept
    const postpone = actions(cardOf(escalation[0]!)).find((a) => a.verb === 'action.postpone')!;
    const res = await execute(postpone, {}, ORG, idOf(escalation[0]!), { conversationType: 'personal', id: chatWith(ORG.aadObjectId) });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(res.value as Card)).toContain('Postponed to Dec 5, 2026: Call ACME back');
    expect(actions(res.value as Card).map((a) => a.verb)).toEqual(['action.done', 'action.postpone']);
    expect(await svc.service.models.actionItems.findOne({ tenantId: TENANT, text: 'Call ACME back' }).lean()).toMatchObject({ status: 'open', dueDate: '2026-12-05' });
  });
});

describe('automatic surveys over Teams (survey-slack: "automatic surveys")', () => {
  const ticket = (externalId: string, customer: Record<string, string>) => ({
    externalId, channel: 'email', customer: { id: `c-${externalId}`, ...customer }, agent: { id: ORG.aadObjectId }, status: 'resolved',
    createdAt: new Date(NOW.getTime() - 3_600_000).toISOString(), resolvedAt: NOW.toISOString(),
  });
  const ingest = (body: unknown) => svc.api('/api/v1/interactions', { key: KEYS.ga, method: 'POST', body: JSON.stringify(body), headers: json });
  const surveysOf = (externalId: string) => svc.service.models.surveys.find({ tenantId: TENANT, 'interaction.externalId': externalId }).lean();

  it('are scheduled when a ticket is resolved and sent 24 h later in a 1:1 chat, once', async () => {
    clock = NOW;
    connector.clear();
    const patch = await svc.api('/api/v1/settings/surveys', { key: KEYS.ga, method: 'PATCH', body: JSON.stringify({ autoSend: { enabled: true, platform: 'teams' } }), headers: json });
    expect(await patch.json()).toMatchObject({ autoSend: { enabled: true, delayHours: 24, type: 'csat', platform: 'teams' } });
    // AUTO-2's customer has only a Slack id: Teams cannot reach them, so no survey (as on Slack for a customer without a Slack id)
    const first = await ingest([ticket('AUTO-1', { teamsUserId: CUSTOMER }), ticket('AUTO-2', { slackUserId: 'UAUTO02' })]);
    expect(first.status).toBe(200);
    // the answer says so: one scheduled, one customer Teams cannot reach
    expect((await first.json()).autoSurveys).toEqual({ platform: 'teams', scheduled: 1, withoutRecipient: 1 });
    expect(await surveysOf('AUTO-2')).toHaveLength(0);
    clock = new Date(NOW.getTime() + 23 * 3_600_000);
    expect(await surveyJobs()).toBe(0);
    clock = new Date(NOW.getTime() + 24 * 3_600_000);
    const [a, b] = await Promise.all([surveyJobs(), surveyJobs()]);
    expect(a + b).toBe(1);
    expect(connector.calls(/\/v3\/conversations$/).map((r) => r.body)).toEqual([expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: CUSTOMER })], tenantId: TENANT })]);
    const question = toConversation(chatWith(CUSTOMER));
    expect(question).toHaveLength(1);
    expect(texts(cardOf(question[0]!))).toContain('How satisfied are you');
    const [stored] = await surveysOf('AUTO-1');
    expect(stored).toMatchObject({ status: 'sent', platform: 'teams', sentBy: 'auto', recipient: { userId: CUSTOMER }, message: { channelId: chatWith(CUSTOMER), messageId: idOf(question[0]!) } });
    // re-sent, updated or resolved again, the ticket never gets a second survey
    expect((await ingest(ticket('AUTO-1', { teamsUserId: CUSTOMER }))).status).toBe(200);
    expect((await ingest({ ...ticket('AUTO-1', { teamsUserId: CUSTOMER }), notes: 'again' })).status).toBe(200);
    clock = new Date(NOW.getTime() + 50 * 3_600_000);
    expect(await surveyJobs()).toBe(0);
    expect(await surveysOf('AUTO-1')).toHaveLength(1);
    expect(toConversation(chatWith(CUSTOMER))).toHaveLength(1);
    expect(await surveysOf('AUTO-2')).toHaveLength(0);
  });

  it('a send whose instance stopped mid-way is marked failed, not posted blindly: Teams cannot find its own earlier post', async () => {
    // on Slack the sweep looks for the keyed post and finishes the send; the Bot Connector has
    // no such search, so a second post could ask the customer twice
    clock = NOW;
    expect((await ingest(ticket('AUTO-3', { teamsUserId: CUSTOMER }))).status).toBe(200);
    const [scheduled] = await surveysOf('AUTO-3');
    clock = new Date(NOW.getTime() + 24 * 3_600_000);
    // the state a sender leaves when it dies between claiming and recording: "sending", hold run out
    await svc.service.models.surveys.updateOne({ _id: scheduled!._id }, { $set: { status: 'sending', sendingUntil: new Date(clock.getTime() - 1000) } });
    connector.clear();
    expect(await surveyJobs()).toBe(0);
    expect(await surveysOf('AUTO-3')).toEqual([expect.objectContaining({ status: 'failed', error: 'interrupted' })]);
    expect(connector.requests).toHaveLength(0);
    // whoever asks again sends it, once
    const again = await svc.api('/api/v1/surveys', { key: KEYS.ga, method: 'POST', headers: json, body: JSON.stringify({ type: 'csat', platform: 'teams', recipient: { aadObjectId: CUSTOMER }, interactionExternalId: 'AUTO-3' }) });
    expect(again.status).toBe(201);
    expect(await surveysOf('AUTO-3')).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(toConversation(chatWith(CUSTOMER))).toHaveLength(1);
  });
});
