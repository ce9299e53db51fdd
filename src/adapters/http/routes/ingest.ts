import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { IngestReport } from '../../../core/ingest/index.js';
import { ingestInteractions, ingestSurveyResponses, type IngestDeps, type IngestInput } from '../../../core/ingest/ingest-records.js';
import type { Metrics } from '../../../infra/observability/metrics.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { requestLocale } from '../respond.js';
import { sendAs } from '../api-contract.js';

const count = z.number().int().min(0);
/** The answer of every ingest route (core/ingest/batch-outcome.ts). */
export const ZIngestReport = z.object({
  accepted: count.describe('records that passed validation (= created + updated + unchanged)'),
  created: count,
  updated: count,
  unchanged: count,
  rejected: z.array(
    z.object({
      index: z.number().int().optional().describe('position in a JSON array (0-based)'),
      line: z.number().int().optional().describe('line of an NDJSON or CSV body (1-based; CSV header = 1)'),
      externalId: z.string().optional(),
      errors: z.array(z.object({ field: z.string().describe("path of the field ('' = the whole record)"), message: z.string() })),
    }),
  ),
  autoSurveys: z
    .object({
      platform: z.enum(['slack', 'teams']),
      scheduled: count.describe('resolved tickets of this request whose automatic survey was scheduled'),
      withoutRecipient: count.describe('resolved tickets whose customer has no id on that platform (customer.slackUserId / teamsUserId): nobody to ask'),
    })
    .optional()
    .describe('only when automatic surveys are on (settings surveys.autoSend)'),
});

/** 200 when every record landed, 207 when some were rejected, 422 when none was accepted. */
const statusOf = (r: IngestReport) => (r.rejected.length === 0 ? 200 : r.accepted > 0 ? 207 : 422);

export function ingestRoutes(deps: IngestDeps & { bodyLimit: number; metrics: Metrics }) {
  const router = Router();
  // bodies are read raw (any type) so that the use-case can name an unsupported type clearly
  const raw = express.raw({ type: () => true, limit: deps.bodyLimit });

  const handle =
    (kind: 'interactions' | 'survey_responses', format: IngestInput['kind']) => async (req: Request, res: Response) => {
      const input: IngestInput = {
        tenantId: (res.locals as AuthedLocals).tenantId,
        contentType: req.get('content-type'),
        body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
        kind: format,
        locale: requestLocale(req),
      };
      const report = kind === 'interactions' ? await ingestInteractions(deps, input) : await ingestSurveyResponses(deps, input);
      deps.metrics.ingested.inc({ kind, outcome: 'accepted' }, report.accepted);
      deps.metrics.ingested.inc({ kind, outcome: 'rejected' }, report.rejected.length);
      sendAs(res, ZIngestReport, report satisfies IngestReport, statusOf(report));
    };

  router.post('/api/v1/interactions', requireScope('ingest'), raw, handle('interactions', 'json'));
  // "interactions:import" — the colon is literal, not a route parameter
  router.post('/api/v1/interactions\\:import', requireScope('ingest'), raw, handle('interactions', 'csv'));
  router.post('/api/v1/survey-responses', requireScope('ingest'), raw, handle('survey_responses', 'json'));
  router.post('/api/v1/survey-responses\\:import', requireScope('ingest'), raw, handle('survey_responses', 'csv'));
  return router;
}
