import { queryKpis } from '../kpi/query-kpis.js';
import type { Locale } from '../i18n/index.js';
import { parseKpiArgs, readRange } from '../periods/index.js';
import type { ActionStore } from '../ports/meetings.js';
import type { SurveyResponseStore } from '../ports/survey-responses.js';
import type { Card } from '../views/card.js';
import { kpiChartSpec } from '../views/kpi-chart.js';
import { dailyCsv, reportCard, reportData, type ReportData, type ReportView } from '../views/report-card.js';
import { todayIn } from './action-items.js';
import { getKpis } from './get-kpis.js';
import type { ShowKpiDeps } from './show-kpi-card.js';

export interface ReportDeps extends ShowKpiDeps {
  responses: SurveyResponseStore;
  actions: ActionStore;
}

export interface BuiltReport {
  card: Card;
  /** the same report as data (webhooks) */
  data: ReportData;
  csv: string;
  periodLabel: string;
}

/** A report for a period and filters ("last week channel:email"), as of `now`. */
export async function buildReport(deps: ReportDeps, input: { tenantId: string; query: string; locale: Locale; now: Date; chartUrlLimit: number; lateFor?: Date }): Promise<BuiltReport> {
  const args = parseKpiArgs(input.query);
  const tenant = await deps.tenants.get(input.tenantId);
  const report = await getKpis(deps, { tenantId: input.tenantId, period: args.period, at: input.now, now: input.now, filters: args.filters, locale: input.locale, daily: true, ...(args.compare ? { compare: args.compare } : {}) });
  const { resolved } = report;
  const [byCategory, comments, actions, done] = await Promise.all([
    queryKpis(deps.rollups, { tenantId: input.tenantId, tenantTimezone: tenant.rollupTimezone, current: readRange(resolved), previous: resolved.previous, filters: args.filters, now: input.now, breakdown: 'category' }),
    deps.responses.latestComments(input.tenantId, readRange(resolved), 3, args.filters),
    deps.actions.open(input.tenantId, {}),
    // what got done lately, whatever period the report covers: next steps are about now
    deps.actions.doneBetween(input.tenantId, new Date(Math.min(resolved.start.getTime(), input.now.getTime() - 7 * 86_400_000)), input.now),
  ]);
  const points = (report.daily ?? []).map((d) => ({ start: new Date(d.start), kpis: d.kpis }));
  let chartUrl: string | undefined;
  for (const group of [1, 7, 30]) {
    const url = deps.charts.url(kpiChartSpec(points, report.period.timezone, input.locale, group));
    if (url.length <= input.chartUrlLimit) {
      chartUrl = url;
      break;
    }
  }
  const view: ReportView = {
    report,
    locale: input.locale,
    ...(chartUrl ? { chartUrl } : {}),
    categories: byCategory.breakdown ?? {},
    comments,
    actions: [...actions, ...done],
    today: todayIn(tenant.timezone, input.now),
    ...(input.lateFor ? { lateFor: input.lateFor } : {}),
  };
  return { card: reportCard(view), data: reportData(view), csv: dailyCsv(report), periodLabel: report.period.label };
}
