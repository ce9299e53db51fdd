import { Router, type Request } from 'express';
import { ValidationError } from '../../../core/errors.js';
import { parsePeriod } from '../../../core/periods/index.js';
import { getKpis, type GetKpisDeps } from '../../../core/kpi/get-kpis.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { requestLocale } from '../respond.js';
import { sendAs } from '../api-contract.js';
import { ZKpiQuery, ZKpiResponse } from './kpis-schema.js';

/** Query strings: each parameter once, as a string. */
function singleValued(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== 'string') throw new ValidationError('error.query_param', { name, reason: 'must be given once, as text' });
    out[name] = value;
  }
  return out;
}

export function kpiRoutes(deps: GetKpisDeps & { now: () => Date }) {
  const router = Router();
  router.get('/api/v1/kpis', requireScope('read'), async (req, res) => {
    const parsed = ZKpiQuery.safeParse(singleValued(req));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name = String(issue.path[0] ?? '?');
      const reason = issue.code === 'unrecognized_keys' ? `unknown parameter(s) ${issue.keys.join(', ')}` : issue.message;
      throw new ValidationError('error.query_param', { name: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : name, reason });
    }
    const { period, tz, at, breakdown, compare, ...filters } = parsed.data;
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
