import { Router } from 'express';
import type { Registry } from 'prom-client';

export function healthRoutes(deps: { ready: () => Promise<boolean>; registry: Registry }) {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // readiness follows MongoDB: a load balancer stops sending traffic while it is away
  router.get('/readyz', async (_req, res) => {
    const ok = await deps.ready();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', mongo: ok ? 'up' : 'down' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  return router;
}
