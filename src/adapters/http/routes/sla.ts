import { Router } from 'express';
import { z } from 'zod';
import { t } from '../../../core/i18n/index.js';
import type { SlaRecomputeJob } from '../../../core/ports/sla-jobs.js';
import { SlaRecomputeRunningError, type SlaRecompute } from '../../../core/sla/recompute-sla.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';
import { sendAs, ZApiError } from '../api-contract.js';

export const SLA_RECOMPUTE_PATH = '/api/v1/settings/sla/recompute';
const PATH = SLA_RECOMPUTE_PATH;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('local date YYYY-MM-DD');
const iso = z.string().describe('ISO 8601');
/** POST body (core/sla/recompute-sla.ts parseRecomputeRange checks the dates). */
export const ZSlaRecomputeRequest = z.strictObject({ from: day, to: day.describe('included; at most 1096 days after from') });
export const ZSlaJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  from: day,
  to: day,
  total: z.number().int().describe('interactions created in the range'),
  done: z.number().int().describe('re-judged so far'),
  changed: z.number().int().describe('of those, whose stored SLA changed (rewritten, KPIs moved)'),
  startedAt: iso,
  updatedAt: iso,
  finishedAt: iso.optional(),
  error: z.enum(['lease_expired', 'stopped', 'error']).optional().describe('why a failed job stopped; start it again (idempotent)'),
});
/** 409: a job is running for the tenant; `id` names it */
export const ZSlaJobRunning = ZApiError.extend({ id: z.string(), job: ZSlaJob });

const view = (j: SlaRecomputeJob) => ({
  id: j.id,
  status: j.status,
  from: j.from,
  to: j.to,
  total: j.total,
  done: j.done,
  changed: j.changed,
  startedAt: j.startedAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
  ...(j.finishedAt ? { finishedAt: j.finishedAt.toISOString() } : {}),
  ...(j.error ? { error: j.error } : {}),
});

/**
 * POST re-judges the SLA of the interactions created in a past range of local dates with the
 * current policy, business hours and holidays, in the background (202 with the job); GET follows
 * it. Both need an `admin` key: a recompute rewrites stored records and moves every KPI of the range.
 */
export function slaRoutes(deps: { slaRecompute: SlaRecompute }) {
  const router = Router();
  router.post(PATH, requireScope('admin'), ...jsonBody({ limit: '4kb', anyType: true }), async (req, res) => {
    const tenantId = (res.locals as AuthedLocals).tenantId;
    try {
      const job = await deps.slaRecompute.start(tenantId, req.body);
      res.location(`${PATH}/${job.id}`);
      sendAs(res, ZSlaJob, view(job), 202);
    } catch (e) {
      if (!(e instanceof SlaRecomputeRunningError)) throw e;
      // the running job's id, so the caller can follow it instead
      sendAs(res, ZSlaJobRunning, { error: { code: e.code as string, message: t(requestLocale(req), e.messageKey, e.params) }, id: e.job.id, job: view(e.job) }, 409);
    }
  });
  router.get(`${PATH}/:id`, requireScope('admin'), async (req, res) => {
    sendAs(res, ZSlaJob, view(await deps.slaRecompute.get((res.locals as AuthedLocals).tenantId, String(req.params['id']))));
  });
  return router;
}
