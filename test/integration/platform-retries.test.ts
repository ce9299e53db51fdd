/**
 * Outgoing posts when Slack or Teams push back: throttling (429 + Retry-After) and
 * unavailability (503) are waited out and tried again, and the message lands exactly once;
 * other failures are left to the scheduler's own retry (the post may have gone through).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFire } from '../../src/core/reports/schedule.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { sendDueSurveys } from '../../src/core/surveys/send-survey.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { SIGNING_SECRET, startSlackApi, webApiArgs } from '../support/slack.js';

const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const CONV = '19:retries@thread.tacv2';
// Slack posts act for the workspace TA, Teams posts for an AAD tenant (a GUID)
const TEAMS_TENANT = GUID_TENANTS.a;
const tenantOf = (platform: 'slack' | 'teams') => (platform === 'teams' ? TEAMS_TENANT : 'TA');
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let connector: RecordingServer;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
const activities = (r: RecordedRequest) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`;

beforeAll(async () => {
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  slack = await startSlackApi();
  // Slack calls time out after 1 s here (10 s by default)
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SLACK_API_TIMEOUT_MS: '1000', DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC' }, () => clock);
  // the bot is added to a Teams channel: its conversation reference is stored
  const res = await fetch(`${svc.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'conversationUpdate', id: 'a1', timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: { id: '29:sup', name: 'Sara' },
      conversation: { conversationType: 'channel', id: CONV, tenantId: TEAMS_TENANT }, recipient: BOT, channelData: { tenant: { id: TEAMS_TENANT } }, membersAdded: [BOT],
    }),
  });
  expect(res.status).toBeLessThan(300);
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
  await slack?.close();
});

async function dailyReport(platform: 'slack' | 'teams', channelId: string, cron: string) {
  return svc.service.deps.schedules.create({
    tenantId: tenantOf(platform), platform, channelId, cron, timezone: 'UTC', label: cron, query: 'last week', locale: 'en', ownerId: 'U_SUP', paused: false,
    checkedUntil: clock, nextFireAt: nextFire(cron, 'UTC', clock), createdAt: clock,
  });
}
const tick = (at: Date) => runDueReports(svc.service.bot, (clock = at), (e) => { throw e; });

describe('Teams (Bot Connector)', () => {
  it('429 with Retry-After, then 503: waited out in place, the report is posted once', async () => {
    const s = await dailyReport('teams', CONV, '0 16 * * *');
    let n = 0;
    connector.on(new RegExp('/v3/conversations/.+/activities$'), () =>
      ++n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : n === 2 ? { status: 503, body: {} } : { status: 201, body: { id: `act-${n}` } },
    );
    expect(await tick(new Date('2026-11-25T16:00:10Z'))).toMatchObject({ posted: 1, retrying: 0, failed: 0 });
    const calls = connector.requests.filter(activities);
    expect(calls).toHaveLength(3);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', attempts: 1, messageId: 'act-3' }]);
    await svc.service.deps.schedules.remove(TEAMS_TENANT, s.id);
  });

  it('a 500 is not posted again in place (it may have gone through); the run is retried later, once', async () => {
    connector.clear();
    const s = await dailyReport('teams', CONV, '0 17 * * *');
    let n = 0;
    connector.on(new RegExp('/v3/conversations/.+/activities$'), () => (++n === 1 ? { status: 500, body: {} } : { status: 201, body: { id: `act-500-${n}` } }));
    expect(await tick(new Date('2026-11-25T17:00:10Z'))).toMatchObject({ posted: 0, retrying: 1 });
    expect(connector.requests.filter(activities)).toHaveLength(1);
    expect(await tick(new Date('2026-11-25T17:01:20Z'))).toMatchObject({ posted: 1 });
    expect(await tick(new Date('2026-11-25T17:05:00Z'))).toMatchObject({ posted: 0, retrying: 0 });
    expect(connector.requests.filter(activities)).toHaveLength(2);
    expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', attempts: 2 }]);
    await svc.service.deps.schedules.remove(TEAMS_TENANT, s.id);
  });
});

describe('Slack (Web API)', () => {
  it('a 503 is tried again with backoff by the Web API client, the report is posted once', async () => {
    const s = await dailyReport('slack', 'CRETRY01', '0 18 * * *');
    let n = 0;
    slack.on('/api/chat.postMessage', (req: RecordedRequest) =>
      ++n === 1 ? { status: 503, body: 'upstream unavailable' } : { body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.00000${n}` } },
    );
    expect(await tick(new Date('2026-11-25T18:00:10Z'))).toMatchObject({ posted: 1, retrying: 0 });
    const calls = slack.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === 'CRETRY01');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(500);
    expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', attempts: 1 }]);
    await svc.service.deps.schedules.remove('TA', s.id);
  }, 30_000);

  /**
   * Slack as far as keyed posts see it: messages kept per conversation with their metadata; the
   * first post of a conversation fails the way `first` says, having gone through or not.
   */
  function slackWithHistory(first: { status?: number; delayMs?: number; wentThrough: boolean }, history: 'readable' | 'missing_scope' = 'readable') {
    const messages: { channel: string; ts: string; metadata?: unknown }[] = [];
    const seen = new Set<string>();
    let n = 0;
    slack.on('/api/chat.postMessage', (req: RecordedRequest) => {
      const args = webApiArgs(req);
      const channel = String(args['channel']).replace(/^U/, 'D');
      // Slack's ts is its clock's: here the service's clock
      const ts = `${Math.floor(clock.getTime() / 1000)}.${String(++n).padStart(6, '0')}`;
      const isFirst = !seen.has(channel);
      seen.add(channel);
      if (!isFirst || first.wentThrough) messages.push({ channel, ts, metadata: args['metadata'] });
      if (isFirst) return { delayMs: first.delayMs ?? 0, status: first.status ?? 200, body: first.status ? 'upstream error' : { ok: true, channel, ts } };
      return { body: { ok: true, channel, ts } };
    });
    slack.on('/api/conversations.open', (req: RecordedRequest) => ({ body: { ok: true, channel: { id: String(webApiArgs(req)['users']).replace(/^U/, 'D') } } }));
    slack.on('/api/conversations.history', (req: RecordedRequest) => {
      if (history === 'missing_scope') return { body: { ok: false, error: 'missing_scope', needed: 'channels:history' } };
      const args = webApiArgs(req);
      const found = messages.filter((m) => m.channel === args['channel'] && Number(m.ts) >= Number(args['oldest']));
      return { body: { ok: true, messages: found.reverse().map((m) => ({ type: 'message', ts: m.ts, bot_id: 'BBOT', ...(args['include_all_metadata'] ? { metadata: m.metadata } : {}) })), has_more: false } };
    });
    return messages;
  }

  for (const [name, first, hour] of [
    ['timed out', { delayMs: 2500, wentThrough: true }, 19],
    ['answered 500', { status: 500, wentThrough: true }, 20],
  ] as const) {
    it(`a report post that ${name} but went through is found by its key and not posted again`, async () => {
      slack.clear();
      const s = await dailyReport('slack', `CKEY${hour}`, `0 ${hour} * * *`);
      const messages = slackWithHistory(first);
      expect(await tick(new Date(`2026-11-25T${hour}:00:10Z`))).toMatchObject({ posted: 1, retrying: 0 });
      expect(slack.calls('/api/chat.postMessage')).toHaveLength(1);
      expect(slack.calls('/api/conversations.history').length).toBeGreaterThanOrEqual(1);
      expect(messages).toHaveLength(1);
      expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', attempts: 1, messageId: messages[0]!.ts }]);
      await svc.service.deps.schedules.remove('TA', s.id);
    }, 30_000);
  }

  it('a report post that timed out without going through is posted once, after looking for it', async () => {
    slack.clear();
    const s = await dailyReport('slack', 'CKEYLOST', '0 21 * * *');
    const messages = slackWithHistory({ delayMs: 2500, wentThrough: false });
    expect(await tick(new Date('2026-11-25T21:00:10Z'))).toMatchObject({ posted: 1 });
    expect(slack.calls('/api/chat.postMessage')).toHaveLength(2);
    expect(messages).toHaveLength(1);
    expect(webApiArgs(slack.calls('/api/chat.postMessage')[1]!)['metadata']).toEqual({ event_type: 'cs_ops_post', event_payload: { key: expect.stringMatching(/^report:[a-f0-9]{24}$/) } });
    expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', messageId: messages[0]!.ts }]);
    await svc.service.deps.schedules.remove('TA', s.id);
  }, 30_000);

  it('a survey DM that timed out but went through: found in the DM, sent once', async () => {
    slack.clear();
    const messages = slackWithHistory({ delayMs: 2500, wentThrough: true });
    const res = await svc.api('/api/v1/surveys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'nps', platform: 'slack', recipient: { userId: 'UKEYED01' } }) });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'sent', message: { channelId: 'DKEYED01', messageId: messages[0]!.ts } });
    expect(slack.calls('/api/chat.postMessage')).toHaveLength(1);
    expect(messages).toHaveLength(1);
  }, 30_000);

  it('where the bot may not read the conversation (no history scope), an unknown outcome is posted again (documented)', async () => {
    slack.clear();
    const s = await dailyReport('slack', 'CNOSCOPE', '0 22 * * *');
    const messages = slackWithHistory({ delayMs: 2500, wentThrough: true }, 'missing_scope');
    expect(await tick(new Date('2026-11-25T22:00:10Z'))).toMatchObject({ posted: 1 });
    expect(messages).toHaveLength(2);
    await svc.service.deps.schedules.remove('TA', s.id);
  }, 30_000);

  it('an instance that posted a report and died before recording it: the run taken over finds the post, nothing posted again', async () => {
    slack.clear();
    const s = await dailyReport('slack', 'CKEYDIED', '0 23 * * *');
    const fireAt = new Date('2026-11-25T23:00:00Z');
    const messages = slackWithHistory({ wentThrough: true });
    // instance C claimed the run, posted it and died
    const run = (await svc.service.deps.runs.claim({ tenantId: 'TA', scheduleId: s.id, fireAt, status: 'running', attempts: 1, late: false, startedAt: fireAt, leaseUntil: new Date(fireAt.getTime() + 5 * 60_000) }))!;
    messages.push({ channel: 'CKEYDIED', ts: `${fireAt.getTime() / 1000 + 5}.000001`, metadata: { event_type: 'cs_ops_post', event_payload: { key: `report:${run.id}` } } });
    expect(await tick(new Date(fireAt.getTime() + 6 * 60_000))).toMatchObject({ posted: 1 });
    expect(slack.calls('/api/chat.postMessage')).toHaveLength(0);
    expect(await svc.service.models.reportRuns.find({ scheduleId: s.id }).lean()).toMatchObject([{ status: 'posted', attempts: 2, messageId: `${fireAt.getTime() / 1000 + 5}.000001` }]);
    await svc.service.deps.schedules.remove('TA', s.id);
  }, 30_000);

  /** A survey an instance claimed ("sending", held 15 minutes) before dying. */
  async function leftSending(platform: 'slack' | 'teams', recipient: { userId: string } | { channelId: string }) {
    const { survey } = await svc.service.deps.surveys.create({ tenantId: tenantOf(platform), type: 'csat', platform, recipient, locale: 'en', status: 'sending', sendingUntil: new Date(clock.getTime() + 15 * 60_000), dueAt: clock, sentBy: 'auto' });
    return survey;
  }
  const sweepSurveys = (minutesLater: number) => {
    clock = new Date(clock.getTime() + minutesLater * 60_000);
    return sendDueSurveys(svc.service.bot, (_s, e) => { throw e; });
  };

  it('a survey left "sending" by an instance that died after posting it: the sweep finds the post, the customer is asked once', async () => {
    slack.clear();
    const messages = slackWithHistory({ wentThrough: true });
    const posted = await leftSending('slack', { userId: 'UDIED001' });
    messages.push({ channel: 'DDIED001', ts: `${Math.floor(clock.getTime() / 1000) + 1}.000009`, metadata: { event_type: 'cs_ops_post', event_payload: { key: `survey:${posted.id}` } } });
    const lost = await leftSending('slack', { userId: 'UDIED002' });
    // still held by its sender
    expect(await sweepSurveys(10)).toBe(0);
    expect(await sweepSurveys(6)).toBe(2);
    expect(slack.calls('/api/chat.postMessage').map((c) => webApiArgs(c)['channel'])).toEqual(['UDIED002']);
    expect(await svc.service.deps.surveys.find(posted.id)).toMatchObject({ status: 'sent', message: { channelId: 'DDIED001', messageId: messages[0]!.ts } });
    expect(await svc.service.deps.surveys.find(lost.id)).toMatchObject({ status: 'sent', message: { channelId: 'DDIED002' } });
    expect(await sweepSurveys(20)).toBe(0);
    expect(slack.calls('/api/chat.postMessage')).toHaveLength(1);
  }, 30_000);

  it('on Teams (no way to find a post again) such a survey is marked failed ("interrupted") rather than sent blindly', async () => {
    connector.clear();
    const survey = await leftSending('teams', { channelId: CONV });
    expect(await sweepSurveys(16)).toBe(0);
    expect(await svc.service.deps.surveys.find(survey.id)).toMatchObject({ status: 'failed', error: 'interrupted' });
    expect(connector.requests.filter(activities)).toHaveLength(0);
  });
});
