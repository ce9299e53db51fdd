import type { Locale } from '../i18n/index.js';
import type { ActionStore } from '../ports/meetings.js';
import type { ReportRecords } from '../ports/report-records.js';
import type { SurveyResponseStore } from '../ports/survey-responses.js';
import { documentData } from './document/build-document.js';
import type { Card } from '../cards/card.js';
import { fittingChartUrl } from '../kpi/index.js';
import { dailyCsv, reportCard, reportData, type ReportData, type ReportView } from './views/report-card.js';
import { todayIn } from '../meetings/index.js';
import type { ShowKpiDeps } from '../kpi/index.js';

export interface ReportDeps extends ShowKpiDeps {
  responses: SurveyResponseStore;
  actions: ActionStore;
  /** absent: the report has no root causes nor open items */
  reportRecords?: ReportRecords | undefined;
}

export interface BuiltReport {
  card: Card;
  /** the same report as data (webhooks) */
  data: ReportData;
  csv: string;
  periodLabel: string;
}

/**
 * A report for a period and filters ("last week channel:email"), as of `now`: the report
 * document's data, read once, shown as the document's sections in short form.
 */
export async function buildReport(deps: ReportDeps, input: { tenantId: string; query: string; locale: Locale; now: Date; chartUrlLimit: number; lateFor?: Date }): Promise<BuiltReport> {
  const [data, tenant, open] = await Promise.all([
    documentData(deps, { tenantId: input.tenantId, query: input.query, locale: input.locale, now: input.now }),
    deps.tenants.get(input.tenantId),
    deps.actions.open(input.tenantId, {}),
  ]);
  const { report } = data;
  // what got done lately, whatever period the report covers: next steps are about now
  const recent = await deps.actions.doneBetween(input.tenantId, new Date(Math.min(Date.parse(report.period.start), input.now.getTime() - 7 * 86_400_000)), input.now);
  const points = (report.daily ?? []).map((d) => ({ start: new Date(d.start), kpis: d.kpis }));
  const chartUrl = fittingChartUrl([deps.charts], points, report.period.timezone, input.locale, input.chartUrlLimit);
  const view: ReportView = {
    data,
    ...(chartUrl ? { chartUrl } : {}),
    actions: [...open, ...recent],
    today: todayIn(tenant.timezone, input.now),
    ...(input.lateFor ? { lateFor: input.lateFor } : {}),
  };
  return { card: reportCard(view), data: reportData(view), csv: dailyCsv(report), periodLabel: report.period.label };
}
