/**
 * Cancelling a planned meeting over Slack (signed requests, real Mongo): owner or supervisors
 * only; the button names the meeting, so double clicks and retries cancel it once and each
 * participant is told once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const ORG = 'UORG0001';
const ANA = 'UANA0001';
const BRU = 'UBRU0001';
const SUP = 'USUP0001';
const CH = 'CCAN0001';
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;
let hooks = 0;

interface Block {
  type: string;
  elements?: { type: string; text?: { text: string } | string; action_id?: string; value?: string }[];
}
const label = (b: { text?: { text: string } | string }) => (typeof b.text === 'string' ? b.text : (b.text?.text ?? ''));
const buttonOf = (blocks: Block[], text: string) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((b) => label(b).startsWith(text))!;
const dms = (user: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === user).map((c) => String(webApiArgs(c)['text']));

beforeAll(async () => {
  api = await startSlackApi();
  let ts = 0;
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764100000.${String(++ts).padStart(6, '0')}` } }));
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: SUP, DEFAULT_LOCALE: 'en' }, () => clock);
  events = `${svc.url}/slack/events`;
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

async function command(text: string, user: string, channel = CH) {
  const hook = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: '/meeting', text, response_url: hook }))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks: Block[] };
}

async function click(blocks: Block[], text: string, user: string, channel = CH) {
  const b = buttonOf(blocks, text);
  const hook = api.hook(`act/${++hooks}`);
  const payload = blockActionsPayload({ team: 'TA', user, channel, message: { ts: '1764100000.900000', text: 'm', blocks }, action: { action_id: b.action_id!, value: b.value ?? '', text: label(b) }, response_url: hook });
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { text: string; blocks: Block[] };
}

const statusOf = async (title: string) => (await svc.service.models.meetings.findOne({ tenantId: 'TA', title }).lean())!.status;

describe('cancelling a planned meeting', () => {
  it('the organizer cancels once; each participant is told once, however often the button is pressed', async () => {
    await command(`new Sync <@${ANA}|ana> <@${BRU}|bruno> | 2026-11-26 10:00 | 30 | KPIs (10)`, ORG);
    expect((await command('cancel', BRU)).text).toMatch(/Only the organizer of "Sync" or a supervisor can cancel it/);
    expect((await command('cancel now', ORG)).text).toMatch(/now/);
    const ask = await command('cancel', ORG);
    expect(ask.response_type).toBe('ephemeral');
    expect(ask.text).toBe('Cancel "Sync"?');
    expect(await statusOf('Sync')).toBe('planned');

    const [a, b] = await Promise.all([click(ask.blocks, 'Cancel the meeting', ORG), click(ask.blocks, 'Cancel the meeting', ORG)]);
    expect([a.text, b.text].sort()).toEqual(['🚫 Cancelled: Sync', expect.stringMatching(/"Sync" is not planned any more/)].sort());
    expect(await statusOf('Sync')).toBe('cancelled');
    // a retry later changes nothing and tells nobody again
    expect((await click(ask.blocks, 'Cancel the meeting', ORG)).text).toMatch(/not planned any more/);
    expect(dms(ANA).filter((t) => t === '🚫 Cancelled: Sync')).toHaveLength(1);
    expect(dms(BRU).filter((t) => t === '🚫 Cancelled: Sync')).toHaveLength(1);
    expect(dms(ORG)).toEqual([]);
    // no reminder for a cancelled meeting, and it cannot be started
    clock = new Date('2026-11-26T12:50:00Z');
    expect((await runMeetingJobs(svc.service.bot, clock, (e) => { throw e; })).reminders).toBe(0);
    expect((await command('start', ORG)).text).toMatch(/no planned or running meeting/);
  });

  it('a supervisor may cancel someone else’s meeting; a participant may not press the button either', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await command(`new Retro <@${BRU}|bruno> | 2026-11-27 10:00 | 30 | Wins (10)`, ANA, 'CCAN0002');
    const ask = await command('cancel', SUP, 'CCAN0002');
    expect((await click(ask.blocks, 'Cancel the meeting', BRU, 'CCAN0002')).text).toMatch(/Only the organizer of "Retro"/);
    expect(await statusOf('Retro')).toBe('planned');
    expect((await click(ask.blocks, 'Cancel the meeting', SUP, 'CCAN0002')).text).toBe('🚫 Cancelled: Retro');
    expect(dms(ANA).filter((t) => t === '🚫 Cancelled: Retro')).toHaveLength(1);
    expect(dms(BRU).filter((t) => t === '🚫 Cancelled: Retro')).toHaveLength(1);
  });

  it('two cancellations that both read the meeting as planned: one wins, the other changes and tells nothing', async () => {
    await command(`new Standup <@${ANA}|ana> | 2026-11-28 10:00 | 15 | Blockers (10)`, ORG, 'CCAN0003');
    const deps = svc.service.bot;
    const m = (await deps.meetings.current('TA', 'CCAN0003', clock))!;
    const p = { tenantId: 'TA', platform: 'slack' as const, userId: ORG, channelId: 'CCAN0003', locale: 'en' as const, isSupervisor: false, now: clock };
    const { cancelMeeting } = await import('../../src/core/meetings/cancel-meeting.js');
    const results = await Promise.allSettled([cancelMeeting(deps, p, m, 'en'), cancelMeeting(deps, p, m, 'en')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(dms(ANA).filter((t) => t === '🚫 Cancelled: Standup')).toHaveLength(1);
  });
});
