/**
 * The soak's service: one instance in its own process (forked by bench/soak.ts with `--expose-gc`)
 * so its memory is measured alone. It listens like `src/main.ts`; over IPC it also takes what has
 * no HTTP route — meeting steps through the bot core, scheduler passes at a chosen time, memory
 * readings and the final counts.
 */
import v8 from 'node:v8';
import { loadConfig } from '../src/config/index.js';
import { createService, type Service } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { nextFire } from '../src/core/reports/schedule.js';
import { runDueReports } from '../src/core/reports/report-runs.js';
import { handleBotEvent } from '../src/core/bot/handle-event.js';
import { SOAK_REPORT_CHANNEL, SOAK_REPORT_EPOCH, SOAK_TENANT, type SoakRequest } from './soak-protocol.js';
import { SLACK_PROFILE } from '../src/adapters/slack/profile.js';

const gc = (globalThis as { gc?: () => void }).gc;

/** A full collection first when asked: the live heap is what a leak would grow. */
function memory(collect: boolean) {
  if (collect) gc?.();
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  const space = (name: string) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
  return { rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, malloced: h.malloced_memory, heapLimit: h.heap_size_limit, oldSpace: space('old_space'), newSpace: space('new_space') + space('new_large_object_space'), largeObjects: space('large_object_space') };
}

async function setup(service: Service) {
  const m = service.models;
  for (const model of [m.interactions, m.surveys, m.surveyResponses, m.meetings, m.actionItems, m.reportSchedules, m.reportRuns]) await model.collection.deleteMany({ tenantId: SOAK_TENANT });
  await service.deps.rollups.clear(SOAK_TENANT);
  // a scheduler pass serves every tenant: at the soak's fake times it would post theirs too
  const others = (await service.deps.schedules.tenants()).filter((t) => t !== SOAK_TENANT);
  if (others.length) throw new Error(`the soak needs a database of its own: ${others.join(', ')} have report schedules here`);
  const cron = '0 * * * *';
  await service.deps.schedules.create({ tenantId: SOAK_TENANT, platform: 'slack', channelId: SOAK_REPORT_CHANNEL, cron, timezone: 'UTC', label: 'hourly', query: 'last week', locale: 'en', ownerId: 'USOAK001', paused: false, checkedUntil: SOAK_REPORT_EPOCH, nextFireAt: nextFire(cron, 'UTC', SOAK_REPORT_EPOCH), createdAt: SOAK_REPORT_EPOCH });
}

/** Plan, start, note, decide, move on and end a meeting: [step, ok] per step. */
async function meeting(service: Service, i: number): Promise<[string, boolean][]> {
  const now = new Date();
  const ctx = { platform: 'slack' as const, chat: SLACK_PROFILE, tenantId: SOAK_TENANT, userId: 'USOAK001', channelId: 'CSOAK001', locale: 'en' as const, isSupervisor: true, now };
  const plan = await handleBotEvent(service.bot, ctx, { kind: 'command', command: 'meeting', text: `new Soak ${i} | tomorrow 10:00 | 20 | A (10), B (10)` });
  // the agenda card is posted to the channel and the answer says so; without a platform that posts, the answer is the card
  const planned = plan.kind === 'card' || (plan.kind === 'notice' && plan.notice.tone === 'good');
  const steps: [string, boolean][] = [['meeting plan', planned]];
  const m = await service.models.meetings.findOne({ tenantId: SOAK_TENANT, title: `Soak ${i}` }).lean();
  if (!m) return [...steps, ['meeting stored', false]];
  const id = String(m._id);
  await service.deps.meetings.start(SOAK_TENANT, id, now);
  for (const kind of ['meeting.note', 'meeting.decision', 'meeting.next', 'meeting.end']) {
    const r = await handleBotEvent(service.bot, ctx, { kind: 'action', action: { id: kind, value: JSON.stringify({ m: id, i: 0 }), inputs: { note: 'n', decision: 'd' } } });
    steps.push([kind, r.kind === 'card']);
  }
  return steps;
}

async function reports(service: Service, at: string) {
  const errors: string[] = [];
  const counts = await runDueReports(service.bot, new Date(at), (e) => errors.push((e as Error).message));
  return { ...counts, errors };
}

async function counts(service: Service) {
  const m = service.models;
  return {
    interactions: await m.interactions.countDocuments({ tenantId: SOAK_TENANT }),
    responses: await m.surveyResponses.countDocuments({ tenantId: SOAK_TENANT }),
    reportRuns: await m.reportRuns.countDocuments({ tenantId: SOAK_TENANT, status: 'posted' }),
  };
}

async function main() {
  const config = loadConfig();
  const service = await createService({ config, logger: createLogger(config.LOG_LEVEL), jobs: false });
  const { url } = await service.start(0, '127.0.0.1');
  const handle = async (req: SoakRequest): Promise<unknown> => {
    switch (req.op) {
      case 'setup':
        return setup(service);
      case 'meeting':
        return meeting(service, req.i);
      case 'reports':
        return reports(service, req.at);
      case 'memory':
        return memory(req.gc);
      case 'snapshot':
        return v8.writeHeapSnapshot(req.file);
      case 'counts':
        return counts(service);
      case 'stop':
        await service.stop();
        setImmediate(() => process.exit(0));
        return null;
    }
  };
  process.on('message', (msg: { id: number; req: SoakRequest }) => {
    handle(msg.req).then(
      (result) => process.send?.({ id: msg.id, result }),
      (e: unknown) => process.send?.({ id: msg.id, error: (e as Error).stack ?? String(e) }),
    );
  });
  process.send?.({ ready: url });
}

main().catch((e: unknown) => {
  process.stderr.write(`soak service failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
