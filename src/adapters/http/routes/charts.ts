import { Router } from 'express';
import { t } from '../../../core/i18n/index.js';
import type { ChartSpec } from '../../../core/kpi/views/kpi-chart.js';
import { CHART_PATH, renderChartPng } from '../../../infra/charts/local.js';
import { requestLocale, sendError } from '../respond.js';

/** GET /charts/<signed configuration>.png — the chart drawn by the service. */
export function chartRoutes(charts: { verify(file: string): ChartSpec | null }) {
  const router = Router();
  router.get(`${CHART_PATH}:file`, (req, res) => {
    const spec = charts.verify(String(req.params['file'] ?? ''));
    if (!spec) {
      sendError(res, 403, 'link_invalid', t(requestLocale(req), 'error.link_invalid'));
      return;
    }
    res.set('content-type', 'image/png');
    // the URL names its content: it can be cached for as long as it is valid
    res.set('cache-control', 'public, max-age=86400, immutable');
    res.send(renderChartPng(spec));
  });
  return router;
}
