import { DateTime } from 'luxon';
import type { KpiTarget } from '../../domain/tenant.js';
import { t, type Locale } from '../../i18n/index.js';
import { lookup } from '../../lookup.js';
import type { Kpis } from '../stats.js';
import { comparedText, shiftPeriod, type KpiArgs, type ResolvedPeriod } from '../../periods/index.js';
import type { KpiReport } from '../get-kpis.js';
import type { Button, Card, CardElement, Metric, Tone } from '../../cards/card.js';
import { formatDelta, formatKpi, KPI_DEFS, type KpiDef } from './kpi-defs.js';
import { focusKpis, followUpElements } from './follow-up-buttons.js';

export const KPI_ACTIONS = { show: 'kpi.show', liveStop: 'kpi.live_stop' } as const;

export interface KpiCardInput {
  report: KpiReport & { resolved: ResolvedPeriod };
  args: KpiArgs;
  locale: Locale;
  chartUrl?: string;
  targets: KpiTarget[];
  updatedAt: Date;
  /** id of the live-card registration, when this card is kept fresh */
  liveId?: string;
  /** offered first as owners of an action (Teams people picker) */
  people?: string[];
  /** display names of agents (the agent directory), by agent id: the breakdown by agent shows them */
  agentNames?: Record<string, string>;
}

/** One KPI with its change vs the previous period and its target badge; null without data. */
export function metric(def: KpiDef, cur: Kpis, prev: Kpis, targets: KpiTarget[], locale: Locale): Metric | null {
  const value = def.pick(cur);
  if (value === null) return null;
  const m: Metric = { label: t(locale, def.labelKey), value: formatKpi(def.kind, value, locale) };
  const before = def.pick(prev);
  if (before !== null) {
    const text = formatDelta(def.kind, value, before, locale);
    if (text) {
      const arrow = value > before ? 'up' : value < before ? 'down' : 'flat';
      const tone: Tone = arrow === 'flat' || def.better === 'none' ? 'neutral' : (arrow === 'up') === (def.better === 'higher') ? 'good' : 'bad';
      m.delta = { text, arrow, tone };
    }
  }
  const target = targets.find((x) => x.kpi === def.key);
  if (target) {
    const met = target.op === '<=' ? value <= target.value : value >= target.value;
    m.target = { text: `${target.op === '<=' ? '≤' : '≥'} ${formatKpi(def.kind, target.value, locale)}`, met };
  }
  return m;
}

const argsValue = (args: KpiArgs) => JSON.stringify(args);

export function filtersText(args: KpiArgs, locale: Locale): string | null {
  const parts = Object.entries(args.filters).map(([k, v]) => `${t(locale, `kpi.filter.${k}`)}: ${v}`);
  return parts.length ? parts.join(' · ') : null;
}

function breakdownLines(report: KpiReport, args: KpiArgs, locale: Locale, names: Record<string, string>): CardElement[] {
  const map = args.breakdown === 'channel' ? report.byChannel : args.breakdown === 'team' ? report.byTeam : report.byAgent;
  if (!args.breakdown || !map) return [];
  const rows = Object.entries(map)
    .sort((a, b) => b[1].volume - a[1].volume)
    .slice(0, 10)
    .map(([name, k]) => {
      const bits = [`${formatKpi('count', k.volume, locale)} ${t(locale, 'kpi.short.volume')}`];
      if (k.firstResponseMinutes.median !== null) bits.push(`${t(locale, 'kpi.short.frt')} ${formatKpi('minutes', k.firstResponseMinutes.median, locale)}`);
      if (k.csat.score !== null) bits.push(`CSAT ${formatKpi('rate', k.csat.score, locale)}`);
      return `${name === '-' ? t(locale, 'kpi.none') : (lookup(names, name) ?? name)} — ${bits.join(' · ')}`;
    });
  return [
    { type: 'divider' },
    { type: 'text', text: t(locale, `kpi.breakdown.${args.breakdown}`), emphasis: 'strong' },
    { type: 'text', text: rows.length ? rows.join('\n') : t(locale, 'kpi.no_data') },
  ];
}

/**
 * Follow-ups of the KPIs off target or most deteriorated, about the numbers as shown: the
 * period is read as of the card's time, so a click next week still means these numbers.
 */
function followUps(input: KpiCardInput): CardElement[] {
  const { report, args, locale } = input;
  const keys = focusKpis(report.current, report.previous, report.targets);
  if (keys.length === 0) return [];
  const about = { k: keys, a: { period: args.period, filters: args.filters, live: false }, t: input.updatedAt.toISOString() };
  const labels = keys.map((k) => t(locale, KPI_DEFS.find((d) => d.key === k)!.labelKey));
  const due = DateTime.fromJSDate(input.updatedAt, { zone: report.resolved.timezone }).plus({ days: 7 }).toISODate()!;
  return followUpElements(locale, JSON.stringify(about), t(locale, 'followup.suggest.kpi', { kpis: labels.join(', ') }), due, input.people ?? []);
}

/** The KPI card: every KPI with its change and target, a chart, and navigation buttons. */
export function kpiCard(input: KpiCardInput): Card {
  const { report, args, locale } = input;
  const period = report.resolved;
  const items = KPI_DEFS.map((d) => metric(d, report.current, report.previous, input.targets, locale)).filter((m): m is Metric => m !== null);
  const nav = (direction: -1 | 1): KpiArgs => ({ ...args, live: false, period: shiftPeriod(period, direction).spec });
  const buttons: Button[] = [
    { label: `◀ ${t(locale, 'kpi.button.previous')}`, action: { id: KPI_ACTIONS.show, value: argsValue(nav(-1)) } },
    { label: `${t(locale, 'kpi.button.next')} ▶`, action: { id: KPI_ACTIONS.show, value: argsValue(nav(1)) } },
    ...(['channel', 'team', 'agent'] as const)
      .filter((b) => b !== args.breakdown && args.filters[b] === undefined)
      .map((b) => ({ label: t(locale, `kpi.button.by_${b}`), action: { id: KPI_ACTIONS.show, value: argsValue({ ...args, live: false, breakdown: b }) } })),
    { label: t(locale, 'kpi.button.refresh'), action: { id: KPI_ACTIONS.show, value: argsValue({ ...args, live: false }) }, style: 'primary' },
  ];
  if (input.liveId) buttons.push({ label: t(locale, 'kpi.button.stop_live'), action: { id: KPI_ACTIONS.liveStop, value: JSON.stringify({ id: input.liveId }) }, style: 'danger' });
  const filters = filtersText(args, locale);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short', timeZone: period.timezone }).format(input.updatedAt);
  const elements: CardElement[] = [
    ...(report.current.volume === 0 && report.current.resolved === 0 ? [{ type: 'text', text: t(locale, 'kpi.no_data'), emphasis: 'subtle' } as const] : []),
    { type: 'metrics', items },
    ...(input.chartUrl ? [{ type: 'image', url: input.chartUrl, alt: t(locale, 'chart.alt') } as const] : []),
    ...breakdownLines(report, args, locale, args.breakdown === 'agent' ? (input.agentNames ?? {}) : {}),
    {
      type: 'context',
      text: t(locale, input.liveId ? 'kpi.context_live' : 'kpi.context', {
        previous: comparedText(period, locale),
        time,
        timezone: period.timezone,
      }),
    },
    { type: 'actions', buttons },
    ...followUps(input),
  ];
  return {
    title: `${t(locale, 'kpi.title')} — ${report.period.label}`,
    ...(filters ? { subtitle: filters } : {}),
    fallbackText: `${t(locale, 'kpi.title')} — ${report.period.label}: ${items.slice(0, 4).map((m) => `${m.label} ${m.value}`).join(', ')}`,
    elements,
    ...(input.liveId ? { refresh: { id: KPI_ACTIONS.show, value: argsValue({ ...args, live: false }) } } : {}),
  };
}
