import { Router, type Response } from 'express';
import { z } from 'zod';
import { LOCALES, toLocale } from '../../../core/i18n/index.js';
import { parsePeriod } from '../../../core/periods/index.js';
import { buildReportDocument, type BuiltDocument, type DocumentDeps } from '../../../core/reports/document/build-document.js';
import { kpiFiltersSchema } from '../../../core/kpi/get-kpis.js';
import type { AnnexToken } from '../../../infra/security/signed-links.js';
import { DOCUMENT_PATH } from '../../../infra/security/signed-links.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { signedLinkRoute } from './signed-link.js';
import type { ApiOperation } from '../api-contract.js';
import { requestLocale } from '../respond.js';
import { parseQuery } from '../query.js';

export const ZReportDocumentQuery = z
  .object({
    period: z.string().min(1).max(100).default('last week'),
    lang: z.enum(LOCALES, { message: 'must be pt-BR or en' }).optional(),
    compare: z.enum(['previous', 'yoy'], { message: 'must be previous or yoy' }).optional(),
  })
  .extend(kpiFiltersSchema.shape)
  .strict();

function sendPdf(res: Response, built: BuiltDocument) {
  res.set('content-type', 'application/pdf');
  res.set('content-disposition', `attachment; filename="${built.fileName}"`);
  res.set('cache-control', 'private, no-store');
  res.send(Buffer.from(built.pdf));
}

/** GET /api/v1/reports/document — the report document as a PDF (API key with the `read` scope). */
export function reportDocumentRoutes(deps: DocumentDeps & { now: () => Date }) {
  const router = Router();
  router.get('/api/v1/reports/document', requireScope('read'), async (req, res) => {
    const { period, lang, compare, ...filters } = parseQuery(req, ZReportDocumentQuery);
    const now = deps.now();
    const built = await buildReportDocument(deps, {
      tenantId: (res.locals as AuthedLocals).tenantId,
      locale: lang ?? requestLocale(req),
      now,
      args: { period: parsePeriod(period), filters, ...(compare === 'yoy' ? { compare } : {}) },
    });
    sendPdf(res, built);
  });
  return router;
}

/** GET /files/report.pdf?token=… — the document behind a signed, expiring link (Teams). */
export function documentLinkRoutes(deps: DocumentDeps & { verifyDocument(token: string): AnnexToken | null }) {
  // as of when the link was made: the document it promised, not today's
  return signedLinkRoute(DOCUMENT_PATH, (token) => deps.verifyDocument(token), async (link, res) =>
    sendPdf(res, await buildReportDocument(deps, { tenantId: link.tenantId, query: link.query, locale: toLocale(link.locale, 'en'), now: link.asOf })),
  );
}

export const reportOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/reports/document',
    operationId: 'getReportDocument',
    tags: ['reports'],
    summary: 'The report document of a period (PDF, A4): executive summary to conclusion, nine parts and an annex',
    description: 'Periods and filters as in GET /api/v1/kpis; `lang` defaults to Accept-Language.',
    scope: 'read',
    query: ZReportDocumentQuery,
    responses: { 200: { description: 'The document', schema: z.string().describe('PDF bytes'), example: '%PDF-1.7 …', mediaType: 'application/pdf' } },
    errors: [400],
  },
];
