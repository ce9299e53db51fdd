import { t, type Locale } from '../../i18n/index.js';
import type { StoredResponse } from '../../ports/survey-responses.js';
import type { KpiReport } from '../../kpi/index.js';
import type { Card, CardElement, Metric } from '../../cards/card.js';
import { KPI_DEFS } from '../../kpi/index.js';
import { metric } from '../../kpi/index.js';
import type { ChartSpec } from '../../kpi/index.js';
import { formatInt, formatNumber } from '../../cards/format.js';
import { scoreText } from './survey-card.js';

const SURVEY_KPIS = ['csat.score', 'nps.score', 'surveyResponseRate'];

/** Bars of answers per score: no personal data, only counts. */
export function distributionChartSpec(type: 'csat' | 'nps', counts: number[], locale: Locale): ChartSpec {
  const first = type === 'csat' ? 1 : 0;
  const colour = (score: number) => (type === 'csat' ? (score <= 2 ? '#e15759' : score === 3 ? '#f28e2b' : '#59a14f') : score <= 6 ? '#e15759' : score <= 8 ? '#f28e2b' : '#59a14f');
  const labels = counts.map((_, i) => String(first + i));
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: t(locale, `survey.results.chart_${type}`), data: counts, backgroundColor: labels.map((l) => colour(Number(l))) }] },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

export interface SurveyResultsInput {
  report: KpiReport;
  comments: StoredResponse[];
  /** supervisors see who answered, the ticket and the agent; others only the words */
  showPeople: boolean;
  charts: { type: 'csat' | 'nps'; url: string }[];
  locale: Locale;
}

function metrics(report: KpiReport, locale: Locale): Metric[] {
  const targets = Object.entries(report.targets).map(([kpi, x]) => ({ kpi, op: x.op, value: x.value }));
  const out = KPI_DEFS.filter((d) => SURVEY_KPIS.includes(d.key))
    .map((d) => metric(d, report.current, report.previous, targets, locale))
    .filter((m): m is Metric => m !== null);
  const cur = report.current;
  if (cur.csat.mean !== null) out.push({ label: t(locale, 'survey.results.csat_mean'), value: `${formatNumber(cur.csat.mean, locale, 2)} / 5` });
  out.push({ label: t(locale, 'survey.results.responses'), value: formatInt(cur.csat.responses + cur.nps.responses, locale) });
  return out;
}

function commentLine(r: StoredResponse, showPeople: boolean, locale: Locale): string {
  const score = scoreText(r.type, r.score, locale);
  const comment = (r.comment ?? '').replace(/\s+/g, ' ').slice(0, 300);
  if (!showPeople) return t(locale, 'survey.results.comment_line', { score, comment });
  return t(locale, 'survey.results.comment_line_full', { score, comment, respondent: r.respondent ?? '?', ticket: r.interactionExternalId ?? '—', agent: r.dims.agent === '-' ? '—' : r.dims.agent });
}

/** `/survey results [period]`: CSAT, NPS, response rate, the distribution and latest comments. */
export function surveyResultsCard(input: SurveyResultsInput): Card {
  const { report, locale } = input;
  const title = `${t(locale, 'survey.results.title')} · ${report.period.label}`;
  const cur = report.current;
  if (cur.csat.responses + cur.nps.responses === 0) {
    return { title, fallbackText: `${title}: ${t(locale, 'survey.results.none')}`, elements: [{ type: 'text', text: t(locale, 'survey.results.none') }] };
  }
  const elements: CardElement[] = [{ type: 'metrics', items: metrics(report, locale) }];
  for (const c of input.charts) elements.push({ type: 'image', url: c.url, alt: t(locale, `survey.results.chart_${c.type}`) });
  elements.push({ type: 'divider' }, { type: 'text', text: t(locale, 'survey.results.comments'), emphasis: 'strong' });
  elements.push({
    type: 'text',
    text: input.comments.length ? input.comments.map((r) => `• ${commentLine(r, input.showPeople, locale)}`).join('\n') : t(locale, 'survey.results.no_comments'),
  });
  return { title, fallbackText: title, elements };
}
