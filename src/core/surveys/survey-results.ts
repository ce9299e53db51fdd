import type { KpiArgs } from '../periods/index.js';
import type { ChartRenderer } from '../ports/charts.js';
import type { SurveyResponseStore } from '../ports/survey-responses.js';
import type { Card } from '../cards/card.js';
import { distributionChartSpec, surveyResultsCard } from './views/survey-results.js';
import { getKpis } from '../kpi/index.js';
import { scopeFor, type ScopeDeps, type Viewer } from '../kpi/index.js';

/** `agents`: agents see their own customers' answers through the agent directory */
export interface SurveyResultsDeps extends ScopeDeps {
  responses: SurveyResponseStore;
  charts: ChartRenderer;
}

const LATEST_COMMENTS = 5;

/** `/survey results [period] [filters]`, scoped like `/kpi` (agents see their own customers'). */
export async function showSurveyResults(deps: SurveyResultsDeps, input: { viewer: Viewer; args: KpiArgs; now: Date; chartUrlLimit: number }): Promise<Card> {
  const args = await scopeFor(deps, input);
  const { viewer } = input;
  const report = await getKpis(deps, { tenantId: viewer.tenantId, period: args.period, at: input.now, now: input.now, filters: args.filters, locale: viewer.locale });
  // the comments the numbers count: to the end of the hour in progress for a period so far
  const range = { start: new Date(report.period.start), end: new Date(report.period.readEnd) };
  const comments = await deps.responses.latestComments(viewer.tenantId, range, LATEST_COMMENTS, args.filters);
  const charts: { type: 'csat' | 'nps'; url: string }[] = [];
  if (report.current.csat.responses > 0) charts.push({ type: 'csat', url: deps.charts.url(distributionChartSpec('csat', report.current.csat.distribution, viewer.locale)) });
  if (report.current.nps.responses > 0) charts.push({ type: 'nps', url: deps.charts.url(distributionChartSpec('nps', report.current.nps.distribution, viewer.locale)) });
  return surveyResultsCard({ report, comments, showPeople: viewer.isSupervisor, charts: charts.filter((c) => c.url.length <= input.chartUrlLimit), locale: viewer.locale });
}
