/**
 * (f) One scheduled report to 500 channels against a local Slack API that enforces one message
 * per second per channel and a global rate with 429 + Retry-After: total time against the
 * theoretical minimum under those limits, duplicates and losses.
 */
import { loadConfig } from '../src/config/index.js';
import { createService } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { nextFire } from '../src/core/reports/schedule.js';
import { runDueReports } from '../src/core/reports/report-runs.js';
import type { RecordedRequest } from '../test/support/recording-server.js';
import { startSlackApi, webApiArgs } from '../test/support/slack.js';

const TENANT = 'TBENCHRP';

export async function benchReportFanout(mongoUri: string, o = { channels: 500, globalPerSecond: 50 }) {
  const slack = await startSlackApi();
  const posted = new Map<string, number>();
  const lastByChannel = new Map<string, number>();
  let tokens = o.globalPerSecond;
  let refilled = Date.now();
  let limited = 0;
  slack.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const channel = String(webApiArgs(req)['channel']);
    const now = Date.now();
    tokens = Math.min(o.globalPerSecond, tokens + ((now - refilled) / 1000) * o.globalPerSecond);
    refilled = now;
    const last = lastByChannel.get(channel);
    if (tokens < 1 || (last !== undefined && now - last < 1000)) {
      limited++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    }
    tokens -= 1;
    lastByChannel.set(channel, now);
    posted.set(channel, (posted.get(channel) ?? 0) + 1);
    return { body: { ok: true, channel, ts: `${Math.floor(now / 1000)}.${String(posted.size).padStart(6, '0')}` } };
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '1000000', WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000', SLACK_SIGNING_SECRET: 'bench-secret', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: slack.apiUrl });
  const service = await createService({ config, mongoUri, logger: createLogger('warn'), jobs: false });
  await service.models.reportSchedules.deleteMany({ tenantId: TENANT });
  await service.models.reportRuns.deleteMany({ tenantId: TENANT });
  const fireAt = new Date('2026-11-30T12:00:00Z');
  const before = new Date(fireAt.getTime() - 60_000);
  for (let i = 0; i < o.channels; i++) {
    await service.deps.schedules.create({
      tenantId: TENANT, platform: 'slack', channelId: `CFAN${String(i).padStart(5, '0')}`, cron: '0 12 * * 1', timezone: 'UTC', label: 'weekly mon 12:00', query: 'last week',
      locale: 'en', ownerId: 'UBENCH01', paused: false, checkedUntil: before, nextFireAt: nextFire('0 12 * * 1', 'UTC', before), createdAt: before,
    });
  }
  const started = performance.now();
  const counts = await runDueReports({ ...service.bot, reportConcurrency: 32 }, fireAt);
  const seconds = (performance.now() - started) / 1000;
  const runs = await service.models.reportRuns.countDocuments({ tenantId: TENANT, status: 'posted' });
  await service.stop();
  await slack.close();
  const duplicates = [...posted.values()].filter((n) => n > 1).length;
  const lost = o.channels - posted.size;
  const minimum = o.channels / o.globalPerSecond;
  const ratio = seconds / minimum;
  return {
    ok: ratio <= 1.2 && duplicates === 0 && lost === 0 && runs === o.channels,
    lines: [
      `(f) one report to ${o.channels} channels (1 msg/s per channel, ${o.globalPerSecond} msg/s overall, 429 + Retry-After beyond): ${seconds.toFixed(1)} s vs theoretical minimum ${minimum.toFixed(1)} s → ${ratio.toFixed(2)}× (target ≤ 1.2); ${limited} answers were 429`,
      `    posted ${posted.size}/${o.channels} channels, ${counts.posted} runs posted, duplicates ${duplicates}, lost ${lost}`,
    ],
  };
}
