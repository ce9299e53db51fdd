/**
 * Changing what was planned, over Slack (signed requests, real Mongo): a meeting's time (its
 * reminder moves, participants are told once) and agenda, and actions edited, reassigned,
 * moved or cancelled by the number `/actions` shows. Owner, meeting owner or supervisors only;
 * bad input is refused in the caller's language and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const ORG = 'UORG0001';
const ANA = 'UANA0001';
const BRU = 'UBRU0001';
const SUP = 'USUP0001';
const SUP_PT = 'USUPPT01';
// the tenant's zone is São Paulo (UTC-3)
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let hooks = 0;
/** chat.update answers message_not_found while set */
let failUpdates = false;
/** chat.update answers 429 (Retry-After: 1) once to the first update whose blocks match this */
let rateLimitOnce: RegExp | null = null;

const unescape = (s: string) => s.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const blocksText = (blocks: unknown) => unescape(JSON.stringify(blocks ?? []));
const dms = (user: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === user).map((c) => unescape(String(webApiArgs(c)['text'])));
const toChannel = (ch: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === ch);
const jobs = () => runMeetingJobs(svc.service.bot, clock, (e) => { throw e; });

beforeAll(async () => {
  api = await startSlackApi({ locales: { [SUP_PT]: 'pt-BR' } });
  let ts = 0;
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764100000.${String(++ts).padStart(6, '0')}` } }));
  api.on('/api/chat.update', (req: RecordedRequest) => {
    if (rateLimitOnce?.test(blocksText(webApiArgs(req)['blocks']))) {
      rateLimitOnce = null;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    return { body: failUpdates ? { ok: false, error: 'message_not_found' } : { ok: true, channel: webApiArgs(req)['channel'], ts: webApiArgs(req)['ts'] } };
  });
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: `${SUP},${SUP_PT}`, DEFAULT_LOCALE: 'en' }, () => clock);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

async function command(name: string, text: string, user: string, channel: string) {
  const hook = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: name, text, response_url: hook }))).status).toBe(200);
  const body = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks?: unknown[] };
  return { ...body, text: unescape(body.text) };
}
const meeting = (text: string, user: string, channel: string) => command('/meeting', text, user, channel);
const actions = (text: string, user: string, channel: string) => command('/actions', text, user, channel);
const stored = async (title: string) => (await svc.service.models.meetings.findOne({ tenantId: 'TA', title }).lean())!;

describe('rescheduling a meeting', () => {
  const CH = 'CEDT0001';

  it('owner or supervisor only; a past time, a bad time or an extra word is refused and changes nothing', async () => {
    await meeting(`new Sync <@${ANA}|ana> <@${BRU}|bruno> | 2026-11-26 10:00 | 30 | KPIs (10)`, ORG, CH);
    const before = JSON.stringify(await stored('Sync'));
    expect((await meeting('reschedule 2026-11-27 10:00', BRU, CH)).text).toBe('Only the organizer of "Sync" or a supervisor can change it.');
    expect((await meeting('reschedule 2026-11-20 10:00', ORG, CH)).text).toMatch(/That time has already passed/);
    expect((await meeting('reschedule someday', ORG, CH)).text).toMatch(/"someday" is not a date and time/);
    const extra = await meeting('reschedule 2026-11-27 10:00 please', ORG, CH);
    expect(extra.text).toContain('I did not understand "please"');
    expect(extra.text).toContain('Try: /meeting reschedule tomorrow 15:00');
    expect((await meeting('remarcar 2026-11-20 10:00', SUP_PT, CH)).text).toMatch(/Esse horário já passou/);
    expect(JSON.stringify(await stored('Sync'))).toBe(before);
    expect(dms(ANA)).toEqual([]);
  });

  it('moves it in the tenant’s zone, tells each participant once however often it is sent, and its reminder follows', async () => {
    const [a, b] = await Promise.all([meeting('reschedule 2026-11-27 10:00', ORG, CH), meeting('reschedule 2026-11-27 10:00', ORG, CH)]);
    const done = [a, b].find((r) => r.response_type === 'in_channel')!;
    expect(done.text).toMatch(/^📅 Rescheduled: Sync — now Nov 27, 2026, 10:00 AM/);
    expect(blocksText(done.blocks)).toContain(`by <@${ORG}>`);
    expect([a, b].filter((r) => r.response_type === 'in_channel')).toHaveLength(1);
    // the same request again (a platform retry) changes nothing and tells nobody
    expect((await meeting('reschedule 2026-11-27 10:00', ORG, CH)).text).toMatch(/already planned for that time/);
    expect((await stored('Sync')).startsAt).toEqual(new Date('2026-11-27T13:00:00Z'));
    for (const user of [ANA, BRU]) expect(dms(user).filter((t) => t.startsWith('📅 Rescheduled: Sync'))).toHaveLength(1);
    expect(dms(ORG)).toEqual([]);
    // the agenda card in the channel shows the new time, updated where it was posted, once
    const agenda = (await stored('Sync')).agendaMessage!;
    const updates = api.calls('/api/chat.update').filter((c) => webApiArgs(c)['channel'] === CH && webApiArgs(c)['ts'] === agenda.messageId);
    expect(updates).toHaveLength(1);
    expect(blocksText(webApiArgs(updates[0]!)['blocks'])).toMatch(/Nov 27, 2026/);

    // the old reminder time sends nothing; the new one sends once
    clock = new Date('2026-11-26T12:50:00Z');
    expect((await jobs()).reminders).toBe(0);
    clock = new Date('2026-11-27T12:50:00Z');
    expect((await jobs()).reminders).toBe(1);
    expect((await jobs()).reminders).toBe(0);
    expect(toChannel(CH).filter((c) => String(webApiArgs(c)['text']).includes('Starting in 10 min: Sync'))).toHaveLength(1);
  });

  it('a meeting already reminded is reminded again at its new time, under a new key', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await meeting('new Retro | 2026-11-26 10:00 | 30 | Wins (10)', ORG, 'CEDT0002');
    clock = new Date('2026-11-26T12:50:00Z');
    expect((await jobs()).reminders).toBe(1);
    expect((await meeting('reschedule 2026-11-26 15:00', SUP, 'CEDT0002')).text).toMatch(/Rescheduled: Retro/);
    expect(dms(ORG).filter((t) => t.startsWith('📅 Rescheduled: Retro'))).toHaveLength(1);
    expect((await jobs()).reminders).toBe(0);
    clock = new Date('2026-11-26T17:50:00Z');
    expect((await jobs()).reminders).toBe(1);
    const reminders = toChannel('CEDT0002').filter((c) => String(webApiArgs(c)['text']).includes('Starting in 10 min: Retro'));
    expect(reminders).toHaveLength(2);
    const keys = reminders.map((r) => (webApiArgs(r)['metadata'] as { event_payload: { key: string } }).event_payload.key);
    expect(new Set(keys).size).toBe(2);
  });

  it('two reschedules that both read the meeting as it was: one applies and tells, the other changes and tells nothing', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await meeting(`new Standup <@${ANA}|ana> | 2026-11-28 10:00 | 15 | Blockers (10)`, ORG, 'CEDT0009');
    const deps = svc.service.bot;
    const m = (await deps.meetings.current('TA', 'CEDT0009', clock))!;
    const p = { tenantId: 'TA', platform: 'slack' as const, userId: ORG, channelId: 'CEDT0009', locale: 'en' as const, isSupervisor: false, now: clock };
    const { rescheduleMeeting } = await import('../../src/core/meetings/edit-meeting.js');
    const results = await Promise.allSettled([rescheduleMeeting(deps, p, m, new Date('2026-11-29T13:00:00Z'), 'en'), rescheduleMeeting(deps, p, m, new Date('2026-11-30T13:00:00Z'), 'en')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(dms(ANA).filter((t) => t.startsWith('📅 Rescheduled: Standup'))).toHaveLength(1);
    // a reminder job that read the old time cannot claim it: the new time's reminder stays due
    expect(await deps.meetings.claimReminder('TA', m.id, clock, m.startsAt)).toBe(false);
    const moved = (await deps.meetings.get('TA', m.id))!;
    expect(await deps.meetings.claimReminder('TA', m.id, clock, moved.startsAt)).toBe(true);
  });

  it('a running meeting is not rescheduled', async () => {
    clock = new Date('2026-11-26T18:00:00Z');
    await meeting('start', ORG, 'CEDT0002');
    expect((await meeting('reschedule 2026-11-28 10:00', ORG, 'CEDT0002')).text).toMatch(/"Retro" has already started, ended or was cancelled/);
  });
});

describe('editing the agenda', () => {
  const CH = 'CEDT0003';
  const items = async () => (await stored('Ops')).agenda.map((i) => `${i.text} ${i.minutes}`);

  it('adds, moves and removes items before the start; the agenda card is updated where it was posted', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await meeting(`new Ops <@${ANA}|ana> | 2026-11-30 10:00 | 45 | KPIs (10), Wins (5)`, ORG, CH);
    expect(toChannel(CH)).toHaveLength(1);
    const at = (await stored('Ops')).agendaMessage!;
    expect(at).toMatchObject({ channelId: CH, messageId: expect.stringMatching(/^1764100000\./) });
    const updated = () => {
      const calls = api.calls('/api/chat.update').filter((c) => webApiArgs(c)['channel'] === CH && webApiArgs(c)['ts'] === at.messageId);
      return blocksText(webApiArgs(calls.at(-1)!)['blocks']);
    };
    const added = await meeting(`agenda add Escalations <@${ANA}|ana> 15 min`, ORG, CH);
    expect(added.text).toBe('The agenda of "Ops" is updated in the channel.');
    expect(updated()).toMatch(/1\. KPIs \(10 min\)[\s\S]*2\. Wins \(5 min\)[\s\S]*3\. Escalations/);
    expect(await items()).toEqual(['KPIs 10', 'Wins 5', 'Escalations 15']);
    expect((await stored('Ops')).agenda[2]!.ownerId).toBe(ANA);
    await meeting('agenda move 3 1', SUP, CH);
    expect(updated()).toMatch(/1\. Escalations[\s\S]*2\. KPIs[\s\S]*3\. Wins/);
    expect((await meeting('pauta remover 2', SUP_PT, CH)).text).toBe('A pauta de "Ops" foi atualizada no canal.');
    expect(updated()).not.toContain('KPIs');
    expect(await items()).toEqual(['Escalations 15', 'Wins 5']);
    // no second post of the agenda
    expect(toChannel(CH)).toHaveLength(1);
    // the posted card is gone (the update fails): posted again, as it was before the ref was kept
    failUpdates = true;
    const again = await meeting('agenda add AOB', ORG, CH);
    failUpdates = false;
    expect(again.response_type).toBe('in_channel');
    expect(blocksText(again.blocks)).toMatch(/3\. AOB/);
    expect(await items()).toEqual(['Escalations 15', 'Wins 5', 'AOB 5']);
  });

  it('two quick edits whose card updates land out of order: the card ends on the latest agenda', async () => {
    const CH2 = 'CEDT0006';
    await meeting(`new Quick | 2026-11-30 16:00 | 30 | KPIs (10)`, ORG, CH2);
    const at = (await svc.service.models.meetings.findOne({ tenantId: 'TA', title: 'Quick' }).lean())!.agendaMessage!;
    const updates = () => api.calls('/api/chat.update').filter((c) => webApiArgs(c)['channel'] === CH2 && webApiArgs(c)['ts'] === at.messageId).map((c) => blocksText(webApiArgs(c)['blocks']));
    // the first edit's update is held back by a rate limit, so the second edit's lands first
    rateLimitOnce = /First/;
    const first = meeting('agenda add First', ORG, CH2);
    await api.waitFor((r) => r.path === '/api/chat.update' && webApiArgs(r)['channel'] === CH2);
    await meeting('agenda add Second', ORG, CH2);
    await first;
    expect(updates().length).toBeGreaterThanOrEqual(3);
    expect(updates().at(-1)).toMatch(/1\. KPIs[\s\S]*2\. First[\s\S]*3\. Second/);
    expect(toChannel(CH2)).toHaveLength(1);
  });

  it('a meeting planned before the agenda card’s place was kept gets its card posted again', async () => {
    await meeting(`new Old plan | 2026-11-30 15:00 | 30 | KPIs (10)`, ORG, 'CEDT0005');
    await svc.service.models.meetings.updateOne({ tenantId: 'TA', title: 'Old plan' }, { $unset: { agendaMessage: '' } });
    const calls = api.calls('/api/chat.update').length;
    const again = await meeting('agenda add Wins', ORG, 'CEDT0005');
    expect(again.response_type).toBe('in_channel');
    expect(blocksText(again.blocks)).toMatch(/1\. KPIs \(10 min\)[\s\S]*2\. Wins/);
    expect(api.calls('/api/chat.update')).toHaveLength(calls);
  });

  it('bad input and other people are refused in their language, and nothing changes', async () => {
    const before = JSON.stringify(await stored('Ops'));
    const refusals: [string, string, RegExp][] = [
      ['agenda add Hiring', BRU, /Only the organizer of "Ops" or a supervisor can change it/],
      ['agenda remove 9', ORG, /There is no item 9: the agenda has 3 item\(s\)/],
      ['agenda move 1 4', ORG, /There is no item 4/],
      ['agenda add Hiring 0 min', ORG, /minutes must be between 1 and 240/],
      ['agenda add Hiring -5 min', ORG, /minutes must be between 1 and 240/],
      [`agenda add ${'x'.repeat(201)}`, ORG, /at most 200 characters/],
      ['agenda remove 2 please', ORG, /I did not understand "please"[\s\S]*Try: \/meeting agenda remove 2/],
      ['agenda frobnicate', ORG, /I did not understand "frobnicate"[\s\S]*Try: \/meeting agenda add/],
      ['agenda remove two', ORG, /I did not understand "two"/],
      ['agenda remove', ORG, /Say which one by its number/],
      ['pauta remover 9', SUP_PT, /Não existe o item 9/],
      ['pauta adicionar Contratação 0 min', SUP_PT, /os minutos devem ficar entre 1 e 240/],
      ['pauta embaralhar', SUP_PT, /Não entendi "embaralhar"[\s\S]*Tente: \/meeting pauta adicionar/],
    ];
    for (const [text, user, answer] of refusals) {
      const reply = await meeting(text, user, CH);
      expect(reply.response_type, text).toBe('ephemeral');
      expect(reply.text, text).toMatch(answer);
    }
    expect(JSON.stringify(await stored('Ops'))).toBe(before);
  });

  it('while it runs an item can still be added (the live card shows it in place); nothing else changes', async () => {
    clock = new Date('2026-11-30T13:00:00Z');
    await meeting('start', ORG, CH);
    api.clear();
    expect((await meeting('agenda add Hiring 10 min', ORG, CH)).response_type).toBe('in_channel');
    expect(await items()).toEqual(['Escalations 15', 'Wins 5', 'AOB 5', 'Hiring 10']);
    const update = await api.waitFor((r) => r.path === '/api/chat.update', 8000);
    expect(blocksText(webApiArgs(update)['blocks'])).toContain('item 1 of 4 · planned 35 min');
    expect((await meeting('agenda remove 1', ORG, CH)).text).toMatch(/"Ops" has already started, ended or was cancelled/);
    expect((await stored('Ops')).agenda).toHaveLength(4);
  });
});

describe('changing actions by the number /actions shows', () => {
  const CH = 'CEDT0004';
  let n = 0;
  const numberOf = (listed: { blocks?: unknown[] }, text: string) => Number(new RegExp(`#(\\d+) ☐ ${text}`).exec(blocksText(listed.blocks))![1]);
  const snapshot = async () => JSON.stringify(await svc.service.models.actionItems.find({ tenantId: 'TA' }).sort({ _id: 1 }).lean());

  it('the owner edits it and gives it to someone else, who is told once however often the request is sent', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await actions(`add Review macros <@${ANA}|ana> tomorrow`, ORG, CH);
    n = numberOf(await actions('', ANA, CH), 'Review macros');
    expect((await actions(`edit ${n} Review every macro`, BRU, CH)).text).toBe(`Only the owner of action #${n}, whoever created it, the organizer of its meeting or a supervisor can change it.`);
    // whoever created it for Ana may change it too, as the reminder's buttons allow
    expect((await actions(`edit ${n} Review the macros`, ORG, CH)).text).toBe(`Action #${n} now reads: Review the macros`);
    expect((await actions(`edit ${n} Review every macro`, ANA, CH)).text).toBe(`Action #${n} now reads: Review every macro`);
    const sent = await Promise.all([0, 1].map(() => actions(`reassign #${n} <@${BRU}|bruno>`, ANA, CH)));
    expect(sent.map((r) => r.text).filter((t) => t === `Action #${n} is now <@${BRU}>’s: Review every macro`)).toHaveLength(1);
    expect((await actions(`reassign ${n} <@${BRU}|bruno>`, SUP, CH)).text).toMatch(/is already <@UBRU0001>’s; nothing was changed/);
    expect(dms(BRU).filter((t) => t.includes(`<@${ANA}> gave you an action: Review every macro`))).toHaveLength(1);
    // it is Bruno's now: Ana may not change it any more, and it left her list
    expect((await actions(`cancel ${n}`, ANA, CH)).text).toMatch(/Only the owner of action/);
    expect(blocksText((await actions('', ANA, CH)).blocks)).not.toContain('Review every macro');
    expect(numberOf(await actions('', BRU, CH), 'Review every macro')).toBe(n);
    // a change made on what was read before another one applies nothing
    const deps = svc.service.bot;
    const read = (await deps.actions.byNumber('TA', n))!;
    expect(await deps.actions.change('TA', read.id, (read.rev ?? 0) - 1, { ownerId: ANA })).toBe(false);
    expect((await deps.actions.get('TA', read.id))!.ownerId).toBe(BRU);
  });

  it('a new due date moves its reminder: the old day sends nothing, the new day once', async () => {
    expect((await actions(`due ${n} 2026-11-28`, BRU, CH)).text).toMatch(new RegExp(`Action #${n} is now due Nov 28, 2026`));
    clock = new Date('2026-11-26T12:00:00Z');
    await jobs();
    clock = new Date('2026-11-28T12:00:00Z');
    await jobs();
    await jobs();
    expect(dms(BRU).filter((t) => t.includes('Due today: Review every macro'))).toHaveLength(1);
  });

  it('bad input is refused in the caller’s language and changes nothing', async () => {
    clock = new Date('2026-11-28T12:00:00Z');
    const before = await snapshot();
    const refusals: [string, string, RegExp][] = [
      [`due ${n} 2026-11-01`, BRU, /The due date 2026-11-01 is in the past/],
      [`due ${n} someday`, BRU, /"someday" is not a date/],
      [`edit 9999 Something`, BRU, /There is no open action #9999/],
      [`edit ${n} ${'y'.repeat(301)}`, BRU, /at most 300 characters/],
      [`cancel ${n} now`, BRU, /I did not understand "now"[\s\S]*Try: \/actions cancel 12/],
      [`reassign ${n}`, BRU, /Mention exactly one owner/],
      [`reassign ${n} <@${ANA}|ana> please`, BRU, /I did not understand "please"[\s\S]*Try: \/actions reassign 12 @bruno/],
      ['edit first Something', BRU, /I did not understand "first"[\s\S]*Try: \/actions edit 12/],
      [`prazo ${n} ontem`, SUP_PT, /"ontem" não é uma data/],
      ['editar 9999 Algo', SUP_PT, /Não há ação em aberto #9999/],
      [`cancelar ${n} agora`, SUP_PT, /Não entendi "agora"[\s\S]*Tente: \/actions cancelar 12/],
    ];
    for (const [text, user, answer] of refusals) {
      const reply = await actions(text, user, CH);
      expect(reply.response_type, text).toBe('ephemeral');
      expect(reply.text, text).toMatch(answer);
    }
    expect(await snapshot()).toBe(before);
  });

  it('a cancelled action leaves the lists, its reminders and escalations, and the meeting’s stats; once', async () => {
    const MCH = 'CEDT0005';
    clock = new Date('2026-11-25T15:00:00Z');
    await meeting(`new Review <@${ANA}|ana> <@${BRU}|bruno> | 2026-11-26 10:00 | 30 | KPIs (10)`, ORG, MCH);
    clock = new Date('2026-11-26T13:00:00Z');
    await meeting('start', ORG, MCH);
    await actions(`add Hire a night agent <@${ANA}|ana> 2026-11-27`, ORG, MCH);
    await actions(`add Update the FAQ <@${BRU}|bruno> 2026-11-27`, ORG, MCH);
    const hire = numberOf(await actions('team', ORG, MCH), 'Hire a night agent');
    expect((await actions(`cancel ${hire}`, BRU, MCH)).text).toMatch(/Only the owner of action/);
    // the meeting's organizer may
    expect((await actions(`cancel ${hire}`, ORG, MCH)).text).toBe(`Cancelled #${hire}: Hire a night agent`);
    expect((await actions(`cancel ${hire}`, ORG, MCH)).text).toMatch(new RegExp(`There is no open action #${hire}`));
    expect(blocksText((await actions('team', ORG, MCH)).blocks)).not.toContain('Hire a night agent');
    expect(blocksText((await actions('', ANA, MCH)).blocks)).not.toContain('Hire a night agent');
    await meeting('end', ORG, MCH);

    for (const day of ['2026-11-27T12:00:00Z', '2026-11-30T12:00:00Z']) {
      clock = new Date(day);
      await jobs();
    }
    // told when it was given; never reminded, nor among her actions of the meeting
    expect(dms(ANA).filter((t) => t.includes('Hire a night agent'))).toEqual(['📌 New action for you: Hire a night agent — due Nov 27, 2026']);
    expect(dms(ORG).filter((t) => t.includes('Hire a night agent'))).toEqual([]);
    expect(dms(ORG).filter((t) => t.includes('Overdue since') && t.includes('Update the FAQ'))).toHaveLength(1);

    const stats = blocksText((await meeting('stats', ORG, MCH)).blocks);
    expect(stats).toContain('Actions closed on time: 0 of 1');
    expect(stats).toContain('still open: 1');
  });
});
