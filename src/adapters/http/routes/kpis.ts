import { Router, type Request } from 'express';
import { z } from 'zod';
import { ValidationError } from '../../../core/errors.js';
import { parsePeriod } from '../../../core/periods/index.js';
import { BREAKDOWNS, getKpis, kpiFiltersSchema, type GetKpisDeps } from '../../../core/use-cases/get-kpis.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { requestLocale } from '../respond.js';

const querySchema = z
  .object({
    period: z.string().max(100).default('week'),
    tz: z.string().max(64).optional(),
    at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-25T12:00:00Z' }).optional(),
    breakdown: z.enum(BREAKDOWNS, { message: 'must be channel, team or agent' }).optional(),
    compare: z.enum(['previous', 'yoy'], { message: 'must be previous or yoy' }).optional(),
  })
  .extend(kpiFiltersSchema.shape)
  .strict();

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
    const parsed = querySchema.safeParse(singleValued(req));
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
    const { resolved: _resolved, ...body } = report;
    res.json(body);
  });
  return router;
}
