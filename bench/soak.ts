/**
 * Soak: a bounded run mixing ingest, signed /kpi commands, survey sends and clicks, meeting
 * actions and scheduled report runs against one in-process service. Returns requests, errors,
 * RSS after warm-up and at the end, and lost / duplicated writes.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../src/config/index.js';
import { createService } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { nextFire } from '../src/core/reports/schedule.js';
import { runDueReports } from '../src/core/use-cases/report-runs.js';
import { handleBotEvent } from '../src/core/bot/handle-event.js';
import type { RecordedRequest } from '../test/support/recording-server.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../test/support/slack.js';

export interface SoakResult {
  seconds: number;
  requests: number;
  errors: string[];
  rssStartMb: number;
  rssEndMb: number;
  /** live heap after a full collection: what a leak would grow */
  heapStartMb: number;
  heapEndMb: number;
  lost: number;
  duplicated: number;
}

const TENANT = 'TSOAK001';

/** A full garbage collection before measuring (the flag can be set at run time). */
v8.setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const sample = () => {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};

export async function runSoak(mongoUri: string, durationMs: number, warmupMs = Math.min(20_000, durationMs / 4)): Promise<SoakResult> {
  const slack = await startSlackApi();
  let ts = 0;
  let reportPosts = 0;
  slack.on('/api/chat.postMessage', (req: RecordedRequest) => {
    if (webApiArgs(req)['channel'] === 'CSOAKREP') reportPosts++;
    return { body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.${String(++ts).padStart(6, '0')}` } };
  });
  // answers to response_urls are awaited by path; recorded requests are dropped as we go so the
  // harness itself does not grow (it runs in the same process as the service)
  const pending = new Map<string, (body: unknown) => void>();
  slack.on(/^\/hooks\/soak\//, (req: RecordedRequest) => {
    pending.get(req.path)?.(req.body);
    pending.delete(req.path);
    return { body: 'ok' };
  });
  const answerOf = (path: string) =>
    new Promise<unknown>((resolve) => {
      pending.set(path, resolve);
      setTimeout(() => resolve(null), 30_000).unref();
    });
  const sweeper = setInterval(() => slack.clear(), 2000);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', API_KEYS: `${TENANT}:soak-key-0123456789abcdef`, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-soak', SLACK_API_URL: slack.apiUrl, SUPERVISOR_IDS: 'USOAK001', API_RATE_LIMIT_PER_MINUTE: '1000000', WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000' });
  const service = await createService({ config, mongoUri, logger: createLogger('warn'), jobs: false });
  const { url } = await service.start(0, '127.0.0.1');
  for (const m of [service.models.interactions, service.models.surveys, service.models.surveyResponses, service.models.meetings, service.models.reportSchedules, service.models.reportRuns]) await m.collection.deleteMany({ tenantId: TENANT });
  await service.deps.rollups.clear(TENANT);
  const errors: string[] = [];
  let requests = 0;
  let sentInteractions = 0;
  const answered = new Set<string>();
  const started = Date.now();
  const until = started + durationMs;
  const auth = { authorization: 'Bearer soak-key-0123456789abcdef', 'content-type': 'application/json' };
  const check = (what: string, ok: boolean) => {
    requests++;
    if (!ok && errors.length < 50) errors.push(what);
  };
  const loop = async (job: (i: number) => Promise<void>) => {
    for (let i = 0; Date.now() < until; i++) await job(i);
  };
  let start = { rss: 0, heap: 0 };
  const warm = setTimeout(() => (start = sample()), warmupMs);
  const bot = service.bot;
  const ctx = { platform: 'slack' as const, tenantId: TENANT, userId: 'USOAK001', channelId: 'CSOAK001', locale: 'en' as const, isSupervisor: true };
  await Promise.all([
    loop(async (i) => {
      const batch = Array.from({ length: 20 }, (_, k) => {
        const created = Date.now() - ((i * 20 + k) % 5000) * 60_000;
        return { externalId: `S-${i}-${k}`, channel: k % 2 ? 'chat' : 'email', customer: { id: `c${(i * 20 + k) % 700}` }, status: 'resolved', createdAt: new Date(created).toISOString(), resolvedAt: new Date(created + 3_600_000).toISOString() };
      });
      const res = await fetch(`${url}/api/v1/interactions`, { method: 'POST', body: JSON.stringify(batch), headers: auth });
      check(`ingest ${res.status}`, res.status === 200);
      if (res.status === 200) sentInteractions += 20;
    }),
    loop(async (i) => {
      const hook = slack.hook(`soak/kpi/${i}`);
      const answered = answerOf(new URL(hook).pathname);
      const res = await postSigned(`${url}/slack/events`, slashCommandBody({ team_id: TENANT, channel_id: 'CSOAK001', user_id: 'USOAK001', command: '/kpi', text: i % 2 ? 'week' : '30d by:channel', response_url: hook }));
      check(`/kpi ${res.status}`, res.status === 200);
      const answer = await answered;
      check('/kpi answer', answer !== null && !JSON.stringify(answer).includes('Something went wrong'));
    }),
    loop(async (i) => {
      const res = await fetch(`${url}/api/v1/surveys`, { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: `USC${String(i).padStart(6, '0')}` }, locale: 'en' }), headers: auth });
      check(`survey ${res.status}`, res.status === 201);
      if (res.status !== 201) return;
      const s = (await res.json()) as { id: string; message: { channelId: string; messageId: string } };
      for (const v of [4, 4, 5]) {
        const body = interactivityBody(blockActionsPayload({ team: TENANT, user: `USC${String(i).padStart(6, '0')}`, channel: s.message.channelId, message: { ts: s.message.messageId, text: 's', blocks: [] }, action: { action_id: 'survey.answer:0', value: JSON.stringify({ s: s.id, v }), text: 'x' }, response_url: slack.hook(`soak/s/${i}/${v}`) }));
        const click = await postSigned(`${url}/slack/events`, body);
        check(`click ${click.status}`, click.status === 200);
      }
      answered.add(s.id);
    }),
    loop(async (i) => {
      const now = new Date();
      const plan = await handleBotEvent(bot, { ...ctx, now }, { kind: 'command', command: 'meeting', text: `new Soak ${i} | tomorrow 10:00 | 20 | A (10), B (10)` });
      check('meeting plan', plan.kind === 'card');
      const m = await service.models.meetings.findOne({ tenantId: TENANT, title: `Soak ${i}` }).lean();
      if (!m) return;
      const id = String(m._id);
      await service.deps.meetings.start(TENANT, id, now);
      for (const kind of ['meeting.note', 'meeting.decision', 'meeting.next', 'meeting.end']) {
        const r = await handleBotEvent(bot, { ...ctx, now }, { kind: 'action', action: { id: kind, value: JSON.stringify({ m: id, i: 0 }), inputs: { note: 'n', decision: 'd' } } });
        check(kind, r.kind === 'card');
      }
    }),
    (async () => {
      const start = new Date('2026-11-30T00:00:00Z');
      await service.deps.schedules.create({ tenantId: TENANT, platform: 'slack', channelId: 'CSOAKREP', cron: '0 * * * *', timezone: 'UTC', label: 'hourly', query: 'last week', locale: 'en', ownerId: 'USOAK001', paused: false, checkedUntil: start, nextFireAt: nextFire('0 * * * *', 'UTC', start), createdAt: start });
      for (let h = 1; Date.now() < until; h++) {
        const c = await runDueReports(service.bot, new Date(start.getTime() + h * 3_600_000));
        check('report run', c.failed === 0 && c.posted === 1);
        await new Promise((r) => setTimeout(r, 2000));
      }
    })(),
  ]);
  clearTimeout(warm);
  clearInterval(sweeper);
  await new Promise((r) => setTimeout(r, 1500));
  const end = sample();
  const stored = await service.models.interactions.countDocuments({ tenantId: TENANT });
  const responses = await service.models.surveyResponses.countDocuments({ tenantId: TENANT });
  const runs = await service.models.reportRuns.countDocuments({ tenantId: TENANT, status: 'posted' });
  await service.stop();
  await slack.close();
  return {
    seconds: (Date.now() - started) / 1000,
    requests,
    errors,
    rssStartMb: Math.round(start.rss / 1e6),
    rssEndMb: Math.round(end.rss / 1e6),
    heapStartMb: Math.round(start.heap / 1e6),
    heapEndMb: Math.round(end.heap / 1e6),
    lost: Math.max(0, sentInteractions - stored) + Math.max(0, answered.size - responses) + Math.max(0, runs - reportPosts),
    duplicated: Math.max(0, stored - sentInteractions) + Math.max(0, responses - answered.size) + Math.max(0, reportPosts - runs),
  };
}
