/**
 * KPI threshold alerts end to end with an injectable clock: created with signed `/kpi alert`
 * commands, evaluated by two service instances on one database at the same minutes. A breach
 * posts the KPI card once, later checks stay quiet, the return within the threshold says so once,
 * a new breach inside the grace period is held back and one after it fires; the alert belongs to
 * its conversation (colleagues manage it, agents cannot, other tenants and channels see nothing);
 * a failed post is retried after its backoff, never twice. Teams: created by message, posted
 * through the Bot Connector.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { runKpiAlerts } from '../../src/core/alerts/kpi-alerts.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';
import { GUID_TENANTS, KEYS } from '../support/service.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const MIN = 60_000;
let clock = new Date('2026-12-01T08:00:00Z');
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

interface Instance {
  service: Service;
  url: string;
}
let db: TestDb;
let a: Instance;
let b: Instance;
let slack: Awaited<ReturnType<typeof startSlackApi>>;

/** An instance without the every-minute jobs: the test drives the evaluator itself. */
async function startInstance(env: Record<string, string>, uri: string): Promise<Instance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', API_KEYS: `TA:${KEYS.a},TB:${KEYS.b},${GUID_TENANTS.a}:${KEYS.ga}`, API_RATE_LIMIT_PER_MINUTE: '1000000', WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000', DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC', ...env });
  const service = await createService({ config, mongoUri: uri, logger: createLogger('silent'), now: () => clock, jobs: false });
  return { service, url: (await service.start(0, '127.0.0.1')).url };
}

/** `n` chat interactions created at `created`, first answered `frtMinutes` later (re-sent ids update). */
async function ingest(url: string, prefix: string, n: number, created: Date, frtMinutes: number, channel = 'chat', key = KEYS.a) {
  const records = Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`, channel, customer: { id: `c-${prefix}-${i}` }, status: 'open',
    createdAt: created.toISOString(), firstResponseAt: new Date(created.getTime() + frtMinutes * MIN).toISOString(),
  }));
  const res = await fetch(`${url}/api/v1/interactions`, { method: 'POST', body: JSON.stringify(records), headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
}

const slackEnv = () => ({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SUPERVISOR_IDS: 'USUP0001,USUP0002' });
const posts = (channel: string) => slack.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === channel);
const unescape = (s: string) => s.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const postText = (channel: string) => posts(channel).map((c) => unescape(String(webApiArgs(c)['text'])));
/** both instances evaluate at the same instant */
async function tick(when: Date) {
  clock = when;
  const counts = await Promise.all([a, b].map((x) => runKpiAlerts(x.service.bot, when, (e) => { throw e; })));
  return { fired: counts[0]!.fired + counts[1]!.fired, recovered: counts[0]!.recovered + counts[1]!.recovered, suppressed: counts[0]!.suppressed + counts[1]!.suppressed, checked: counts[0]!.checked + counts[1]!.checked };
}

let hooks = 0;
async function command(text: string, o: { user?: string; channel?: string; team?: string; via?: Instance } = {}) {
  const hook = slack.hook(`k/${++hooks}`);
  const body = slashCommandBody({ team_id: o.team ?? 'TA', channel_id: o.channel ?? 'CALERT01', user_id: o.user ?? 'USUP0001', command: '/kpi', text, response_url: hook });
  expect((await postSigned(`${(o.via ?? a).url}/slack/events`, body)).status).toBe(200);
  const answer = (await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks?: unknown[] };
  // Slack's mrkdwn escapes, read back as typed
  return { ...answer, text: unescape(answer.text) };
}
const idIn = (text: string) => /([a-f0-9]{24})/.exec(text)![1]!;

beforeAll(async () => {
  slack = await startSlackApi();
  db = await connectTestDb('kpi_alerts');
  a = await startInstance(slackEnv(), db.uri);
  b = await startInstance(slackEnv(), db.uri);
});
afterAll(async () => {
  await b?.service.stop(1000);
  await a?.service.stop(1000);
  await db?.drop();
  await slack?.close();
});
beforeEach(() => slack.clear());

describe('an alert across two instances', () => {
  let id = '';

  it('is created with its id, its text and the current value', async () => {
    clock = at('08:00');
    await ingest(a.url, 'fast', 10, at('06:00'), 30);
    await ingest(a.url, 'mail', 10, at('00:00'), 420, 'email');
    const made = await command('alert frt.p90 &gt; 120 channel:chat 1d');
    expect(made.response_type).toBe('ephemeral');
    expect(made.text).toMatch(/^Alert [a-f0-9]{24} created: FRT p90 > 2 h 00 min \(chat, today\) · grace 4 h\. Current value: (29|30) min\./);
    id = idIn(made.text);
    const checked = await tick(at('08:00'));
    expect(checked).toMatchObject({ checked: 1, fired: 0 });
    expect(posts('CALERT01')).toHaveLength(0);
  });

  it('posts the KPI card exactly once when the KPI crosses the line, and stays quiet after', async () => {
    await ingest(a.url, 'slow', 10, at('01:00'), 300);
    // a check is every 5 minutes: 08:04 is not due yet
    expect((await tick(at('08:04'))).checked).toBe(0);
    const fired = await tick(at('08:05'));
    expect(fired).toMatchObject({ checked: 1, fired: 1 });
    expect(posts('CALERT01')).toHaveLength(1);
    expect(postText('CALERT01')[0]).toMatch(/^🔔 Alert: FRT p90 \d h \d\d min > 2 h 00 min \(chat, today\)$/);
    const blocks = JSON.stringify(webApiArgs(posts('CALERT01')[0]!)['blocks']);
    expect(blocks).toContain('Customer service KPIs');
    expect(blocks).toContain(`Alert ${id}`);
    for (const t of ['08:10', '08:15', '08:20']) await tick(at(t));
    expect(posts('CALERT01')).toHaveLength(1);
    const stored = await a.service.models.kpiAlerts.findById(id).lean();
    expect(stored).toMatchObject({ state: 'breached', firedAt: at('08:05'), lastFiredAt: at('08:05') });
    expect(stored?.outbox?.key).toBeUndefined();
  });

  it('says once that it is back to normal', async () => {
    await ingest(a.url, 'slow', 10, at('01:00'), 30);
    const back = await tick(at('08:25'));
    expect(back.recovered).toBe(1);
    for (const t of ['08:30', '08:35']) await tick(at(t));
    expect(postText('CALERT01')).toEqual([expect.stringMatching(/^✅ Back to normal: FRT p90 (29|30) min ≤ 2 h 00 min \(chat, today; alert since Dec 1, 2026, 8:05 AM\)$/)]);
  });

  it('holds a new breach back during the grace period, and fires again after it', async () => {
    await ingest(a.url, 'slow', 10, at('01:00'), 400);
    const held = await tick(at('08:40'));
    expect(held).toMatchObject({ checked: 1, fired: 0, suppressed: 1 });
    for (let t = at('08:45').getTime(); t < at('12:05').getTime(); t += 20 * MIN) await tick(new Date(t));
    expect(posts('CALERT01')).toHaveLength(0);
    expect(await a.service.models.kpiAlerts.findById(id).lean()).toMatchObject({ state: 'ok', lastFiredAt: at('08:05') });
    const again = await tick(at('12:10'));
    expect(again.fired).toBe(1);
    await tick(at('12:15'));
    expect(postText('CALERT01')).toEqual([expect.stringMatching(/^🔔 Alert: FRT p90/)]);
  });

  it('lists the alert to anyone in the conversation, with its state and last value', async () => {
    const list = await command('alert list', { user: 'UAGENT01' });
    const text = unescape(JSON.stringify(list.blocks));
    expect(text).toContain(id);
    expect(text).toMatch(/🔴 breached · FRT p90 > 2 h 00 min \(chat, today\) · grace 4 h · last value \d h \d\d min/);
  });
});

describe('the conversation owns its alerts', () => {
  it('a colleague pauses, resumes, edits and removes; an agent cannot; a paused alert never fires', async () => {
    clock = at('13:00');
    const made = await command('alerta volume > 5', { channel: 'CALERT02' });
    const id = idIn(made.text);
    expect(made.text).toMatch(/past the line: the alert posts at its first check/);
    expect((await command(`alert pause ${id}`, { user: 'UAGENT01', channel: 'CALERT02' })).text).toMatch(/Only supervisors/);
    expect((await command('alert volume > 1', { user: 'UAGENT01', channel: 'CALERT02' })).text).toMatch(/Only supervisors/);
    expect((await command(`alert pausar ${id}`, { user: 'USUP0002', channel: 'CALERT02', via: b })).text).toMatch(/paused/);
    for (const t of ['13:00', '13:05', '13:10', '13:30']) await tick(at(t));
    expect(posts('CALERT02')).toHaveLength(0);
    expect((await command(`alert resume ${id}`, { user: 'USUP0002', channel: 'CALERT02' })).text).toMatch(/resumed/);
    await tick(at('13:31'));
    expect(postText('CALERT02')).toEqual([expect.stringMatching(/^🔔 Alert: Volume \d+ > 5 \(today\)$/)]);
    const edited = await command(`alert edit ${id} volume > 100000 2d grace 30m`, { user: 'USUP0002', channel: 'CALERT02' });
    expect(edited.text).toMatch(new RegExp(`Alert ${id} changed: Volume > 100,000 \\(last 2 days\\) · grace 30 min\\. It starts over`));
    expect(await a.service.models.kpiAlerts.findById(id).lean()).toMatchObject({ state: 'ok', ownerId: 'USUP0002', threshold: 100000 });
    await tick(at('13:40'));
    expect(posts('CALERT02')).toHaveLength(1);
    expect((await command(`alert remove ${id}`, { user: 'USUP0002', channel: 'CALERT02' })).text).toMatch(/removed/);
    expect(JSON.stringify((await command('alert list', { channel: 'CALERT02' })).blocks)).toContain('No alerts here yet');
  });

  it('an id from another conversation or tenant is not found, and changes nothing', async () => {
    const other = idIn((await command('alert nps < 0', { team: 'TB', channel: 'CALERT01' })).text);
    for (const verb of ['pause', 'resume', 'remove']) expect((await command(`alert ${verb} ${other}`)).text).toMatch(/No alert with that id in this conversation/);
    expect((await command(`alert edit ${other} nps < 10`)).text).toMatch(/No alert with that id/);
    const mine = String((await a.service.models.kpiAlerts.findOne({ tenantId: 'TA', channelId: 'CALERT01' }).lean())!._id);
    expect((await command(`alert remove ${mine}`, { channel: 'CALERT09' })).text).toMatch(/No alert with that id/);
    expect(await a.service.models.kpiAlerts.findById(other).lean()).toMatchObject({ tenantId: 'TB', paused: false, kpi: 'nps.score', threshold: 0 });
    expect(await a.service.models.kpiAlerts.findById(mine).lean()).toBeTruthy();
  });

  it('bad input gets the reason and examples, and stores nothing', async () => {
    const before = await a.service.models.kpiAlerts.countDocuments();
    for (const [text, reason] of [
      ['alert frt.p99 > 120', /"frt.p99" is not a KPI an alert can watch/],
      ['alert csat < 150%', /not a rate/],
      ['alert frt > 60 channel:chat 6h', /Windows in hours work on the whole operation only/],
      ['alert csat < 80% 30 interactions', /in responses/],
      ['alert frt > 60 last week', /did not understand "last"/],
    ] as const) {
      const answer = await command(text);
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toMatch(reason);
      expect(answer.text).toMatch(/Examples: \/kpi alert frt\.p90 > 120 channel:chat 1d/);
    }
    expect((await command('alert frt > 60', { channel: 'CNOTIN01' })).text).toMatch(/cannot post in this conversation \(not_in_channel\)/);
    expect(await a.service.models.kpiAlerts.countDocuments()).toBe(before);
    expect((await command('alert')).text).toMatch(/Usage: \/kpi alert <kpi> <op> <value>/);
  });
});

describe('a post that fails', () => {
  it('is retried after its backoff, shown in the list meanwhile, and posted once', async () => {
    clock = at('14:00');
    const id = idIn((await command('alert volume > 1', { channel: 'CALERT03' })).text);
    slack.on('/api/chat.postMessage', { body: { ok: false, error: 'internal_error' } });
    const first = await tick(at('14:00'));
    expect(first.fired).toBe(0);
    expect(await a.service.models.kpiAlerts.findById(id).lean()).toMatchObject({ state: 'breached', lastError: 'internal_error', outbox: { kind: 'fire', attempts: 1 }, nextCheckAt: at('14:01') });
    expect(JSON.stringify((await command('alert list', { channel: 'CALERT03' })).blocks)).toContain('last post failed: internal_error');
    slack.on('/api/chat.postMessage', (req) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.${String(Date.now()).slice(-6)}` } }));
    slack.clear();
    expect((await tick(new Date(at('14:00').getTime() + 30_000))).checked).toBe(0);
    expect((await tick(at('14:01'))).fired).toBe(1);
    for (const t of ['14:06', '14:11']) await tick(at(t));
    expect(posts('CALERT03')).toHaveLength(1);
    const stored = await a.service.models.kpiAlerts.findById(id).lean();
    expect(stored?.lastError).toBeUndefined();
    expect(stored?.outbox?.key).toBeUndefined();
  });
});

describe('contention', () => {
  it('20 alerts breached at once, six passes on two instances at the same instant: 20 posts, one per conversation', async () => {
    clock = at('16:00');
    const channels = Array.from({ length: 20 }, (_, i) => `CMANY${String(i).padStart(3, '0')}`);
    for (const channel of channels) await command('alert volume > 1 grace 0m', { channel, via: channel.endsWith('1') ? b : a });
    slack.clear();
    const passes = await Promise.all([a, b, a, b, a, b].map((x) => runKpiAlerts(x.service.bot, at('16:00'), (e) => { throw e; })));
    expect(passes.reduce((n, c) => n + c.fired, 0)).toBe(20);
    for (const channel of channels) expect(posts(channel), channel).toHaveLength(1);
    await Promise.all([a, b].map((x) => runKpiAlerts(x.service.bot, at('16:05'))));
    expect(channels.flatMap(posts)).toHaveLength(20);
  });

  it('a change made while a check runs wins: the check’s transition is refused and nothing is posted', async () => {
    const store = a.service.deps.kpiAlerts;
    const [alert] = await store.list({ tenantId: 'TA', channelId: 'CMANY000' });
    const due = new Date(alert!.nextCheckAt.getTime());
    expect(await store.claim('TA', alert!.id, alert!.version, due, new Date(due.getTime() + 5 * MIN))).toBe(true);
    // the other instance lost the claim of the same check
    expect(await store.claim('TA', alert!.id, alert!.version, due, new Date(due.getTime() + 5 * MIN))).toBe(false);
    await store.setPaused({ tenantId: 'TA', channelId: 'CMANY000' }, alert!.id, true, due);
    expect(await store.transition('TA', alert!.id, alert!.version + 1, { state: 'ok' })).toBe(false);
    expect(await a.service.models.kpiAlerts.findById(alert!.id).lean()).toMatchObject({ state: 'breached', paused: true });
  });
});

describe('an alert that follows the team’s target', () => {
  const setTarget = (value: number | null) =>
    fetch(`${a.url}/api/v1/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${KEYS.a}`, 'content-type': 'application/json' },
      body: JSON.stringify({ targets: { 'firstResponseMinutes.median': value === null ? null : { op: '<=', value } } }),
    });

  it('is refused without a target, fires when the value misses it, and takes a changed target at the next check', async () => {
    clock = at('12:00');
    await ingest(a.url, 'wa', 10, at('10:00'), 30, 'whatsapp');
    expect((await setTarget(null)).status).toBe(200);
    const refused = await command('alert frt target channel:whatsapp', { channel: 'CTARGET1' });
    expect(refused.text).toMatch(/FRT median has no target yet: an admin sets one with \/kpi target/);
    expect(await a.service.models.kpiAlerts.countDocuments({ channelId: 'CTARGET1' })).toBe(0);

    expect((await setTarget(60)).status).toBe(200);
    const made = await command('alert frt target channel:whatsapp', { channel: 'CTARGET1' });
    expect(made.text).toMatch(/^Alert [a-f0-9]{24} created: FRT median > 1 h 00 min \(whatsapp, today\) · 🎯 follows the team’s target/);
    await tick(at('12:00'));
    expect(posts('CTARGET1')).toHaveLength(0);

    // a stricter target counts at the next check: 30 min now misses "≤ 20 min"
    expect((await setTarget(20)).status).toBe(200);
    await tick(at('12:05'));
    expect(postText('CTARGET1')).toEqual([expect.stringMatching(/^🔔 Alert: FRT median (29|30) min > 20 min \(whatsapp, today\)$/)]);
    expect(await a.service.models.kpiAlerts.findOne({ channelId: 'CTARGET1' }).lean()).toMatchObject({ followsTarget: true, op: '>', threshold: 20, state: 'breached' });

    // the target removed: no verdict, nothing more posted
    expect((await setTarget(null)).status).toBe(200);
    await tick(at('12:10'));
    expect(posts('CTARGET1')).toHaveLength(1);
  });
});

describe('Teams', () => {
  const SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-0000000000ab', name: 'Sara' };
  const BOT = { id: '28:bot', name: 'CS Ops Bot' };
  const CONV = '19:alerts@thread.tacv2';
  let connector: RecordingServer;
  let teams: Instance;
  let teamsDb: TestDb;
  const activity = (over: Record<string, unknown>) => ({
    id: `a${Math.random().toString(36).slice(2)}`, timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: SUP,
    conversation: { conversationType: 'channel', id: CONV, tenantId: GUID_TENANTS.a }, recipient: BOT, channelData: { tenant: { id: GUID_TENANTS.a } }, locale: 'pt-BR', ...over,
  });
  const post = (body: unknown) => fetch(`${teams.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
    teamsDb = await connectTestDb('kpi_alerts_teams');
    teams = await startInstance({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: SUP.aadObjectId }, teamsDb.uri);
    await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }));
  });
  afterAll(async () => {
    await teams?.service.stop(1000);
    await teamsDb?.drop();
    await connector?.close();
  });

  it('creates an alert from a "kpi alerta …" message and posts the card through the Bot Connector', async () => {
    clock = at('18:00');
    await ingest(teams.url, 'teams', 12, at('10:00'), 200, 'chat', KEYS.ga);
    await post(activity({ type: 'message', text: 'kpi alerta tpr > 120 4h' }));
    const confirm = await connector.waitFor((r) => JSON.stringify(r.body).includes('criado'), 10_000);
    expect(JSON.stringify(confirm.body)).toMatch(/Alerta [a-f0-9]{24} criado: TPR mediana > 2 h 00 min \(últimas 4 horas\) · carência 4 h\. Ainda não há dados para ele\./);
    await ingest(teams.url, 'recent', 5, at('15:00'), 150, 'chat', KEYS.ga);
    connector.clear();
    const counts = await runKpiAlerts(teams.service.bot, at('18:05'), (e) => { throw e; });
    expect(counts.fired).toBe(1);
    const sent = connector.requests.filter((r) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`);
    expect(sent).toHaveLength(1);
    const card = JSON.stringify(sent[0]!.body);
    expect(card).toContain('application/vnd.microsoft.card.adaptive');
    expect(card).toMatch(/🔔 Alerta: TPR mediana 2 h \d\d min > 2 h 00 min \(últimas 4 horas\)/);
    expect(card).toContain('KPIs do atendimento');
    await runKpiAlerts(teams.service.bot, at('18:10'), (e) => { throw e; });
    expect(connector.requests.filter((r) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`)).toHaveLength(1);
  });
});
