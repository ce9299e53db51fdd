import { DateTime } from 'luxon';
import type { ActionItem } from '../../domain/meeting.js';
import { t } from '../../i18n/index.js';
import type { DocumentData } from '../document/data.js';
import { summaryTexts } from '../document/texts.js';
import { reportSections } from '../report-sections.js';
import type { KpiReport } from '../../kpi/index.js';
import type { Card, CardElement } from '../../cards/card.js';

export interface ReportView {
  /** what the report document shows, read once: the card is its short form */
  data: DocumentData;
  chartUrl?: string;
  /** open action items and those done lately (the webhook's next steps) */
  actions: ActionItem[];
  today: string;
  /** the scheduled time it was meant for, when posted late */
  lateFor?: Date;
}

/** The chat report: the document's sections in short form, one view model for both renderers. */
export function reportCard(v: ReportView): Card {
  const { report, locale } = v.data;
  const title = t(locale, 'report.title', { period: report.period.label });
  const elements: CardElement[] = [];
  if (v.lateFor) elements.push({ type: 'context', text: t(locale, 'report.late_note', { time: DateTime.fromJSDate(v.lateFor, { zone: report.period.timezone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED) }) });
  elements.push(...reportSections(v.data, { actions: v.actions, today: v.today }, v.chartUrl));
  return { title, subtitle: `${report.period.label} · ${report.period.timezone}`, fallbackText: title, elements };
}

/**
 * The report as data for other tools (outgoing webhooks): the same numbers and sentences as
 * the card, without chat formatting.
 */
export function reportData(v: ReportView) {
  const { report, locale } = v.data;
  return {
    period: report.period,
    previousPeriod: report.previousPeriod,
    current: report.current,
    previous: report.previous,
    targets: report.targets,
    summary: summaryTexts(report, report.period.label, locale),
    categories: Object.entries(v.data.byCategory)
      .filter(([k]) => k !== '-')
      .sort((a, b) => b[1].volume - a[1].volume)
      .slice(0, 10)
      .map(([category, k]) => ({ category, volume: k.volume, resolved: k.resolved })),
    feedback: v.data.comments.map((r) => ({ type: r.type, score: r.score, comment: r.comment ?? null, respondedAt: r.respondedAt })),
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
