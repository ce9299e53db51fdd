/**
 * stop() while a scheduled job is running: the job finishes (its report is posted and recorded)
 * before MongoDB is closed, and no job starts once stop() has begun.
 */
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextFire } from '../../src/core/reports/schedule.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { SIGNING_SECRET, startSlackApi, webApiArgs } from '../support/slack.js';

const clock = new Date('2026-12-07T09:00:30Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;

beforeAll(async () => {
  api = await startSlackApi();
  // a slow platform: the job is still running when stop() is called
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ delayMs: 1500, body: { ok: true, channel: webApiArgs(req)['channel'], ts: '1765098030.000100' } }));
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC' }, () => clock);
});
afterAll(async () => {
  await svc.db.drop();
  await api.close();
});

describe('stop() with a job running', () => {
  it('waits for the running report job: posted and recorded before MongoDB closes; nothing starts after', async () => {
    const since = new Date(clock.getTime() - 60_000);
    const s = await svc.service.deps.schedules.create({
      tenantId: 'TA', platform: 'slack', channelId: 'CSTOP001', cron: '0 9 * * *', timezone: 'UTC', label: 'daily', query: 'last week', locale: 'en',
      ownerId: 'USUP0001', paused: false, checkedUntil: since, nextFireAt: nextFire('0 9 * * *', 'UTC', since), createdAt: since,
    });
    // this service's report job, run now instead of at the next minute
    const job = [...cron.getTasks().values()].filter((t) => t.name === 'report-schedules').at(-1)!;
    const run = job.execute();
    await api.waitFor((r) => r.path === '/api/chat.postMessage', 10_000);
    const t0 = Date.now();
    await svc.service.stop(10_000);
    // stop() returned only after the post was answered (1.5 s) and the run recorded
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    await run;
    expect(await svc.db.connection.collection('report_runs').findOne({ scheduleId: s.id })).toMatchObject({ status: 'posted' });
    expect(job.getStatus()).toBe('stopped');
    // a job asked to run after stop() does nothing
    await job.execute();
    expect(api.calls('/api/chat.postMessage')).toHaveLength(1);
  }, 30_000);
});
