import { Router } from 'express';
import { parsePeriod } from '../../../core/periods/index.js';
import { getKpis, type GetKpisDeps } from '../../../core/kpi/get-kpis.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { requestLocale } from '../respond.js';
import { sendAs } from '../api-contract.js';
import { ZKpiQuery, ZKpiResponse } from './kpis-schema.js';
import { parseQuery } from '../query.js';

export function kpiRoutes(deps: GetKpisDeps & { now: () => Date }) {
  const router = Router();
  router.get('/api/v1/kpis', requireScope('read'), async (req, res) => {
    const { period, tz, at, breakdown, compare, ...filters } = parseQuery(req, ZKpiQuery);
    const report = await getKpis(deps, {
      tenantId: (res.locals as AuthedLocals).tenantId,
      period: parsePeriod(period),
      ...(tz ? { timezone: tz } : {}),
      at: at ? new Date(at) : deps.now(),
      now: deps.now(),
      filters,
      ...(breakdown ? { breakdown } : {}),
      ...(compare ? { compare } : {}),
      locale: requestLocale(req),
    });
    // the per-day series is for charts only (never asked for here)
    const { resolved: _resolved, daily: _daily, ...body } = report;
    sendAs(res, ZKpiResponse, body);
  });
  return router;
}
