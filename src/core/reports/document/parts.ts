/** The first parts of the document: summary, introduction, deliveries, metrics. */
import { t, type Locale } from '../../i18n/index.js';
import type { Kpis } from '../../kpi/index.js';
import { formatInt, formatMinutes, formatPercent } from '../../cards/format.js';
import { formatDelta, formatKpi, isMet, KPI_DEFS } from '../../kpi/index.js';
import { dayText, type DocumentData } from './data.js';
import { hasActivity, summaryTexts } from './texts.js';
import type { DocBlock } from './view.js';

const dash = '–';
const none = (locale: Locale, v: string) => (v === '-' ? t(locale, 'document.none_value') : v);

export function summaryBlocks(d: DocumentData): DocBlock[] {
  return [{ type: 'bullets', items: summaryTexts(d.report, d.report.period.label, d.locale) }];
}

export function introductionBlocks(d: DocumentData): DocBlock[] {
  const { locale, report } = d;
  const filters = Object.entries(d.filters).map(([k, v]) => `${k}:${v}`).join(' ');
  const channels = Object.entries(d.byChannel).filter(([, k]) => k.volume > 0).map(([c]) => none(locale, c));
  return [
    { type: 'paragraph', text: t(locale, 'document.intro.purpose', { team: d.team }) },
    { type: 'paragraph', text: t(locale, 'document.intro.period', { period: report.period.label, timezone: report.period.timezone, previous: report.previousPeriod.label }) },
    { type: 'paragraph', text: channels.length ? t(locale, 'document.intro.services', { channels: channels.join(', '), filters: filters ? t(locale, 'document.intro.filters', { filters }) : '' }) : t(locale, 'document.intro.no_services') },
  ];
}

export const sortedGroups = (groups: Record<string, Kpis>) => Object.entries(groups).filter(([, k]) => k.volume > 0 || k.resolved > 0).sort((a, b) => b[1].resolved - a[1].resolved || b[1].volume - a[1].volume || a[0].localeCompare(b[0]));

function groupTable(locale: Locale, title: string, groups: Record<string, Kpis>): DocBlock[] {
  const rows = sortedGroups(groups).map(([g, k]) => [
    none(locale, g), formatInt(k.volume, locale), formatInt(k.resolved, locale),
    k.slaCompliance === null ? dash : formatPercent(k.slaCompliance, locale), k.resolutionMinutes.median === null ? dash : formatMinutes(k.resolutionMinutes.median, locale),
  ]);
  if (rows.length === 0) return [];
  return [{ type: 'heading', text: title }, { type: 'table', header: [title, t(locale, 'kpi.label.volume'), t(locale, 'kpi.label.resolved'), t(locale, 'kpi.label.sla'), t(locale, 'kpi.label.rt')], rows, numeric: [false, true, true, true, true], widths: ['*', 'auto', 'auto', 'auto', 'auto'] }];
}

function ageText(ms: number, locale: Locale): string {
  return formatMinutes(Math.max(0, ms) / 60_000, locale);
}

/** The period's deliveries in one sentence, or that there was no activity. */
export function deliveryOverview(d: DocumentData): string {
  const { locale, report } = d;
  const cur = report.current;
  return hasActivity(cur) ? t(locale, 'document.deliveries.overview', { resolved: formatInt(cur.resolved, locale), volume: formatInt(cur.volume, locale), backlog: formatInt(cur.backlog, locale) }) : t(locale, 'document.empty', { period: report.period.label });
}

export function deliveryBlocks(d: DocumentData): DocBlock[] {
  const { locale, report } = d;
  const zone = report.period.timezone;
  const out: DocBlock[] = [{ type: 'paragraph', text: deliveryOverview(d) }];
  out.push(...groupTable(locale, t(locale, 'document.deliveries.by_category'), d.byCategory), ...groupTable(locale, t(locale, 'document.deliveries.by_channel'), d.byChannel));
  out.push({ type: 'heading', text: t(locale, 'document.deliveries.open', { n: d.open.length }) });
  if (d.open.length === 0) out.push({ type: 'note', text: t(locale, 'document.deliveries.open_none') });
  else {
    out.push({
      type: 'table',
      header: [t(locale, 'document.col.ticket'), t(locale, 'document.col.created'), t(locale, 'document.col.age'), t(locale, 'document.col.owner'), t(locale, 'document.col.category'), t(locale, 'document.col.priority'), t(locale, 'document.col.status')],
      rows: d.open.map((o) => [o.externalId, dayText(o.createdAt, zone, locale), ageText(d.now.getTime() - o.createdAt.getTime(), locale), o.agentName ?? o.agentId ?? t(locale, 'document.unassigned'), o.category ?? dash, t(locale, `document.priority.${o.priority}`), t(locale, `document.status.${o.status}`)]),
      numeric: [false, false, true, false, false, false, false],
    });
  }
  out.push({ type: 'heading', text: t(locale, 'document.deliveries.actions', { n: d.done.length }) });
  if (d.done.length === 0) out.push({ type: 'note', text: t(locale, 'document.deliveries.actions_none') });
  else {
    out.push({
      type: 'table',
      header: [t(locale, 'document.col.action'), t(locale, 'document.col.owner'), t(locale, 'document.col.due'), t(locale, 'document.col.done')],
      rows: d.done.map((a) => [a.text, a.ownerId, a.dueDate, a.doneAt ? dayText(a.doneAt, zone, locale) : dash]),
      widths: ['*', 'auto', 'auto', 'auto'],
    });
  }
  return out;
}

export function metricBlocks(d: DocumentData): DocBlock[] {
  const { locale, report } = d;
  const rows = KPI_DEFS.flatMap((def) => {
    const cur = def.pick(report.current);
    const prev = def.pick(report.previous);
    if (cur === null && prev === null) return [];
    const target = report.targets[def.key];
    const status = !target || cur === null ? dash : t(locale, isMet(target.op, cur, target.value) ? 'document.target.met' : 'document.target.missed');
    return [[
      t(locale, def.labelKey),
      cur === null ? dash : formatKpi(def.kind, cur, locale),
      prev === null ? dash : formatKpi(def.kind, prev, locale),
      cur === null || prev === null ? dash : (formatDelta(def.kind, cur, prev, locale) ?? dash),
      target ? `${target.op === '<=' ? '≤' : '≥'} ${formatKpi(def.kind, target.value, locale)}` : dash,
      status,
    ]];
  });
  const out: DocBlock[] = [{ type: 'paragraph', text: t(locale, 'document.metrics.intro', { previous: report.previousPeriod.label }) }];
  out.push({ type: 'table', header: [t(locale, 'document.col.kpi'), t(locale, 'document.col.current'), t(locale, 'document.col.previous'), t(locale, 'document.col.change'), t(locale, 'document.col.target'), t(locale, 'document.col.status')], rows, numeric: [false, true, true, true, true, false], widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'] });
  if (Object.keys(report.targets).length === 0) out.push({ type: 'note', text: t(locale, 'document.no_targets') });
  if (d.chart && hasActivity(report.current)) out.push({ type: 'chart', spec: d.chart, caption: t(locale, 'document.metrics.chart') });
  return out;
}
