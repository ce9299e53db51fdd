import { DateTime } from 'luxon';
import type { ActionItem } from '../domain/meeting.js';
import { t, type Locale } from '../i18n/index.js';
import { KPI_TARGET_PATHS, KPI_TARGET_UNITS, kpiValueAt, type KpiTargetPath, type KpiUnit, type Kpis } from '../kpi/stats.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import type { KpiReport } from '../use-cases/get-kpis.js';
import { mention, type Card, type CardElement, type Metric } from './card.js';
import { metric } from './kpi-card.js';
import { formatKpi, goodness, isMet, KPI_DEFS, type KpiKind } from './kpi-defs.js';
import { formatDay } from './meeting-cards.js';
import { scoreText } from './survey-card.js';

export interface ReportView {
  report: KpiReport;
  locale: Locale;
  chartUrl?: string;
  /** volume and reopen events per category, current period */
  categories: Record<string, Kpis>;
  comments: StoredResponse[];
  actions: ActionItem[];
  today: string;
  /** the scheduled time it was meant for, when posted late */
  lateFor?: Date;
}

const SUMMARY_KPIS = ['volume', 'firstResponseMinutes.median', 'resolutionMinutes.median', 'slaCompliance', 'fcrRate', 'reopenRate', 'csat.score', 'nps.score'];
const FEEDBACK_KPIS = ['csat.score', 'nps.score', 'surveyResponseRate'];

/** Sentences from the numbers: the two biggest improvements and the two biggest deteriorations. */
export function executiveSummary(report: KpiReport, locale: Locale): string[] {
  if (isQuiet(report.current)) return [t(locale, report.current.backlog > 0 ? 'report.summary.no_activity_backlog' : 'report.summary.no_activity', { backlog: report.current.backlog })];
  const moves = KPI_DEFS.filter((d) => SUMMARY_KPIS.includes(d.key)).flatMap((def) => {
    const cur = def.pick(report.current);
    const prev = def.pick(report.previous);
    if (cur === null || prev === null) return [];
    return [{ def, cur, prev, g: goodness(def, cur, prev) }];
  });
  if (moves.length === 0) return [t(locale, 'report.summary.first')];
  const line = (m: (typeof moves)[number], key: string) =>
    t(locale, key, { kpi: t(locale, m.def.labelKey), before: formatKpi(m.def.kind, m.prev, locale), after: formatKpi(m.def.kind, m.cur, locale) });
  const better = moves.filter((m) => m.g > 0.02).sort((a, b) => b.g - a.g).slice(0, 2);
  const worse = moves.filter((m) => m.g < -0.02).sort((a, b) => a.g - b.g).slice(0, 2);
  const out = [...better.map((m) => line(m, 'report.summary.improved')), ...worse.map((m) => line(m, 'report.summary.worsened'))];
  return out.length ? out : [t(locale, 'report.summary.steady')];
}

/** Nothing happened in the period: no contact created or resolved, no survey answered. */
const isQuiet = (k: Kpis) => k.volume === 0 && k.resolved === 0 && k.csat.responses === 0 && k.nps.responses === 0;

/** KPIs with a target that the card does not list */
const OTHER_LABELS: Partial<Record<KpiTargetPath, string>> = {
  'firstResponseMinutes.mean': 'kpi.label.frt_mean',
  'firstResponseMinutes.p90': 'kpi.label.frt_p90',
  'resolutionMinutes.mean': 'kpi.label.rt_mean',
  'csat.mean': 'kpi.label.csat_mean',
};
const KIND_OF: Record<KpiUnit, KpiKind> = { count: 'count', rate: 'rate', minutes: 'minutes', ratio: 'ratio', nps: 'nps', mean5: 'ratio' };

/** Each target against the period's number (met: null when there is no number). */
function targetChecks(report: KpiReport, locale: Locale) {
  return KPI_TARGET_PATHS.flatMap((path) => {
    const target = report.targets[path];
    if (!target) return [];
    const kind = KIND_OF[KPI_TARGET_UNITS[path]];
    const value = kpiValueAt(report.current, path);
    const label = t(locale, KPI_DEFS.find((d) => d.key === path)?.labelKey ?? OTHER_LABELS[path] ?? path);
    const text = `${target.op === '<=' ? '≤' : '≥'} ${formatKpi(kind, target.value, locale)}`;
    return [{ label, value: value === null ? null : formatKpi(kind, value, locale), target: text, met: value === null ? null : isMet(target.op, value, target.value) }];
  });
}

/**
 * KPIs off target, or what the targets say when none is: that there is no target yet (and how
 * to set one), that every one measured was met, or that there was nothing to measure.
 */
function targetLines(report: KpiReport, locale: Locale): string[] {
  const checks = targetChecks(report, locale);
  if (checks.length === 0) return [t(locale, 'report.opportunities.no_targets')];
  const off = checks.filter((c) => c.met === false).map((c) => t(locale, 'report.opportunities.off_target', { kpi: c.label, value: c.value ?? '', target: c.target }));
  if (off.length > 0) return off;
  const unmeasured = checks.filter((c) => c.met === null).map((c) => c.label);
  if (unmeasured.length === checks.length) return [t(locale, 'report.opportunities.no_data', { kpis: unmeasured.join(', ') })];
  return [unmeasured.length ? t(locale, 'report.opportunities.met_some', { kpis: unmeasured.join(', ') }) : t(locale, 'report.opportunities.none')];
}

const section = (title: string): CardElement[] => [{ type: 'divider' }, { type: 'text', text: title, emphasis: 'strong' }];

/** The report summary (seeds' structure): one view model, both renderers. */
export function reportCard(v: ReportView): Card {
  const { report, locale } = v;
  const cur = report.current;
  const title = t(locale, 'report.title', { period: report.period.label });
  const targets = Object.entries(report.targets).map(([kpi, x]) => ({ kpi, op: x.op, value: x.value }));
  const elements: CardElement[] = [];
  if (v.lateFor) elements.push({ type: 'context', text: t(locale, 'report.late_note', { time: DateTime.fromJSDate(v.lateFor, { zone: report.period.timezone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED) }) });
  elements.push({ type: 'text', text: t(locale, 'report.summary'), emphasis: 'strong' }, { type: 'text', text: executiveSummary(report, locale).map((s) => `• ${s}`).join('\n') });

  elements.push(...section(t(locale, 'report.deliveries')));
  const top = Object.entries(v.categories)
    .filter(([k]) => k !== '-')
    .sort((a, b) => b[1].volume - a[1].volume)
    .slice(0, 5)
    .map(([k, s]) => `${k} (${s.volume})`);
  const deliveries = [t(locale, 'report.deliveries.text', { resolved: cur.resolved, volume: cur.volume, backlog: cur.backlog })];
  if (top.length) deliveries.push(t(locale, 'report.deliveries.categories', { list: top.join(', ') }));
  elements.push({ type: 'text', text: deliveries.join('\n') });

  elements.push(...section(t(locale, 'report.kpis')));
  const metrics = KPI_DEFS.filter((d) => !FEEDBACK_KPIS.includes(d.key))
    .map((d) => metric(d, cur, report.previous, targets, locale))
    .filter((m): m is Metric => m !== null);
  elements.push({ type: 'metrics', items: metrics });
  if (v.chartUrl) elements.push({ type: 'image', url: v.chartUrl, alt: t(locale, 'chart.alt') });

  elements.push(...section(t(locale, 'report.feedback')));
  const feedback = KPI_DEFS.filter((d) => FEEDBACK_KPIS.includes(d.key))
    .map((d) => metric(d, cur, report.previous, targets, locale))
    .filter((m): m is Metric => m !== null);
  if (feedback.length) elements.push({ type: 'metrics', items: feedback });
  const quotes = v.comments.map((r) => `“${(r.comment ?? '').replace(/\s+/g, ' ').slice(0, 200)}” (${scoreText(r.type, r.score, locale)})`);
  elements.push({ type: 'text', text: quotes.length ? quotes.join('\n') : t(locale, 'report.feedback.none') });

  elements.push(...section(t(locale, 'report.opportunities')));
  const opportunities = targetLines(report, locale);
  const reopened = Object.entries(v.categories)
    .map(([k, s]) => [k, Math.round((s.reopenRate ?? 0) * s.resolved)] as const)
    .filter(([k, n]) => k !== '-' && n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  if (reopened.length) opportunities.push(t(locale, 'report.opportunities.reopened', { list: reopened.map(([k, n]) => `${k} (${n})`).join(', ') }));
  elements.push({ type: 'text', text: opportunities.map((s) => `• ${s}`).join('\n') });

  elements.push(...section(t(locale, 'report.next_steps')));
  // open ones first (most urgent first), then what got done in the period
  const steps = [...v.actions.filter((a) => a.status === 'open'), ...v.actions.filter((a) => a.status === 'done')].slice(0, 10).map((a) => {
    const origin = a.origin ? ` (${t(locale, 'followup.origin', { label: a.origin.label })})` : '';
    if (a.status === 'done') return t(locale, 'report.next_steps.done', { text: a.text, owner: mention(a.ownerId), origin });
    const key = a.dueDate < v.today ? 'report.next_steps.late' : 'report.next_steps.open';
    return t(locale, key, { text: a.text, owner: mention(a.ownerId), due: formatDay(a.dueDate, locale), origin });
  });
  elements.push({ type: 'text', text: steps.length ? steps.join('\n') : t(locale, 'report.next_steps.none') });
  return { title, subtitle: `${report.period.label} · ${report.period.timezone}`, fallbackText: title, elements };
}

/**
 * The report as data for other tools (outgoing webhooks): the same numbers and sentences as
 * the card, without chat formatting.
 */
export function reportData(v: ReportView) {
  const { report, locale } = v;
  return {
    period: report.period,
    previousPeriod: report.previousPeriod,
    current: report.current,
    previous: report.previous,
    targets: report.targets,
    summary: executiveSummary(report, locale),
    categories: Object.entries(v.categories)
      .filter(([k]) => k !== '-')
      .sort((a, b) => b[1].volume - a[1].volume)
      .slice(0, 10)
      .map(([category, k]) => ({ category, volume: k.volume, resolved: k.resolved })),
    feedback: v.comments.map((r) => ({ type: r.type, score: r.score, comment: r.comment ?? null, respondedAt: r.respondedAt })),
    nextSteps: v.actions.map((a) => ({ text: a.text, ownerId: a.ownerId, dueDate: a.dueDate, status: a.status === 'open' && a.dueDate < v.today ? 'overdue' : a.status, origin: a.origin?.label ?? null })),
    daily: report.daily ?? [],
    ...(v.lateFor ? { lateFor: v.lateFor } : {}),
  };
}
export type ReportData = ReturnType<typeof reportData>;

/** The period's daily numbers as CSV (no personal data). */
export function dailyCsv(report: KpiReport): string {
  const rows = [['date', 'volume', 'resolved', 'frt_median_min', 'resolution_median_min', 'sla_compliance', 'fcr_rate', 'csat', 'nps'].join(',')];
  const n = (x: number | null) => (x === null ? '' : String(Math.round(x * 1000) / 1000));
  for (const d of report.daily ?? []) {
    const k = d.kpis;
    rows.push([DateTime.fromISO(d.start, { zone: report.period.timezone }).toISODate(), k.volume, k.resolved, n(k.firstResponseMinutes.median), n(k.resolutionMinutes.median), n(k.slaCompliance), n(k.fcrRate), n(k.csat.score), n(k.nps.score)].join(','));
  }
  return `${rows.join('\n')}\n`;
}
