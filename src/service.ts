import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/index.js';
import { createHttpApp, finishHttpApp } from './adapters/http/app.js';
import { connectMongo, pingMongo } from './infra/mongo/connection.js';
import { createModels, ensureIndexes } from './infra/mongo/models.js';
import { createInteractionRepository } from './infra/mongo/interactions/repository.js';
import { createRollupRepository } from './infra/mongo/rollups/repository.js';
import { createSurveyResponseRepository } from './infra/mongo/surveys/response-repository.js';
import { createTenantRepository } from './infra/mongo/tenants/repository.js';
import { createApiKeyRepository } from './infra/mongo/api-keys/repository.js';
import { createTargetRepository } from './infra/mongo/targets/repository.js';
import { createLogger, type Logger } from './infra/observability/logger.js';
import { createMetrics } from './infra/observability/metrics.js';
import { DEFAULT_SLA_POLICY } from './core/domain/interaction.js';
import type { BotDeps } from './core/bot/handle-event.js';
import { createQuickChartRenderer } from './infra/charts/quickchart.js';
import { createUsageRecorder } from './infra/observability/usage.js';
import { createLiveCardRepository } from './infra/mongo/live-cards/repository.js';
import { startMinuteJobs } from './infra/scheduler/minute-jobs.js';
import { createSurveyRepository } from './infra/mongo/surveys/repository.js';
import { createMeetingRepository } from './infra/mongo/meetings/repository.js';
import { createActionRepository } from './infra/mongo/actions/repository.js';
import { createReportRunRepository, createReportScheduleRepository } from './infra/mongo/reports/repository.js';
import { createKpiAlertRepository } from './infra/mongo/kpi-alerts/repository.js';
import type { Messengers } from './core/ports/messenger.js';
import { createAnnexLinks, newSecret } from './infra/security/signed-links.js';
import { createPersonalDataEraser } from './infra/mongo/privacy/eraser.js';
import { createRetentionStore } from './infra/mongo/privacy/retention.js';
import { createLocalChartRenderer } from './infra/charts/local.js';
import { createRateLimiter } from './infra/observability/rate-limiter.js';
import { createWebhookSender } from './infra/webhooks/sender.js';
import { ConfigError } from './config/index.js';
import type { MountedPlatform, PlatformMountOptions } from './adapters/platform.js';
import { mountSlack } from './adapters/slack/index.js';
import { mountTeams } from './adapters/teams/index.js';
import { refuseMalformedActivities } from './adapters/teams/inbound.js';
import { mountConsole, type ConsoleOptions } from './adapters/console/index.js';

export interface ServiceOptions {
  config: Config;
  /** overrides config.MONGODB_URI (main resolves a local server when it is absent) */
  mongoUri?: string;
  logger?: Logger;
  now?: () => Date;
  /** scheduled jobs (live cards); tests that drive them by hand turn them off */
  jobs?: boolean;
  /** the local console (no Slack or Teams needed) */
  console?: ConsoleOptions;
}

/** Composition root: builds every dependency once and wires them into the HTTP app. */
export async function createService(opts: ServiceOptions) {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const now = opts.now ?? (() => new Date());
  const uri = opts.mongoUri ?? config.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set');
  const conn = await connectMongo(uri);
  const models = createModels(conn);
  await ensureIndexes(models);

  const apiKeys = createApiKeyRepository(conn);
  for (const { tenantId, key } of config.API_KEYS) await apiKeys.add(tenantId, key, 'API_KEYS');
  const deps = {
    interactions: createInteractionRepository(conn),
    responses: createSurveyResponseRepository(conn),
    rollups: createRollupRepository(conn),
    tenants: createTenantRepository(conn, {
      timezone: config.DEFAULT_TIMEZONE,
      locale: config.DEFAULT_LOCALE,
      slaPolicy: DEFAULT_SLA_POLICY,
    }),
    targets: createTargetRepository(conn),
    surveys: createSurveyRepository(conn),
    meetings: createMeetingRepository(conn),
    actions: createActionRepository(conn),
    schedules: createReportScheduleRepository(conn),
    retention: createRetentionStore(conn),
    runs: createReportRunRepository(conn),
    kpiAlerts: createKpiAlertRepository(conn),
    // filled in once the platforms are mounted (they need the bot, the bot needs them)
    messengers: {} as Messengers,
    apiKeys,
    now,
  };
  // one secret for every instance (links signed by one are read by another)
  const secretKey = { tenantId: '_service', platform: 'service', key: 'link-secret' };
  const secretDoc = await models.installations.collection
    .findOneAndUpdate(secretKey, { $setOnInsert: { data: { secret: newSecret() }, updatedAt: now() } }, { upsert: true, returnDocument: 'after' })
    // two instances starting at once: the other one's insert won
    .catch(async (e: { code?: number }) => (e.code === 11000 ? models.installations.collection.findOne(secretKey) : Promise.reject(e as Error)));
  const linkSecret = (secretDoc?.['data'] as { secret: string }).secret;
  if (config.CHART_RENDERER === 'local' && !config.PUBLIC_URL) throw new ConfigError('Invalid configuration: CHART_RENDERER=local needs PUBLIC_URL (the address Slack and Teams fetch chart images from).');
  const localCharts = config.PUBLIC_URL ? createLocalChartRenderer(linkSecret, config.PUBLIC_URL, now) : undefined;
  const annexLinks = createAnnexLinks((secretDoc?.['data'] as { secret: string }).secret, config.PUBLIC_URL, now);
  const metrics = createMetrics();
  const supervisors = new Set(config.SUPERVISOR_IDS);
  const isSupervisor = async (tenantId: string, userId: string) =>
    supervisors.has(userId) || (await deps.tenants.get(tenantId)).supervisorIds.includes(userId);
  const bot: BotDeps = {
    ...deps,
    charts: config.CHART_RENDERER === 'local' && localCharts ? localCharts : createQuickChartRenderer(config.QUICKCHART_BASE_URL),
    ...(localCharts ? { fallbackCharts: localCharts } : {}),
    usage: createUsageRecorder(conn, metrics, logger),
    live: createLiveCardRepository(conn),
    logger,
    reportMinIntervalMinutes: config.REPORT_MIN_INTERVAL_MINUTES,
    workspaceLimiter: createRateLimiter(config.WORKSPACE_RATE_LIMIT_PER_MINUTE),
    annexLinks,
    webhooks: createWebhookSender({ allowPrivate: config.WEBHOOK_ALLOW_PRIVATE === 'true' }),
    // Slack refuses image URLs over 3,000 characters; Teams cards must stay small too
    chartUrlLimit: { slack: 3000, teams: 4000, console: 8000 },
  };
  const app = createHttpApp({
    ...deps,
    logger,
    metrics,
    bodyLimit: config.BODY_LIMIT_BYTES,
    ready: () => pingMongo(conn),
    eraser: createPersonalDataEraser(conn),
    apiRateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
    ...(localCharts ? { localCharts } : {}),
    annex: { ...deps, charts: bot.charts, verifyAnnex: (token: string) => annexLinks.verify(token) },
  });
  if (opts.console) mountConsole(app, opts.console);
  const mountOptions: PlatformMountOptions = { app, config, logger, bot, tenants: deps.tenants, models, isSupervisor, now, ...(opts.console ? { localeCacheMs: 0 } : {}) };
  const slack = await mountSlack(mountOptions);
  app.use('/api/messages', refuseMalformedActivities(logger));
  const teams = await mountTeams(mountOptions);
  const platforms: MountedPlatform[] = [slack, teams];
  finishHttpApp(app, logger);
  if (slack.messenger) deps.messengers.slack = slack.messenger;
  if (teams.messenger) deps.messengers.teams = teams.messenger;
  const jobs = opts.jobs === false ? null : startMinuteJobs({ ...bot, retention: deps.retention }, logger, now);

  let server: Server | undefined;
  return {
    app,
    deps,
    models,
    bot,
    isSupervisor,
    connection: conn,
    logger,
    async start(port = config.PORT, host = config.HOST) {
      server = app.listen(port, host);
      await once(server, 'listening');
      const address = server.address() as AddressInfo;
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      logger.info({ url }, 'listening');
      return { port: address.port, url };
    },
    /**
     * Graceful stop: scheduled jobs first (none starts during the drain), then new connections
     * refused while in-flight requests and running jobs finish (within graceMs), then MongoDB.
     */
    async stop(graceMs = 10_000) {
      const jobsDone = jobs?.stop(graceMs);
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server?.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
      }
      await jobsDone;
      for (const p of platforms) await p.stop();
      await conn.close();
    },
  };
}
export type Service = Awaited<ReturnType<typeof createService>>;
