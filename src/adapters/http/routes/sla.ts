import { Router } from 'express';
import { t } from '../../../core/i18n/index.js';
import type { SlaRecomputeJob } from '../../../core/ports/sla-jobs.js';
import { SlaRecomputeRunningError, type SlaRecompute } from '../../../core/use-cases/recompute-sla.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';

const PATH = '/api/v1/settings/sla/recompute';

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
      res.status(202).location(`${PATH}/${job.id}`).json(view(job));
    } catch (e) {
      if (!(e instanceof SlaRecomputeRunningError)) throw e;
      // the running job's id, so the caller can follow it instead
      res.status(409).json({ error: { code: e.code, message: t(requestLocale(req), e.messageKey, e.params) }, id: e.job.id, job: view(e.job) });
    }
  });
  router.get(`${PATH}/:id`, requireScope('admin'), async (req, res) => {
    res.json(view(await deps.slaRecompute.get((res.locals as AuthedLocals).tenantId, String(req.params['id']))));
  });
  return router;
}

const job = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    total: { type: 'integer', description: 'interactions created in the range' },
    done: { type: 'integer', description: 're-judged so far' },
    changed: { type: 'integer', description: 'of those, whose stored SLA changed (rewritten, KPIs moved)' },
    startedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    error: { type: 'string', enum: ['lease_expired', 'stopped', 'error'], description: 'why a failed job stopped; start it again (idempotent)' },
  },
};

/** The routes above in the OpenAPI document. */
export function slaOpenApiPaths(errorResponses: Record<string, unknown>) {
  const content = { 'application/json': { schema: job } };
  return {
    [PATH]: {
      post: {
        summary: 'Re-judge the SLA of interactions created in a past range of local dates (at most 1096 days) with the current SLA policy, business hours and holidays, in the background (admin scope)',
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } }, required: ['from', 'to'], additionalProperties: false } } } },
        responses: { '202': { description: 'Started', content }, '409': { description: 'A job is running for this tenant: `id` names it' }, ...errorResponses },
      },
    },
    [`${PATH}/{id}`]: {
      get: {
        summary: 'Progress of an SLA recompute (admin scope)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The job', content }, ...errorResponses },
      },
    },
  };
}
