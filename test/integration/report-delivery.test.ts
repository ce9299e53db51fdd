/**
 * Delivery you can trust: a report that cannot be delivered after its retries reaches its
 * owner as a direct message with the reason and a retry button (one retry, whoever clicks);
 * schedules belong to their conversation (a colleague pauses, resumes, edits, removes); and a
 * schedule can deliver signed JSON to another tool's webhook, retried under one delivery id.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { createWebhookSender } from '../../src/infra/webhooks/sender.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const OWNER = 'USUP0001';
const COLLEAGUE = 'USUP0002';
const AGENT = 'UAGT0001';
let clock = new Date('2026-12-01T09:00:00Z'); // a Tuesday
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let hook: RecordingServer;
let events: string;
let ts = 0;
const broken = new Set<string>();

type Block = { type: string; elements?: { type: string; text?: { text: string }; action_id?: string; value?: string }[] };
const dms = (user: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === user).map((c) => webApiArgs(c) as { text: string; blocks: Block[] });
const postsTo = (channel: string) => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === channel);
const tick = () => runDueReports(svc.service.bot, clock, (e) => { throw e; });

beforeAll(async () => {
  api = await startSlackApi();
  api.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const channel = String(webApiArgs(req)['channel']);
    if (broken.has(channel)) return { body: { ok: false, error: 'not_in_channel' } };
    return { body: { ok: true, channel, ts: `1764300000.${String(++ts).padStart(6, '0')}` } };
  });
  hook = await startRecordingServer();
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: `${OWNER},${COLLEAGUE}`, DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC', WEBHOOK_ALLOW_PRIVATE: 'true' },
    () => clock,
  );
  events = `${svc.url}/slack/events`;
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
  await hook?.close();
});
beforeEach(() => {
  api.clear();
  hook.clear();
});

let hooks = 0;
async function report(text: string, user = OWNER, channel = 'CREP0001') {
  const url = api.hook(`cmd/${++hooks}`);
  expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: '/report', text, response_url: url }))).status).toBe(200);
  return ((await api.waitFor((r) => r.path === new URL(url).pathname, 8000)).body as { text: string }).text;
}
async function click(message: { blocks: Block[] }, user: string, channel: string) {
  const b = message.blocks.flatMap((x) => x.elements ?? []).find((e) => e.type === 'button' && e.text?.text === 'Retry now')!;
  expect(b, 'retry button').toBeDefined();
  const url = api.hook(`act/${++hooks}`);
  const payload = blockActionsPayload({ team: 'TA', user, channel, message: { ts: '1.2', text: 'm', blocks: message.blocks }, action: { action_id: b.action_id!, value: b.value!, text: 'Retry now' }, response_url: url });
  expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
  return ((await api.waitFor((r) => r.path === new URL(url).pathname, 8000)).body as { text: string }).text;
}
const idIn = (text: string) => /Id ([a-f0-9]{24})/.exec(text)![1]!;

describe('a delivery that keeps failing', () => {
  it('tells the owner once with the reason and a retry button; one retry posts it once', async () => {
    const id = idIn(await report('schedule daily 10:00 yesterday', OWNER, 'CBROKEN1'));
    broken.add('CBROKEN1');
    clock = new Date('2026-12-01T10:00:30Z');
    expect(await tick()).toMatchObject({ failed: 1, posted: 0 });
    await tick();
    const [dm, ...more] = dms(OWNER);
    expect(more).toHaveLength(0);
    expect(dm!.text).toMatch(/Delivery failed/);
    expect(JSON.stringify(dm!.blocks)).toMatch(/The report «daily 10:00» \(yesterday\), due Dec 1, 2026, 10:00\sAM UTC, could not be delivered: the app is not in that conversation any more, or it was deleted \(not_in_channel\)/);
    expect(JSON.stringify(dm!.blocks)).toContain(`/report pause ${id}`);

    // still broken: the retry answers why, and messages nobody again
    expect(await click(dm!, OWNER, 'DOWNER01')).toMatch(/Still failing: the app is not in that conversation/);
    expect(dms(OWNER)).toHaveLength(1);
    // an agent may not retry someone's report
    broken.delete('CBROKEN1');
    api.clear();
    expect(await click(dm!, AGENT, 'DAGENT01')).toMatch(/Only supervisors/);
    // fixed: two clicks at once deliver it once
    const answers = await Promise.all([click(dm!, OWNER, 'DOWNER01'), click(dm!, COLLEAGUE, 'DCOLL001')]);
    expect(answers.sort()).toEqual(['Delivered now.', 'This delivery is not failed any more (already retried, or its schedule was removed).']);
    expect(postsTo('CBROKEN1')).toHaveLength(1);
    const run = await svc.service.models.reportRuns.findOne({ tenantId: 'TA', scheduleId: id }).lean();
    expect(run).toMatchObject({ status: 'posted' });
  });
});

describe('schedules belong to their conversation', () => {
  it('a colleague lists, pauses, resumes, edits and removes; others cannot', async () => {
    const id = idIn(await report('schedule weekly fri 09:00 last week channel:email'));
    expect(await report(`pause ${id}`, AGENT)).toMatch(/Only supervisors/);
    expect(await report(`pause ${id}`, COLLEAGUE, 'COTHER01')).toMatch(/No schedule with that id in this conversation/);
    expect(await report(`pause ${id}`, COLLEAGUE)).toBe(`Schedule ${id} paused; nothing is posted until /report resume ${id}.`);
    const url = api.hook(`cmd/${++hooks}`);
    await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: 'CREP0001', user_id: AGENT, command: '/report', text: 'list', response_url: url }));
    const listed = JSON.stringify((await api.waitFor((r) => r.path === new URL(url).pathname, 8000)).body);
    expect(listed).toContain(`${id} · weekly fri 09:00 (UTC) · last week channel:email · ⏸ paused · by <@${OWNER}>`);

    // paused: its Friday passes without a post
    clock = new Date('2026-12-04T09:01:00Z');
    await tick();
    expect(postsTo('CREP0001')).toHaveLength(0);
    expect(await report(`resume ${id}`, COLLEAGUE)).toMatch(new RegExp(`Schedule ${id} resumed\\. Next report: Dec 11, 2026, 9:00\\sAM UTC`));
    expect(await report(`edit ${id} daily 07:00 yesterday`, COLLEAGUE)).toMatch(new RegExp(`Schedule ${id} changed \\(daily 07:00, UTC\\): yesterday\\. Next report: Dec 5, 2026, 7:00\\sAM UTC`));
    expect(await report(`edit ${id} daily 25:00`, COLLEAGUE)).toMatch(/is not a time of day/);
    const stored = await svc.service.models.reportSchedules.findById(id).lean();
    expect(stored).toMatchObject({ label: 'daily 07:00', query: 'yesterday', ownerId: OWNER, paused: false });
    clock = new Date('2026-12-05T07:00:30Z');
    await tick();
    expect(postsTo('CREP0001')).toHaveLength(1);
    expect(await report(`remove ${id}`, COLLEAGUE)).toBe(`Schedule ${id} removed.`);
  });
});

describe('a schedule that delivers to a webhook', () => {
  it('posts signed JSON of the report, retried with the same delivery id, never to the channel', async () => {
    let fail = 1;
    hook.on('/hooks/cs', () => (fail-- > 0 ? { status: 503, headers: { 'retry-after': '120' }, body: 'busy' } : { body: 'ok' }));
    const answer = await report(`schedule daily 08:00 webhook <${hook.url}/hooks/cs> yesterday`);
    const id = idIn(answer);
    const secret = /with this secret \(shown once\): ([a-f0-9]{48})/.exec(answer)![1]!;
    expect(await report('list')).toBeDefined();

    clock = new Date('2026-12-06T08:00:30Z');
    expect(await tick()).toMatchObject({ retrying: 1 });
    clock = new Date('2026-12-06T08:01:30Z');
    expect(await tick()).toMatchObject({ posted: 0 }); // Retry-After 120 s is honoured
    clock = new Date('2026-12-06T08:03:00Z');
    expect(await tick()).toMatchObject({ posted: 1 });
    const calls = hook.requests.filter((r) => r.path === '/hooks/cs');
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first!.headers['x-csops-delivery']).toBe(second!.headers['x-csops-delivery']);
    const body = second!.raw;
    const stamp = second!.headers['x-csops-timestamp']!;
    expect(second!.headers['x-csops-signature']).toBe(`v1=${createHmac('sha256', secret).update(`${stamp}.${body}`).digest('hex')}`);
    expect(second!.body).toMatchObject({ type: 'cs-ops.report', schedule: { id, query: 'yesterday' }, report: { period: { label: expect.stringMatching(/Yesterday/) }, current: { volume: 0 }, summary: expect.any(Array) } });
    expect(postsTo('CREP0001')).toHaveLength(0);
    expect(await report(`remove ${id}`)).toBe(`Schedule ${id} removed.`);
  });

  it('refuses addresses that are not URLs; without WEBHOOK_ALLOW_PRIVATE only https to public addresses', async () => {
    expect(await report('schedule daily 08:00 webhook not-a-url')).toMatch(/"not-a-url" is not a webhook address/);
    expect(await report('schedule daily 08:00 webhook ftp://files.example.com/x')).toMatch(/is not a webhook address/);
    const strict = createWebhookSender({ allowPrivate: false });
    expect(await strict.refusal('http://tools.example.com/hook')).toBe('webhook_not_https');
    for (const url of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://192.168.0.9/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/x', 'https://[::ffff:10.0.0.1]/x']) {
      expect(await strict.refusal(url), url).toBe('webhook_private_address');
    }
    expect(await strict.refusal('https://93.184.215.14/hook')).toBeNull();
    expect(await svc.service.models.reportSchedules.countDocuments({ tenantId: 'TA', 'webhook.url': { $exists: true } })).toBe(0);
  });
});
