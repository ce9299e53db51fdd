import { toLocale } from '../../../core/i18n/index.js';
import { buildReport, type ReportDeps } from '../../../core/reports/build-report.js';
import { ANNEX_PATH, type AnnexToken } from '../../../infra/security/signed-links.js';
import { signedLinkRoute } from './signed-link.js';

/** GET /files/report.csv?token=… — a report's CSV annex behind a signed, expiring link. */
export function annexRoutes(deps: ReportDeps & { verifyAnnex(token: string): AnnexToken | null }) {
  return signedLinkRoute(ANNEX_PATH, (token) => deps.verifyAnnex(token), async (annex, res) => {
    const built = await buildReport(deps, { tenantId: annex.tenantId, query: annex.query, locale: toLocale(annex.locale, 'en'), now: annex.asOf, chartUrlLimit: 0 });
    res.set('content-type', 'text/csv; charset=utf-8');
    res.set('content-disposition', `attachment; filename="report-${annex.asOf.toISOString().slice(0, 10)}.csv"`);
    res.set('cache-control', 'private, no-store');
    res.send(built.csv);
  });
}
