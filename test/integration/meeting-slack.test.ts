/**
 * A meeting from plan to minutes over Slack, with time driven by an injectable clock: create →
 * reminder → start → notes, decisions and actions from two people at once → overrun nudge →
 * end → minutes, owners' DMs and ratings → action reminders → carry-over into the next one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';
import { slackLimitViolations } from '../support/slack-limits.js';

const ORG = 'UORG0001';
const ANA = 'UANA0001';
const BRU = 'UBRU0001';
const CH = 'COPS0001';
const NOW = new Date('2026-11-25T15:00:00Z'); // 12:00 in São Paulo
let clock = NOW;
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;
let ts = 0;

interface Block {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: { text: string } | string; action_id?: string; value?: string }[];
}
interface Message {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}
const allText = (blocks: Block[]) => JSON.stringify(blocks);
const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const label = (b: { text?: { text: string } | string }) => (typeof b.text === 'string' ? b.text : (b.text?.text ?? ''));
const button = (blocks: Block[], text: string) => {
  const found = buttons(blocks).find((b) => label(b).startsWith(text));
  expect(found, `button "${text}"`).toBeDefined();
  return found!;
};
const posts = (channel: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === channel).map((c) => webApiArgs(c) as unknown as Message);
/** the agenda card `meeting new` posted (a message, so an agenda edit can update it) */
const agendaPosted = (channel = CH) => posts(channel).at(-1)!;

beforeAll(async () => {
  api = await startSlackApi();
  api.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const posted = `1764100000.${String(++ts).padStart(6, '0')}`;
    // remembered on the recorded call, so a test can click on the message it became
    (req.body as Record<string, unknown>)['ts'] = posted;
    return { body: { ok: true, channel: webApiArgs(req)['channel'], ts: posted } };
  });
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: ORG, DEFAULT_LOCALE: 'en' }, () => clock);
  events = `${svc.url}/slack/events`;
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => api.clear());

let hooks = 0;
async function command(name: '/meeting' | '/actions', text: string, user = ORG, channel = CH) {
  const hook = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: name, text, response_url: hook }))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks: Block[] };
}

async function click(message: { ts: string; blocks: Block[] }, b: { action_id?: string; value?: string; text?: { text: string } | string }, user = ORG, channel = CH) {
  const hook = api.hook(`act/${++hooks}`);
  const payload = blockActionsPayload({ team: 'TA', user, channel, message: { ts: message.ts, text: 'm', blocks: message.blocks }, action: { action_id: b.action_id!, value: b.value ?? '', text: label(b) }, response_url: hook });
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; replace_original?: boolean; text: string; blocks: Block[] };
}

/** Opens a form's modal from its button, then submits it with these values. */
async function submitForm(message: { ts: string; blocks: Block[] }, formButton: string, values: Record<string, Record<string, unknown>>, user = ORG, channel = CH) {
  const b = button(message.blocks, formButton);
  const trigger = `trigger-${++hooks}`;
  const payload = { ...blockActionsPayload({ team: 'TA', user, channel, message: { ts: message.ts, text: 'm', blocks: message.blocks }, action: { action_id: b.action_id!, value: b.value!, text: label(b) } }), trigger_id: trigger };
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  const opened = await api.waitFor((r) => r.path === '/api/views.open' && webApiArgs(r)['trigger_id'] === trigger, 8000);
  const view = webApiArgs(opened)['view'] as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { action_id: string; type: string } }[] };
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) state[block.block_id] = { [block.element.action_id]: { type: block.element.type, ...(values[block.element.action_id] ?? {}) } };
  const res = await postSigned(
    events,
    interactivityBody({ type: 'view_submission', team: { id: 'TA', domain: 't' }, user: { id: user, team_id: 'TA' }, api_app_id: 'A111', trigger_id: '1.2.3', view: { id: 'V1', type: 'modal', team_id: 'TA', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }),
  );
  expect(res.status).toBe(200);
  return { res, view };
}

const meetingDoc = async () => (await svc.service.models.meetings.find({ tenantId: 'TA', title: 'Weekly review' }).sort({ startsAt: 1 }).lean())[0]!;
const jobs = () => runMeetingJobs(svc.service.bot, clock, (e) => { throw e; });

describe('a meeting over Slack', () => {
  let live: { ts: string; blocks: Block[] };
  // the rating questions each attendee received at the end (answered later)
  const ratings = new Map<string, Message>();

  it('refuses bad plans with a clear message and creates nothing', async () => {
    expect((await command('/meeting', 'new Weekly review | 2026-11-20 10:00 | 45 | KPIs (10)')).text).toMatch(/would start in the past/);
    expect((await command('/meeting', 'new Weekly review | 2026-11-26 10:00 | 45 | ')).text).toMatch(/agenda is empty/);
    expect((await command('/meeting', 'new Weekly review | someday | 45 | KPIs (10)')).text).toMatch(/is not a date and time/);
    expect((await command('/meeting', 'new just a title')).text).toMatch(/Write it as: title \| date time/);
    expect(await svc.service.models.meetings.countDocuments({ tenantId: 'TA' })).toBe(0);
  });

  it('/meeting new alone opens the form as a modal', async () => {
    const hook = api.hook(`cmd/${++hooks}`);
    expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: CH, user_id: ORG, command: '/meeting', text: 'new', response_url: hook }))).status).toBe(200);
    const view = webApiArgs(await api.waitFor((r) => r.path === '/api/views.open', 8000))['view'] as { blocks: { element: { type: string } }[] };
    expect(view.blocks.map((b) => b.element.type)).toEqual(['static_select', 'plain_text_input', 'plain_text_input', 'datepicker', 'timepicker', 'number_input', 'multi_users_select', 'plain_text_input']);
  });

  it('plans from one line and posts the agenda to the channel', async () => {
    expect((await command('/meeting', `new Weekly review <@${ANA}|ana> | 2026-11-26 10:00 | 45 | KPIs (10), Escalations <@${BRU}|bruno> (15), AOB (5)`)).text).toBe('📅 "Weekly review" is planned; its agenda is in the channel.');
    const answer = agendaPosted();
    expect(answer.text).toBe('📅 Weekly review');
    expect(allText(answer.blocks)).toMatch(/1\. KPIs \(10 min\).*2\. Escalations \(15 min\) — <@UBRU0001>.*3\. AOB \(5 min\)/);
    const m = await meetingDoc();
    expect(m).toMatchObject({ status: 'planned', participants: [ANA, BRU], restricted: true, durationMinutes: 45 });
    expect(m.startsAt.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  it('reminds the channel 15 minutes before, once, with a button that starts the meeting there', async () => {
    clock = new Date('2026-11-26T12:44:00Z');
    expect((await jobs()).reminders).toBe(0);
    clock = new Date('2026-11-26T12:46:00Z');
    const [a, b] = await Promise.all([jobs(), jobs()]);
    expect(a.reminders + b.reminders).toBe(1);
    const reminder = posts(CH)[0]!;
    expect(reminder.text).toBe('⏰ Starting in 14 min: Weekly review');
    // keyed, so a post whose answer is lost is looked for rather than repeated
    expect((reminder as unknown as { metadata: unknown }).metadata).toEqual({ event_type: 'cs_ops_post', event_payload: { key: expect.stringMatching(/^meeting-reminder:[a-f0-9]{24}$/) } });

    clock = new Date('2026-11-26T13:00:00Z');
    const outsider = await click(reminder, button(reminder.blocks, 'Start now'), 'UOUT0001');
    expect(outsider.text).toMatch(/Only the participants/);
    const started = await click(reminder, button(reminder.blocks, 'Start now'), ANA);
    expect(started.replace_original).toBe(true);
    expect(started.text).toBe('🔴 Live: Weekly review: KPIs');
    expect(allText(started.blocks)).toContain('10 min left of 10');
    live = { ts: reminder.ts, blocks: started.blocks };
  });

  it('takes notes, decisions and actions from two people at once without losing any', async () => {
    clock = new Date('2026-11-26T13:03:00Z');
    const jobsBefore = api.calls('/api/chat.update').length;
    await Promise.all([
      ...[1, 2, 3].map((n) => submitForm(live, 'Add note', { note: { value: `Volume up ${n}` } }, ANA)),
      ...[1, 2].map((n) => submitForm(live, 'Add decision', { decision: { value: `Hire ${n} agents` } }, BRU)),
      submitForm(live, 'Add action', { what: { value: 'Review macros' }, owner: { selected_user: ANA }, due: { selected_date: '2026-11-27' } }, BRU),
      submitForm(live, 'Add action', { what: { value: 'Call ACME back' }, owner: { selected_user: BRU }, due: { selected_date: '2026-12-02' } }, ANA),
    ]);
    const m = await meetingDoc();
    expect(m.agenda[0]!.notes.map((n: { text: string }) => n.text).sort()).toEqual(['Volume up 1', 'Volume up 2', 'Volume up 3']);
    expect(m.agenda[0]!.decisions).toHaveLength(2);
    expect(await svc.service.models.actionItems.countDocuments({ tenantId: 'TA', meetingId: String(m._id) })).toBe(2);
    // every submission replaced the live card in place
    expect(api.calls('/api/chat.update').length - jobsBefore).toBe(7);

    const empty = await submitForm(live, 'Add note', { note: { value: '  ' } }, ANA);
    expect(JSON.parse(empty.res.text)).toMatchObject({ response_action: 'errors' });
    const past = await submitForm(live, 'Add action', { what: { value: 'x' }, owner: { selected_user: ANA }, due: { selected_date: '2026-11-01' } }, ANA);
    expect(JSON.parse(past.res.text).errors).toMatchObject({ 'in:what': expect.stringMatching(/in the past/) });
  });

  it('a double click on "next" moves one item; an item that runs over nudges the channel once', async () => {
    clock = new Date('2026-11-26T13:12:00Z');
    const next = button(live.blocks, 'Next item');
    const [a, b] = await Promise.all([click(live, next, ANA), click(live, next, BRU)]);
    expect((await meetingDoc()).currentItem).toBe(1);
    for (const r of [a, b]) expect(allText(r.blocks)).toContain('2. Escalations');
    live = { ts: live.ts, blocks: a.blocks };

    clock = new Date('2026-11-26T13:28:00Z');
    const [j1, j2] = await Promise.all([jobs(), jobs()]);
    expect(j1.nudges + j2.nudges).toBe(1);
    expect(posts(CH).map((p) => p.text)).toContain('⏰ "Escalations" has used its 15 min. Wrap up or move on?');
    const updated = api.calls('/api/chat.update').map((c) => webApiArgs(c) as unknown as Message).filter((u) => u.ts === live.ts).at(-1)!;
    expect(allText(updated.blocks)).toContain('1 min over the 15 planned');
    expect((await jobs()).nudges).toBe(0);
  });

  it('ending posts the minutes, sends owners their actions and asks everyone for a rating', async () => {
    clock = new Date('2026-11-26T13:40:00Z');
    const ended = await click(live, button(live.blocks, 'End meeting'), ORG);
    expect(ended.text).toBe('✔️ Ended: Weekly review');
    const minutes = posts(CH).find((p) => p.text.startsWith('📝 Minutes'))!;
    expect(minutes).toBeDefined();
    const text = allText(minutes.blocks);
    expect(text).toMatch(/Attendees: <@UORG0001>, <@UANA0001>, <@UBRU0001>/);
    expect(text).toMatch(/40 min \(planned 30\)/);
    expect(text).toMatch(/1\. KPIs — 12 of 10 min/);
    for (const n of [1, 2, 3]) expect(text).toContain(`📝 Volume up ${n} — <@UANA0001>`);
    expect(text).toContain('✅ Hire 1 agents');
    expect(text).toMatch(/☐ Review macros — <@UANA0001>, due Nov 27, 2026/);
    expect(text).toMatch(/3\. AOB — not discussed/);
    expect(posts(ANA).some((p) => p.text.includes('Your actions from "Weekly review"'))).toBe(true);
    expect(posts(BRU).some((p) => allText(p.blocks).includes('Call ACME back'))).toBe(true);
    for (const who of [ORG, ANA, BRU]) expect(posts(who).some((p) => p.text.startsWith('How useful was the meeting'))).toBe(true);
    for (const who of [ANA, BRU]) ratings.set(who, posts(who).find((p) => p.text.startsWith('How useful was the meeting'))!);
    const late = await submitForm(live, 'Add note', { note: { value: 'too late' } }, ANA);
    expect(JSON.parse(late.res.text).errors['in:note']).toMatch(/has ended/);
    expect((await click(live, button(live.blocks, 'End meeting'), ORG)).text).toMatch(/has ended/);
  });

  it('reminds owners on the due date and escalates overdue actions to the meeting owner, once each', async () => {
    clock = new Date('2026-11-27T12:00:00Z');
    const [a, b] = await Promise.all([jobs(), jobs()]);
    expect(a.actionReminders + b.actionReminders).toBe(1);
    expect(posts(ANA).some((p) => p.text === '⏰ Due today: Review macros')).toBe(true);
    clock = new Date('2026-11-28T12:00:00Z');
    expect((await jobs()).escalations).toBe(1);
    expect(posts(ORG).some((p) => p.text.startsWith('⚠️ Overdue since Nov 27, 2026: "Review macros"'))).toBe(true);
    expect((await jobs()).escalations).toBe(0);
  });

  it('/actions lists, marks done and postpones; others cannot touch someone’s action', async () => {
    const mine = await command('/actions', '', ANA);
    expect(mine.response_type).toBe('ephemeral');
    expect(allText(mine.blocks)).toMatch(/Review macros.*1 d late/);
    const overdue = await command('/actions', 'overdue', ORG);
    expect(allText(overdue.blocks)).toContain('Review macros');
    const message = { ts: '1764100000.999999', blocks: mine.blocks };
    expect((await click(message, button(mine.blocks, 'Done'), 'UOUT0001')).text).toMatch(/Only the owner/);
    const postponed = await click(message, button(mine.blocks, 'Postpone'), ANA);
    expect(allText(postponed.blocks)).toMatch(/Postponed to Dec 5, 2026/);
    expect(await svc.service.models.actionItems.findOne({ text: 'Review macros' }).lean()).toMatchObject({ dueDate: '2026-12-05', status: 'open' });
    expect((await command('/actions', `add Update the FAQ <@${BRU}|bruno> 2026-11-01`, ANA)).text).toMatch(/in the past/);
    expect((await command('/actions', 'add Update the FAQ bruno 2026-12-10', ANA)).text).toMatch(/Mention exactly one owner/);
    const added = await command('/actions', `add Update the FAQ <@${BRU}|bruno> 2026-12-10`, ANA);
    expect(added.text).toMatch(/Action added for <@UBRU0001>, due Dec 10, 2026: Update the FAQ/);
    expect(posts(BRU).some((p) => p.text.includes('New action for you: Update the FAQ'))).toBe(true);
  });

  it('carries the unfinished actions into the next meeting of the series', async () => {
    await command('/meeting', 'new Weekly review | 2026-12-03 10:00 | 45 | KPIs (10), Escalations (15)');
    const text = allText(agendaPosted().blocks);
    expect(text).toMatch(/3\. Open actions from the last meeting \(5 min\)/);
    expect(text).toContain('☐ Review macros — <@UANA0001>, due Dec 5, 2026');
    expect(text).toContain('☐ Call ACME back — <@UBRU0001>, due Dec 2, 2026');
    // standalone actions of the conversation are not part of the series
    expect(text).not.toContain('Update the FAQ');
  });

  it('the next meeting of the series opens with the last one’s ratings (reminder and live card)', async () => {
    // Ana rates 4, Bruno 5 with a comment; Olga does not answer
    await click(ratings.get(ANA)!, button(ratings.get(ANA)!.blocks, '🙂 Useful'), ANA, ANA);
    const bruno = await click(ratings.get(BRU)!, button(ratings.get(BRU)!.blocks, '😄 Very useful'), BRU, BRU);
    await submitForm({ ts: ratings.get(BRU)!.ts, blocks: bruno.blocks }, 'Add a comment', { comment: { value: 'Escalations took too long' } }, BRU, BRU);
    clock = new Date('2026-12-03T12:50:00Z');
    expect((await jobs()).reminders).toBe(1);
    const reminder = posts(CH).find((p) => p.text.startsWith('⏰ Starting in 10 min: Weekly review'))!;
    const text = allText(reminder.blocks);
    expect(text).toContain('How the last meeting was rated (Nov 26, 2026)');
    expect(text).toContain('Average 4.5/5 from 2 of 3 attendees (67% responded)');
    expect(text).toContain('5★ 1 · 4★ 1 · 3★ 0 · 2★ 0 · 1★ 0');
    expect(text).toContain('1 comment(s):');
    expect(text).toContain('“Escalations took too long”');
    clock = new Date('2026-12-03T13:02:00Z');
    const started = await click(reminder, button(reminder.blocks, 'Start now'), ORG);
    expect(allText(started.blocks)).toContain('Average 4.5/5 from 2 of 3 attendees');
  });

  it('/meeting stats: held, ratings, on-time start, overrun per item and actions closed on time', async () => {
    clock = new Date('2026-12-03T13:13:00Z');
    expect((await command('/meeting', 'end')).text).toMatch(/Ended: Weekly review/);
    const stats = await command('/meeting', 'stats "Weekly review" 30 days');
    expect(stats.response_type).toBe('ephemeral');
    const text = allText(stats.blocks);
    expect(stats.text).toMatch(/^Meeting stats — /);
    expect(text).toContain('Series: Weekly review');
    expect(text).toContain('Meetings held: 2');
    expect(text).toContain('Started on time (at most 5 min late): 2 of 2 (100%)');
    // the second meeting (Olga alone) asked one more rating, not answered yet
    expect(text).toContain('Average 4.5/5 from 2 of 4 attendees (50% responded)');
    expect(text).toMatch(/Escalations: \+13 min over 15 \(1×\).*KPIs: \+1\.5 min over 10 \(2×\)/);
    expect(text).toContain('Actions closed on time: 0 of 2 (0%) · closed late: 0 · still open: 2');
    // unknown words are refused by name, an unknown series too
    expect((await command('/meeting', 'stats weekly 30 days please')).text).toMatch(/please/);
    expect((await command('/meeting', 'stats nosuchseries')).text).toMatch(/nosuchseries/);
  });
});

describe('templates', () => {
  it('the weekly review opens with the week’s KPI card; a 1:1 needs its person', async () => {
    clock = NOW;
    await command('/meeting', 'new weekly tomorrow 10:00', ORG, 'CWEEKLY1');
    const planned = agendaPosted('CWEEKLY1');
    expect(planned.text).toBe('📅 Weekly CS operations review');
    expect(allText(planned.blocks)).toMatch(/1\. KPIs of the week \(15 min\).*2\. Escalations and complaints \(15 min\).*3\. Open actions from the last meeting.*4\. Next steps/);
    clock = new Date('2026-11-26T13:00:00Z');
    expect((await command('/meeting', 'start', ORG, 'CWEEKLY1')).text).toMatch(/The meeting has started/);
    // after the agenda card
    const posted = posts('CWEEKLY1').map((p) => p.text).slice(1);
    expect(posted[0]).toMatch(/^🔴 Live: Weekly CS operations review/);
    expect(posted[1]).toMatch(/^Customer service KPIs — This week/);
    expect((await command('/meeting', 'new 1:1 tomorrow 10:00', ORG, 'CWEEKLY1')).text).toMatch(/Mention the person of the 1:1/);
    await command('/meeting', `new 1:1 <@${ANA}|ana> tomorrow 10:00`, ORG, 'CONE0001');
    const oneOnOne = agendaPosted('CONE0001');
    expect(oneOnOne.text).toBe('📅 1:1 · <@UANA0001>');
    expect(allText(oneOnOne.blocks)).toContain('1. How are things going (10 min) — <@UANA0001>');
  });
});

describe('long minutes', () => {
  it('are split into several messages, each within Slack’s limits, none of it cut', async () => {
    clock = NOW;
    const items = Array.from({ length: 30 }, (_, i) => `Topic ${i + 1} (2)`).join(', ');
    await command('/meeting', `new Marathon | 2026-11-25 13:00 | 60 | ${items}`);
    const m = await svc.service.models.meetings.findOne({ title: 'Marathon' }).lean();
    const id = String(m!._id);
    const deps = svc.service.bot;
    const p = { tenantId: 'TA', platform: 'slack' as const, userId: ORG, channelId: CH, locale: 'en' as const, isSupervisor: true, now: clock };
    const { startMeeting, meetingAction } = await import('../../src/core/meetings/run-meeting.js');
    await startMeeting(deps, p, (await deps.meetings.get('TA', id))!);
    for (let i = 0; i < 30; i++) {
      const note = `${'Long discussion about the queue. '.repeat(12)}#${i}`;
      await meetingAction(deps, p, { id: 'meeting.note', value: JSON.stringify({ m: id }), inputs: { note } });
      if (i < 29) await meetingAction(deps, p, { id: 'meeting.next', value: JSON.stringify({ m: id, i }) });
    }
    api.clear();
    await meetingAction(deps, p, { id: 'meeting.end', value: JSON.stringify({ m: id }) });
    const pages = posts(CH).filter((x) => x.text.startsWith('📝 Minutes: Marathon'));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.text).toBe(`📝 Minutes: Marathon (1/${pages.length})`);
    for (const page of pages) expect(slackLimitViolations(page as never)).toEqual([]);
    const all = pages.map((x) => allText(x.blocks)).join('');
    for (let i = 0; i < 30; i++) expect(all).toContain(`#${i}`);
  });
});

describe('a reminder’s buttons', () => {
  it('"Done" replaces the reminder in place with the outcome, without buttons', async () => {
    clock = new Date('2026-12-08T12:00:00Z');
    await command('/actions', `add Send the survey report <@${ANA}|ana> 2026-12-09`, ORG, 'CREMIND1');
    clock = new Date('2026-12-09T12:00:00Z');
    await jobs();
    const reminder = posts(ANA).find((p) => p.text === '⏰ Due today: Send the survey report')!;
    const done = await click(reminder, button(reminder.blocks, 'Done'), ANA, ANA);
    expect(done.replace_original).toBe(true);
    expect(done.text).toBe('Marked as done: Send the survey report');
    expect(buttons(done.blocks)).toHaveLength(0);
  });
});
