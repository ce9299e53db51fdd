/**
 * Closing the loop over Slack: a deteriorated KPI on a card → "add to the next review" (the
 * review is planned when none is) → the agenda item carries the numbers → an action from the
 * card is filed under it → the meeting runs, the minutes show both → the next report lists the
 * action with its status and origin. A complaint alert does the same with the customer's
 * comment, which erasure removes from the agenda and the action.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../support/recording-server.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const SUP = 'USUP0001';
const ANA = 'UANA0001';
const AGENT = 'UAGT0001';
const CH = 'COPS0001';
const NOW = new Date('2026-11-25T15:05:00Z'); // Wednesday, 12:00 in São Paulo
const json = { 'content-type': 'application/json' };
let clock = NOW;
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;
let ts = 0;

interface Element {
  type: string;
  text?: { text: string } | string;
  action_id?: string;
  value?: string;
  url?: string;
}
interface Block {
  type: string;
  text?: { text: string };
  elements?: Element[];
}
interface Message {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}
const allText = (blocks: Block[]) => JSON.stringify(blocks);
const label = (b: Element) => (typeof b.text === 'string' ? b.text : (b.text?.text ?? ''));
const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const button = (blocks: Block[], text: string) => {
  const found = buttons(blocks).find((b) => label(b).includes(text));
  expect(found, `button "${text}" in ${buttons(blocks).map(label).join(' | ')}`).toBeDefined();
  return found!;
};
const posts = (channel: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === channel).map((c) => webApiArgs(c) as unknown as Message);
const ephemerals = () => api.calls('/api/chat.postEphemeral').map((c) => String(webApiArgs(c)['text']));

beforeAll(async () => {
  api = await startSlackApi();
  api.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const posted = `1764200000.${String(++ts).padStart(6, '0')}`;
    (req.body as Record<string, unknown>)['ts'] = posted;
    return { body: { ok: true, channel: webApiArgs(req)['channel'], ts: posted } };
  });
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: SUP, DEFAULT_LOCALE: 'en' }, () => clock);
  events = `${svc.url}/slack/events`;
  // last week: first response in 10 min; this week: 90 min (a clear deterioration)
  const day = 86_400_000;
  const records = Array.from({ length: 20 }, (_, i) => {
    const thisWeek = i % 2 === 0;
    const created = new Date((thisWeek ? NOW.getTime() - day : NOW.getTime() - 7 * day) - i * 3_600_000);
    return {
      externalId: `T-${i}`,
      channel: 'chat',
      customer: { id: `cust-${i}`, name: 'Maria Silva' },
      agent: { id: AGENT, name: 'Ana' },
      status: 'resolved',
      createdAt: created.toISOString(),
      firstResponseAt: new Date(created.getTime() + (thisWeek ? 90 : 10) * 60_000).toISOString(),
      resolvedAt: new Date(created.getTime() + 120 * 60_000).toISOString(),
    };
  });
  expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => api.clear());

let hooks = 0;
async function command(name: string, text: string, user = SUP, channel = CH) {
  const hook = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: name, text, response_url: hook }))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks: Block[] };
}

async function click(message: { ts: string; blocks: Block[] }, b: Element, user = SUP, channel = CH) {
  const hook = api.hook(`act/${++hooks}`);
  const payload = blockActionsPayload({ team: 'TA', user, channel, message: { ts: message.ts, text: 'm', blocks: message.blocks }, action: { action_id: b.action_id!, value: b.value ?? '', text: label(b) }, response_url: hook });
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; replace_original?: boolean; text: string; blocks: Block[] };
}

/** Opens a form's modal from its button and submits it with these values; returns the modal's answer. */
async function submitForm(message: { ts: string; blocks: Block[] }, formButton: string, values: Record<string, Record<string, unknown>>, user = SUP, channel = CH) {
  const b = button(message.blocks, formButton);
  const trigger = `trigger-${++hooks}`;
  const payload = { ...blockActionsPayload({ team: 'TA', user, channel, message: { ts: message.ts, text: 'm', blocks: message.blocks }, action: { action_id: b.action_id!, value: b.value!, text: label(b) } }), trigger_id: trigger };
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  const opened = await api.waitFor((r) => r.path === '/api/views.open' && webApiArgs(r)['trigger_id'] === trigger, 8000);
  const view = webApiArgs(opened)['view'] as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { action_id: string; type: string; initial_value?: string; initial_date?: string } }[] };
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) state[block.block_id] = { [block.element.action_id]: { type: block.element.type, ...(values[block.element.action_id] ?? {}) } };
  const res = await postSigned(
    events,
    interactivityBody({ type: 'view_submission', team: { id: 'TA', domain: 't' }, user: { id: user, team_id: 'TA' }, api_app_id: 'A111', trigger_id: '1.2.3', view: { id: 'V1', type: 'modal', team_id: 'TA', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }),
  );
  expect(res.status).toBe(200);
  return { view, body: res.text };
}

const reviews = () => svc.service.models.meetings.find({ tenantId: 'TA', seriesId: `${CH}:weekly` }).lean();

describe('from a KPI card to the review, an action, the minutes and the report', () => {
  let card: { ts: string; blocks: Block[] };

  it('a KPI card with a deterioration carries "add to next review" and "create action"', async () => {
    const answer = await command('/kpi', 'week');
    expect(answer.response_type).toBe('in_channel');
    card = { ts: '1764199999.000001', blocks: answer.blocks };
    expect(buttons(card.blocks).map(label)).toEqual(expect.arrayContaining(['📌 Add to next review', '✅ Create action']));
    // an agent sees the buttons too, on their own numbers only
    expect(buttons((await command('/kpi', 'week', AGENT)).blocks).map(label)).toContain('📌 Add to next review');
  });

  it('two clicks at once plan one review with one agenda item carrying the numbers', async () => {
    const review = button(card.blocks, 'Add to next review');
    const [a, b] = await Promise.all([click(card, review), click(card, review)]);
    // whichever wins, one says it is on the agenda and the other that it already was
    const texts = [a.text, b.text];
    expect(texts.filter((x) => /already on the agenda of "Weekly CS operations review" \(Nov 30, 2026, 10:00/.test(x))).toHaveLength(1);
    expect(texts.filter((x) => /^(No review was planned: "Weekly CS operations review" is now planned for|Added to the agenda of "Weekly CS operations review") \(?Nov 30, 2026, 10:00/.test(x))).toHaveLength(1);
    for (const r of [a, b]) expect(r.response_type).toBe('ephemeral');
    const found = await reviews();
    expect(found).toHaveLength(1);
    const items = found[0]!.agenda.filter((i) => i.snapshot);
    expect(items).toHaveLength(1);
    expect(items[0]!.text).toMatch(/^KPI: First response.*· This week so far \(Nov 23 – 25, 2026\)/);
    expect(items[0]!.snapshot.text).toMatch(/• First response[^:]*: 1 h 30 min \(\+799% vs previous period\)/);
    // before the closing "next steps"
    expect(found[0]!.agenda.at(-1)!.text).toBe('Next steps');
    // the team sees the new review's agenda, with the numbers under the item
    const agenda = posts(CH).find((m) => m.text.includes('Weekly CS operations review'))!;
    expect(allText(agenda.blocks)).toMatch(/📎 .*First response/);
  });

  it('"create action" asks what, who and when (suggestions filled in) and files it under that item', async () => {
    const { view, body } = await submitForm(card, 'Create action', { what: { value: 'Add a morning chat shift' }, owner: { selected_user: ANA }, due: { selected_date: '2026-12-04' } });
    expect(body).toBe('');
    const what = view.blocks.find((b) => b.element.action_id === 'what')!.element;
    expect(what.initial_value).toMatch(/^Bring First response.* back on track$/);
    expect(view.blocks.find((b) => b.element.action_id === 'due')!.element.initial_date).toBe('2026-12-02');
    await api.waitFor((r) => r.path === '/api/chat.postEphemeral', 8000);
    expect(ephemerals().at(-1)).toMatch(/Action added for <@UANA0001>, due Dec 4, 2026: Add a morning chat shift/);
    const [meeting] = await reviews();
    const action = await svc.service.models.actionItems.findOne({ tenantId: 'TA', text: 'Add a morning chat shift' }).lean();
    expect(action).toMatchObject({ meetingId: String(meeting!._id), itemId: meeting!.agenda.find((i) => i.snapshot)!.id, origin: { kind: 'kpi' } });
    // the owner is told
    expect(posts(ANA).map((m) => m.text)).toEqual([expect.stringMatching(/New action for you: Add a morning chat shift/)]);
    // the same form sent again (a double click) creates nothing more
    await submitForm(card, 'Create action', { what: { value: 'Add a morning chat shift' }, owner: { selected_user: ANA }, due: { selected_date: '2026-12-04' } });
    expect(await svc.service.models.actionItems.countDocuments({ tenantId: 'TA', text: 'Add a morning chat shift' })).toBe(1);
    // refused input changes nothing and says why on the modal
    const bad = await submitForm(card, 'Create action', { what: { value: 'x' }, owner: { selected_user: ANA }, due: { selected_date: '2020-01-01' } });
    expect(bad.body).toMatch(/response_action.*errors/);
    const lists = await command('/actions', 'team');
    expect(allText(lists.blocks)).toMatch(/From: First response.*Nov 23/);
  });

  it('the meeting shows the numbers on that item; the minutes list them with the action', async () => {
    clock = new Date('2026-11-30T13:00:00Z');
    await command('/meeting', 'start');
    const live = posts(CH).find((m) => m.text.startsWith('🔴 Live'))!;
    let current = { ts: live.ts, blocks: live.blocks };
    for (let i = 0; i < 3; i++) current = { ts: live.ts, blocks: (await click(current, button(current.blocks, 'Next'))).blocks };
    expect(allText(current.blocks)).toMatch(/▶ 4\. KPI: First response/);
    expect(allText(current.blocks)).toMatch(/📎 .*1 h 30 min/);
    expect(allText(current.blocks)).toMatch(/☐ Add a morning chat shift — <@UANA0001>/);
    await click(current, button(current.blocks, 'End'));
    const minutes = posts(CH).filter((m) => m.text.includes('Minutes')).map((m) => allText(m.blocks)).join('\n');
    expect(minutes).toMatch(/KPI: First response[\s\S]*📎 [\s\S]*1 h 30 min[\s\S]*☐ Add a morning chat shift — <@UANA0001>/);
  });

  it('the next report lists the action with its status and where it came from', async () => {
    api.clear();
    await command('/report', 'now');
    const report = posts(CH).find((m) => m.text.includes('report') || m.text.includes('Report'))!;
    expect(allText(report.blocks)).toMatch(/☐ Add a morning chat shift — <@UANA0001>, due Dec 4, 2026 \(From: First response/);
    const action = await svc.service.models.actionItems.findOne({ tenantId: 'TA', text: 'Add a morning chat shift' }).lean();
    await svc.service.deps.actions.markDone('TA', String(action!._id), clock);
    clock = new Date(clock.getTime() + 60_000);
    api.clear();
    await command('/report', 'now');
    const again = posts(CH).find((m) => m.text.includes('report') || m.text.includes('Report'))!;
    expect(allText(again.blocks)).toMatch(/☑ Add a morning chat shift — <@UANA0001>, done \(From: First response/);
    clock = NOW;
  });
});

describe('from a complaint alert', () => {
  it('puts the comment on the review and into an action; erasing the customer removes it there too', async () => {
    expect((await command('/survey', 'alerts here', SUP, 'CSUP0001')).text).toMatch(/Complaint alerts/);
    const sent = await svc.api('/api/v1/surveys', { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { channelId: 'CCUSTOM1' }, interactionExternalId: 'T-4', locale: 'en' }), headers: json, key: KEYS.a });
    expect(sent.status).toBe(201);
    const question = posts('CCUSTOM1').at(-1)!;
    const one = buttons(question.blocks).find((b) => JSON.parse(b.value ?? '{}').v === 1)!;
    const answered = await click({ ts: question.ts, blocks: question.blocks }, one, 'UCUST001', 'CCUSTOM1');
    const skip = buttons(answered.blocks).at(-1)!;
    const thanks = await click({ ts: question.ts, blocks: answered.blocks }, skip, 'UCUST001', 'CCUSTOM1');
    await submitForm({ ts: question.ts, blocks: thanks.blocks }, buttons(thanks.blocks).map(label).find((l) => /comment/i.test(l))!, { comment: { value: 'Nobody answered my chat for an hour' } }, 'UCUST001', 'CCUSTOM1');
    await api.waitFor((r) => r.path === '/api/chat.update' && webApiArgs(r)['channel'] === 'CSUP0001' && JSON.stringify(r.body).includes('Nobody answered'), 8000);
    const alert = api.calls('/api/chat.update').filter((c) => webApiArgs(c)['channel'] === 'CSUP0001').map((c) => webApiArgs(c) as unknown as Message).at(-1)!;
    const alertMsg = { ts: alert.ts, blocks: alert.blocks };

    // agents cannot take a customer's comment around
    expect((await click(alertMsg, button(alert.blocks, 'Add to next review'), AGENT, 'CSUP0001')).text).toMatch(/Only supervisors/);
    const added = await click(alertMsg, button(alert.blocks, 'Add to next review'), SUP, 'CSUP0001');
    expect(added.text).toMatch(/is now planned for/);
    await submitForm(alertMsg, 'Create action', { what: { value: 'Call Maria back' }, owner: { selected_user: SUP }, due: { selected_date: '2026-11-27' } }, SUP, 'CSUP0001');
    const [meeting] = await svc.service.models.meetings.find({ tenantId: 'TA', seriesId: 'CSUP0001:weekly' }).lean();
    const item = meeting!.agenda.find((i) => i.snapshot)!;
    expect(item.text).toMatch(/^Complaint: CSAT .*1\/5.* · T-4$/);
    expect(item.snapshot.text).toMatch(/“Nobody answered my chat for an hour”/);
    const action = await svc.service.models.actionItems.findOne({ tenantId: 'TA', text: 'Call Maria back' }).lean();
    expect(action!.origin.text).toMatch(/Nobody answered/);
    expect(action!.itemId).toBe(item.id);

    const erased = await svc.api('/api/v1/customers/cust-4/erase', { method: 'POST' });
    expect(((await erased.json()) as { erased: { snapshots: number } }).erased.snapshots).toBe(2);
    const after = (await svc.service.models.meetings.findById(meeting!._id).lean())!.agenda.find((i) => i.snapshot)!;
    expect(after.snapshot.text).toMatch(/^CSAT .*1\/5.* · Agent: Ana · Ticket: T-4\n\(comment removed at the customer’s request\)$/);
    expect(after.snapshot.customerId).toBeUndefined();
    expect((await svc.service.models.actionItems.findById(action!._id).lean())!.origin.text).not.toMatch(/Nobody answered/);
  });

  it('a tampered or foreign button value is refused and changes nothing', async () => {
    const before = await svc.service.models.meetings.countDocuments({ tenantId: 'TA' });
    const fake = { action_id: 'followup.review:0', text: 'x' } as Element;
    for (const value of ['{}', 'not json', JSON.stringify({ s: 'f'.repeat(24) }), JSON.stringify({ k: ['nope'], a: { period: { kind: 'week' }, filters: {}, live: false } })]) {
      const r = await click({ ts: '1.1', blocks: [] }, { ...fake, value });
      expect(r.text).toMatch(/no longer valid|no longer exists/);
    }
    expect(await svc.service.models.meetings.countDocuments({ tenantId: 'TA' })).toBe(before);
  });
});
