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
import type { ApiKeyStore } from './core/ports/tenants.js';
import { createTargetRepository } from './infra/mongo/targets/repository.js';
import { createAgentRepository } from './infra/mongo/agents/repository.js';
import { createSettingsAuditRepository } from './infra/mongo/settings-audit/repository.js';
import { createLogger, type Logger } from './infra/observability/logger.js';
import { createMetrics } from './infra/observability/metrics.js';
import { DEFAULT_SLA_POLICY } from './core/domain/interaction.js';
import type { BotDeps } from './core/bot/handle-event.js';
import { createQuickChartRenderer } from './infra/charts/quickchart.js';
import { createUsageRecorder } from './infra/observability/usage.js';
import { createLiveCardRepository } from './infra/mongo/live-cards/repository.js';
import { createInstallationRepository } from './infra/mongo/installations/repository.js';
import { startMinuteJobs } from './infra/scheduler/minute-jobs.js';
import { createSurveyRepository } from './infra/mongo/surveys/repository.js';
import { createMeetingRepository } from './infra/mongo/meetings/repository.js';
import { createActionRepository } from './infra/mongo/actions/repository.js';
import { createReportRunRepository, createReportScheduleRepository } from './infra/mongo/reports/repository.js';
import { createKpiAlertRepository } from './infra/mongo/kpi-alerts/repository.js';
import type { ChatPlatforms } from './core/ports/chat-platform.js';
import { createAnnexLinks } from './infra/security/signed-links.js';
import { keyRingFor } from './infra/security/local-key.js';
import { loadCustomerKeySecret, loadLinkSecret } from './infra/security/link-secret.js';
import { sealStoredSecrets } from './infra/security/stored-secrets.js';
import { createCustomerKeys } from './infra/security/customer-keys.js';
import { migrateRollupLayout } from './infra/mongo/rollups/migrate.js';
import { backfillActionNumbers } from './infra/mongo/actions/backfill-numbers.js';
import { createPersonalDataEraser } from './infra/mongo/privacy/eraser.js';
import { createRetentionStore } from './infra/mongo/privacy/retention.js';
import { createLocalChartRenderer } from './infra/charts/local.js';
import { createReportRecords } from './infra/mongo/case-index/repository.js';
import { createPdfRenderer } from './infra/pdf/pdfmake-renderer.js';
import { createRateLimiter } from './infra/observability/rate-limiter.js';
import { createWebhookSender } from './infra/webhooks/sender.js';
import { ConfigError } from './config/index.js';
import type { MountedPlatform, PlatformMountOptions } from './adapters/platform.js';
import { mountSlack } from './adapters/slack/index.js';
import { mountTeams, type TeamsCloud } from './adapters/teams/index.js';
import { mountConsole, type ConsoleOptions } from './adapters/console/index.js';
import { parseSupervisorIds, supervisorIdsIn } from './config/roles.js';
import { supervisorsOf } from './core/domain/tenant.js';
import { startMetricsListener } from './adapters/http/routes/health.js';
import { createSlaJobRepository } from './infra/mongo/sla-jobs/repository.js';
import { createSlaRecompute, type RecomputeSlaOptions } from './core/sla/recompute-sla.js';

export interface ServiceOptions {
  config: Config;
  /** overrides config.MONGODB_URI (main resolves a local server when it is absent) */
  mongoUri?: string;
  logger?: Logger;
  now?: () => Date;
  /** scheduled jobs (live cards); tests that drive them by hand turn them off */
  jobs?: boolean;
  /** the local console (no Slack or Teams needed); refused in production */
  console?: ConsoleOptions;
  /** API_KEYS → stored keys (adds, revokes those no longer listed); the CLI turns it off */
  syncApiKeys?: boolean;
  /** how long a valid API key is trusted without asking the database (default 30 s, at most 60 s) */
  apiKeyCacheMs?: number;
  /** where Teams' OpenID metadata and token issuer are (default: Microsoft's public cloud; tests use their own) */
  teamsCloud?: TeamsCloud;
  /** SLA recompute pacing (tests hold a job between steps) */
  slaRecompute?: RecomputeSlaOptions;
}

/** API_KEYS at start-up; a key listed for a tenant while it is another tenant's stops the start. */
async function syncApiKeys(apiKeys: ApiKeyStore, pairs: Config['API_KEYS'], logger: Logger) {
  const r = await apiKeys.syncBootstrap(pairs);
  if (r.otherTenant.length > 0) throw new ConfigError(`Invalid configuration: API_KEYS lists a key for ${r.otherTenant.join(', ')} that is already another tenant's key; give each tenant its own key.`);
  if (r.added.length + r.revoked.length + r.revived.length > 0) logger.info({ added: r.added, revoked: r.revoked, revived: r.revived }, 'API_KEYS applied');
  if (r.stillRevoked.length > 0) logger.warn({ keyIds: r.stillRevoked }, 'API_KEYS lists keys revoked with cs-ops keys revoke; they stay revoked (remove them from API_KEYS)');
}

/** Composition root: builds every dependency once and wires them into the HTTP app. */
export async function createService(opts: ServiceOptions) {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  if (opts.console && config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: the console is refused in production (NODE_ENV=production).');
  const now = opts.now ?? (() => new Date());
  const uri = opts.mongoUri ?? config.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set');
  const conn = await connectMongo(uri);
  const models = createModels(conn);
  await ensureIndexes(models);
  const keyRing = keyRingFor(config.DATA_KEYS, logger);
  // secrets stored in clear by an earlier version are encrypted before anything reads them
  await sealStoredSecrets(conn, keyRing, logger);

  const apiKeys = createApiKeyRepository(conn, { now, ...(opts.apiKeyCacheMs === undefined ? {} : { cacheTtlMs: opts.apiKeyCacheMs }), onError: (err) => logger.warn({ err }, 'api key lastUsedAt not written') });
  if (opts.syncApiKeys !== false) {
    try {
      await syncApiKeys(apiKeys, config.API_KEYS, logger);
    } catch (e) {
      await conn.close();
      throw e;
    }
  }
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
    agents: createAgentRepository(conn),
    audit: createSettingsAuditRepository(conn),
    surveys: createSurveyRepository(conn),
    meetings: createMeetingRepository(conn),
    actions: createActionRepository(conn),
    schedules: createReportScheduleRepository(conn, keyRing, logger),
    retention: createRetentionStore(conn),
    runs: createReportRunRepository(conn),
    kpiAlerts: createKpiAlertRepository(conn),
    installations: createInstallationRepository(conn),
    // filled in once the platforms are mounted (they need the bot, the bot needs them)
    platforms: {} as ChatPlatforms,
    apiKeys,
    // customers are counted by a keyed hash of their id (one secret for every instance)
    customerKeys: createCustomerKeys(await loadCustomerKeySecret(models.installations, keyRing, now())),
    // the report document: raw reads through the case index, PDFs drawn here
    reportRecords: createReportRecords(conn),
    documents: createPdfRenderer(),
    now,
  };
  await migrateRollupLayout(conn, deps, logger, now);
  // actions stored before they were numbered (a no-op once none is left)
  const numbered = await backfillActionNumbers(conn);
  if (numbered) logger.info({ numbered }, 'numbered the actions stored without a number');
  // one secret for every instance (links signed by one are read by another), stored sealed
  const { secret: linkSecret } = await loadLinkSecret(models.installations, keyRing, now(), logger);
  if (config.CHART_RENDERER === 'local' && !config.PUBLIC_URL) throw new ConfigError('Invalid configuration: CHART_RENDERER=local needs PUBLIC_URL (the address Slack and Teams fetch chart images from).');
  const localCharts = config.PUBLIC_URL ? createLocalChartRenderer(linkSecret, config.PUBLIC_URL, now) : undefined;
  const annexLinks = createAnnexLinks(linkSecret, config.PUBLIC_URL, now);
  const metrics = createMetrics();
  const slaRecompute = createSlaRecompute({ ...deps, slaJobs: createSlaJobRepository(conn), logger }, opts.slaRecompute);
  const configured = parseSupervisorIds(config.SUPERVISOR_IDS);
  if (config.NODE_ENV === 'production' && configured.everywhere.length) {
    logger.warn({ count: configured.everywhere.length }, 'SUPERVISOR_IDS holds ids without a tenant: they are supervisors in every tenant; write them as <tenant>:<user> (T0123:U0456, <tenant guid>:<AAD object id>)');
  }
  const configuredIn = (tenantId: string) => supervisorIdsIn(configured, tenantId);
  const isSupervisor = async (tenantId: string, userId: string) =>
    configuredIn(tenantId).includes(userId) || supervisorsOf((await deps.tenants.get(tenantId)).roles).includes(userId);
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
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    annex: { ...deps, charts: bot.charts, verifyAnnex: (token: string) => annexLinks.verify(token) },
    reportDocument: deps,
    documentLinks: { ...deps, verifyDocument: (token: string) => annexLinks.verify(token, 'pdf') },
    slaRecompute,
  });
  if (opts.console) mountConsole(app, opts.console, deps);
  const mountOptions: PlatformMountOptions = {
    app, config, logger, bot, tenants: deps.tenants, installations: deps.installations, keyRing, isSupervisor, supervisorIdsIn: configuredIn, now, settings: deps,
    ...(opts.console ? { localeCacheMs: 0 } : {}),
    ...(opts.teamsCloud ? { teamsCloud: opts.teamsCloud } : {}),
  };
  const slack = await mountSlack(mountOptions);
  const teams = await mountTeams(mountOptions);
  const mounted: MountedPlatform[] = [slack, teams];
  finishHttpApp(app, logger);
  deps.platforms.slack = slack.chat;
  deps.platforms.teams = teams.chat;
  const jobs = opts.jobs === false ? null : startMinuteJobs({ ...bot, retention: deps.retention }, logger, now);

  let server: Server | undefined;
  let metricsServer: Server | undefined;
  // anything that answers without platform authentication stays on this machine unless HOST says otherwise
  const unauthenticated = Boolean(opts.console) || config.TEAMS_ALLOW_UNAUTHENTICATED === 'true';
  const defaultHost = config.HOST ?? (unauthenticated ? '127.0.0.1' : '0.0.0.0');
  if (unauthenticated && config.HOST && !/^(127\.0\.0\.1|localhost|::1)$/.test(config.HOST)) {
    logger.warn({ host: config.HOST }, 'HOST opens the console or unauthenticated Teams beyond this machine');
  }
  return {
    app,
    deps,
    models,
    keyRing,
    bot,
    isSupervisor,
    connection: conn,
    logger,
    /** `host`: the address actually bound (HOST, else 0.0.0.0 or, while anything unauthenticated runs, 127.0.0.1) */
    async start(port = config.PORT, host = defaultHost): Promise<{ port: number; url: string; host: string; metricsUrl?: string }> {
      server = app.listen(port, host);
      await once(server, 'listening');
      const address = server.address() as AddressInfo;
      const local = host === '0.0.0.0' ? '127.0.0.1' : host;
      const url = `http://${local}:${address.port}`;
      logger.info({ url }, 'listening');
      if (config.METRICS_PORT === undefined) return { port: address.port, url, host: address.address };
      const listener = await startMetricsListener(metrics.registry, config.METRICS_PORT, host);
      metricsServer = listener;
      const metricsUrl = `http://${local}:${(listener.address() as AddressInfo).port}/metrics`;
      logger.info({ url: metricsUrl }, 'metrics listening');
      return { port: address.port, url, host: address.address, metricsUrl };
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
      if (metricsServer) {
        const closed = new Promise<void>((resolve) => metricsServer!.close(() => resolve()));
        metricsServer.closeAllConnections();
        await closed;
      }
      await jobsDone;
      await slaRecompute.stop(graceMs);
      for (const p of mounted) await p.stop();
      await bot.usage.flush?.();
      await conn.close();
    },
  };
}
export type Service = Awaited<ReturnType<typeof createService>>;
