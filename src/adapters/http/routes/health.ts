import { createHash, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { Router, type Request, type Response } from 'express';
import type { Registry } from 'prom-client';

const digest = (s: string) => createHash('sha256').update(s).digest();
/** "Bearer <token>" compared in constant time (hashes of equal length) */
const bearerMatches = (header: string | undefined, token: string) => timingSafeEqual(digest(header ?? ''), digest(`Bearer ${token}`));

async function sendMetrics(registry: Registry, res: Response) {
  res.type(registry.contentType).send(await registry.metrics());
}

/**
 * Health for load balancers; /metrics on the public port only for a caller holding
 * METRICS_TOKEN (it names routes, volumes and the process's memory): without a token configured
 * it does not exist there (404), with one a wrong or missing bearer gets 401.
 */
export function healthRoutes(deps: { ready: () => Promise<boolean>; registry: Registry; metricsToken?: string }) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // readiness follows MongoDB: a load balancer stops sending traffic while it is away
  router.get('/readyz', async (_req, res) => {
    const ok = await deps.ready();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', mongo: ok ? 'up' : 'down' });
  });
  const token = deps.metricsToken;
  if (token) {
    router.get('/metrics', async (req: Request, res: Response) => {
      if (!bearerMatches(req.headers.authorization, token)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: { code: 'unauthorized', message: 'Send "Authorization: Bearer <METRICS_TOKEN>".' } });
        return;
      }
      await sendMetrics(deps.registry, res);
    });
  }
  return router;
}

/** METRICS_PORT: a listener of its own serving /metrics only (kept off the public port by the network). */
export async function startMetricsListener(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}
