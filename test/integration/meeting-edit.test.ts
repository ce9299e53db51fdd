/**
 * Changing what was planned, over Slack (signed requests, real Mongo): a meeting's time (its
 * reminder moves, participants are told once) and agenda, and actions edited, reassigned,
 * moved or cancelled by the number `/actions` shows. Owner, meeting owner or supervisors only;
 * bad input is refused in the caller's language and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/use-cases/meeting-jobs.js';
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

const unescape = (s: string) => s.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const blocksText = (blocks: unknown) => unescape(JSON.stringify(blocks ?? []));
const dms = (user: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === user).map((c) => unescape(String(webApiArgs(c)['text'])));
const toChannel = (ch: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === ch);
const jobs = () => runMeetingJobs(svc.service.bot, clock, (e) => { throw e; });

beforeAll(async () => {
  api = await startSlackApi({ locales: { [SUP_PT]: 'pt-BR' } });
  let ts = 0;
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764100000.${String(++ts).padStart(6, '0')}` } }));
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

  it('a running meeting is not rescheduled', async () => {
    clock = new Date('2026-11-26T18:00:00Z');
    await meeting('start', ORG, 'CEDT0002');
    expect((await meeting('reschedule 2026-11-28 10:00', ORG, 'CEDT0002')).text).toMatch(/"Retro" has already started, ended or was cancelled/);
  });
});
