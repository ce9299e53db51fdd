import type { Locale } from '../../i18n/index.js';
import type { Filters } from '../../kpi/index.js';
import { queryKpis } from '../../kpi/index.js';
import { parseKpiArgs, readRange, type KpiArgs } from '../../periods/index.js';
import type { ActionStore } from '../../ports/meetings.js';
import type { DocumentRenderer, ReportRecords } from '../../ports/report-records.js';
import type { SurveyResponseStore } from '../../ports/survey-responses.js';
import { getKpis, type GetKpisDeps } from '../../kpi/index.js';
import { kpiChartSpec } from '../../kpi/index.js';
import type { DocumentData } from './data.js';
import { documentView } from './document-view.js';
import { RECURRENCE_DAYS, rootCauses } from './root-causes.js';
import type { DocumentView } from './view.js';

export interface DocumentDeps extends GetKpisDeps {
  responses: SurveyResponseStore;
  actions: ActionStore;
  reportRecords: ReportRecords;
  documents: DocumentRenderer;
}

export interface BuiltDocument {
  view: DocumentView;
  pdf: Uint8Array;
  fileName: string;
  periodLabel: string;
}

/** what it covers: words as `/report document` takes them, or already parsed (REST) */
export type DocumentInput = { tenantId: string; locale: Locale; now: Date } & ({ query: string } | { args: Pick<KpiArgs, 'period' | 'filters' | 'compare'> });

const OPEN_ITEMS = 10;
const DAY = 86_400_000;

/** A record's dimensions against the filters (the rollups' `-` for none). */
export function matchesFilters(r: { channel: string; team?: string | undefined; agentId?: string | undefined; category?: string | undefined }, f: Filters): boolean {
  return (!f.channel || r.channel === f.channel) && (!f.team || (r.team ?? '-') === f.team) && (!f.agent || (r.agentId ?? '-') === f.agent) && (!f.category || (r.category ?? '-') === f.category);
}

/** What reading the document's data needs; without the indexed records, no root causes nor open items. */
export type DocumentDataDeps = Omit<DocumentDeps, 'documents' | 'reportRecords'> & { reportRecords?: ReportRecords | undefined };

/**
 * Reads what the document and the chat report show: every number from the rollups, the
 * root causes and the oldest open items from records kept indexed for it.
 */
export async function documentData(deps: DocumentDataDeps, input: DocumentInput): Promise<DocumentData> {
  const args = 'query' in input ? parseKpiArgs(input.query) : input.args;
  const [tenant, report] = await Promise.all([
    deps.tenants.get(input.tenantId),
    getKpis(deps, { tenantId: input.tenantId, period: args.period, at: input.now, now: input.now, filters: args.filters, locale: input.locale, daily: true, ...(args.compare ? { compare: args.compare } : {}) }),
  ]);
  const { resolved: period, ...kpis } = report;
  const range = readRange(period);
  const breakdown = (by: 'category' | 'channel') => queryKpis(deps.rollups, { tenantId: input.tenantId, tenantTimezone: tenant.rollupTimezone, current: range, previous: period.previous, filters: args.filters, now: input.now, breakdown: by });
  const [byCategory, byChannel, comments, done, cases, open] = await Promise.all([
    breakdown('category'),
    breakdown('channel'),
    deps.responses.latestComments(input.tenantId, range, 5, args.filters),
    deps.actions.doneBetween(input.tenantId, range.start, range.end),
    // from 30 days before: a problem seen then makes one in the period recurring
    deps.reportRecords?.cases(input.tenantId, { start: new Date(range.start.getTime() - RECURRENCE_DAYS * DAY), end: range.end }) ?? [],
    deps.reportRecords?.oldestOpen(input.tenantId, OPEN_ITEMS, (item) => matchesFilters(item, args.filters)) ?? [],
  ]);
  const causes = rootCauses(cases.filter((c) => matchesFilters(c, args.filters)), range);
  const quoted = (causes?.causes ?? []).slice(0, 3).flatMap((c) => c.latest);
  const notes = quoted.length && deps.reportRecords ? await deps.reportRecords.notesOf(input.tenantId, quoted) : [];
  const points = (kpis.daily ?? []).map((x) => ({ start: new Date(x.start), kpis: x.kpis }));
  return {
    report: kpis,
    team: tenant.name?.trim() || input.tenantId,
    locale: input.locale,
    filters: args.filters,
    byCategory: byCategory.breakdown ?? {},
    byChannel: byChannel.breakdown ?? {},
    comments,
    done,
    open,
    causes,
    // one quote per cause: the latest case of it with a note
    notes: quoted.length ? dedupeByCause(causes?.causes.slice(0, 3) ?? [], notes) : [],
    chart: points.length ? kpiChartSpec(points, kpis.period.timezone, input.locale, points.length > 45 ? 7 : 1) : null,
    now: input.now,
  };
}

function dedupeByCause(causes: { latest: { source: string; externalId: string }[] }[], notes: Awaited<ReturnType<ReportRecords['notesOf']>>) {
  const byKey = new Map(notes.map((n) => [`${n.source}\u0000${n.externalId}`, n]));
  return causes.flatMap((c) => {
    const found = c.latest.map((k) => byKey.get(`${k.source}\u0000${k.externalId}`)).find((n) => n?.notes?.trim());
    return found ? [found] : [];
  });
}

/** The report document of a period and filters, as a PDF. */
export async function buildReportDocument(deps: DocumentDeps, input: DocumentInput): Promise<BuiltDocument> {
  const view = documentView(await documentData(deps, input));
  return { view, pdf: await deps.documents.render(view), fileName: view.fileName, periodLabel: view.period };
}
