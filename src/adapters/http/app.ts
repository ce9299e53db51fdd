import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { t } from '../../core/i18n/index.js';
import type { GetKpisDeps } from '../../core/kpi/get-kpis.js';
import type { IngestDeps } from '../../core/ingest/ingest-records.js';
import type { ApiKeyStore } from '../../core/ports/tenants.js';
import type { Logger } from '../../infra/observability/logger.js';
import type { Metrics } from '../../infra/observability/metrics.js';
import { requireApiKey, type AuthedLocals } from './auth.js';
import { rateLimit } from 'express-rate-limit';
import { openApiDocument } from './openapi.js';
import { loggedPath } from './log-path.js';
import { requestLocale, sendDomainError, sendError } from './respond.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { kpiRoutes } from './routes/kpis.js';
import { surveyRoutes } from './routes/surveys.js';
import { settingsRoutes } from './routes/settings.js';
import { agentRoutes } from './routes/agents.js';
import { annexRoutes } from './routes/annex.js';
import { documentLinkRoutes, reportDocumentRoutes } from './routes/report-document.js';
import { privacyRoutes } from './routes/privacy.js';
import { chartRoutes } from './routes/charts.js';
import { legalRoutes } from './routes/legal.js';
import { slaRoutes } from './routes/sla.js';
import type { SlaRecompute } from '../../core/sla/recompute-sla.js';
import type { ChartSpec } from '../../core/kpi/views/kpi-chart.js';
import type { PersonalDataEraser } from '../../core/ports/privacy.js';
import type { SurveyDeps } from '../../core/surveys/send-survey.js';
import type { AgentDirectory } from '../../core/ports/agents.js';
import type { SettingsAuditStore } from '../../core/ports/tenants.js';

export interface HttpDeps extends Omit<IngestDeps, 'surveys' | 'platforms'>, GetKpisDeps, SurveyDeps {
  apiKeys: ApiKeyStore;
  /** who changed which setting (settings, agents) */
  audit: SettingsAuditStore;
  agents: AgentDirectory;
  logger: Logger;
  metrics: Metrics;
  bodyLimit: number;
  ready: () => Promise<boolean>;
  eraser: PersonalDataEraser;
  /** per API key (tenant) and minute */
  apiRateLimitPerMinute?: number;
  /** the service's own chart PNGs (CHART_RENDERER=local, or charts too long for QuickChart URLs) */
  localCharts?: { verify(file: string): ChartSpec | null };
  /** METRICS_TOKEN: /metrics on this app only with it (else not served here) */
  metricsToken?: string;
  /** the CSV annex links (reports) */
  annex?: Parameters<typeof annexRoutes>[0];
  /** the report document: its REST route, and its signed links (Teams) */
  reportDocument?: Parameters<typeof reportDocumentRoutes>[0];
  documentLinks?: Parameters<typeof documentLinkRoutes>[0];
  /** SLA recompute of a past range (background jobs) */
  slaRecompute?: SlaRecompute;
}

const keyIdOf = (res: unknown) => {
  const keyId = (res as Response).locals?.['apiKeyId'] as string | undefined;
  return keyId ? { apiKeyId: keyId } : {};
};

/** The service's one HTTP app: REST API, health and metrics; platform adapters mount beside. */
export function createHttpApp(deps: HttpDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // the request is described when the response is finished, once its route is known
      quietResLogger: true,
      // with the API key's public id (never the secret), set by auth.ts
      customSuccessObject: (req, res, line: object) => ({ req, ...line, ...keyIdOf(res) }),
      customErrorObject: (req, res, _err, line: object) => ({ req, ...line, ...keyIdOf(res) }),
      // route patterns only: paths carry ids (customers, chart tokens), query strings OAuth codes or filters, bodies personal data
      serializers: {
        req: (req: { method: string; raw: Request }) => ({ method: req.method, path: loggedPath(req.raw) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: res.statusCode }));
    next();
  });

  app.use(healthRoutes({ ready: deps.ready, registry: deps.metrics.registry, ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}) }));
  app.use(legalRoutes());
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  if (deps.annex) app.use(annexRoutes(deps.annex));
  if (deps.documentLinks) app.use(documentLinkRoutes(deps.documentLinks));
  if (deps.localCharts) app.use(chartRoutes(deps.localCharts));
  app.use('/api/v1', requireApiKey(deps.apiKeys));
  app.use(
    '/api/v1',
    rateLimit({
      windowMs: 60_000,
      limit: deps.apiRateLimitPerMinute ?? 600,
      keyGenerator: (_req, res) => (res.locals as AuthedLocals).tenantId,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res, _next, options) => {
        const seconds = Math.ceil(options.windowMs / 1000);
        res.set('Retry-After', String(seconds));
        sendError(res, 429, 'rate_limited', t(requestLocale(req), 'error.rate_limited', { seconds }));
      },
    }),
  );
  app.use(ingestRoutes(deps));
  app.use(kpiRoutes(deps));
  app.use(surveyRoutes(deps));
  app.use(settingsRoutes(deps));
  app.use(agentRoutes(deps));
  if (deps.slaRecompute) app.use(slaRoutes({ slaRecompute: deps.slaRecompute }));
  app.use(privacyRoutes(deps));
  if (deps.reportDocument) app.use(reportDocumentRoutes(deps.reportDocument));
  return app;
}

/** Last handlers: unknown routes and errors, as localized JSON. */
export function finishHttpApp(app: express.Express, logger: Logger) {
  app.use((req: Request, res: Response) => {
    sendError(res, 404, 'not_found', t(requestLocale(req), 'error.not_found'));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; limit?: number; message?: string };
    if (e?.type === 'entity.too.large') {
      sendError(res, 413, 'body_too_large', t(requestLocale(req), 'error.body_too_large', { limit: e.limit ?? 0 }));
      return;
    }
    if (e?.status && e.status >= 400 && e.status < 500) {
      sendError(res, e.status, 'bad_request', t(requestLocale(req), 'error.bad_json', { reason: e.message ?? '' }));
      return;
    }
    sendDomainError(req, res, err, logger);
  });
}
