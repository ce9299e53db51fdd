import type { Locale } from '../../i18n/index.js';
import type { KpiTargetPath, Kpis } from '../stats.js';
import { formatInt, formatMinutes, formatNumber, formatPercent } from '../../cards/format.js';

export type KpiKind = 'count' | 'rate' | 'minutes' | 'ratio' | 'nps';

/** The KPIs a card shows, how to read them and which direction is good. */
export interface KpiDef {
  /** also the key of a tenant target, e.g. "firstResponseMinutes.median" */
  key: KpiTargetPath;
  labelKey: string;
  kind: KpiKind;
  better: 'higher' | 'lower' | 'none';
  pick(k: Kpis): number | null;
}

export const KPI_DEFS: KpiDef[] = [
  { key: 'volume', labelKey: 'kpi.label.volume', kind: 'count', better: 'none', pick: (k) => k.volume },
  { key: 'resolved', labelKey: 'kpi.label.resolved', kind: 'count', better: 'higher', pick: (k) => k.resolved },
  { key: 'backlog', labelKey: 'kpi.label.backlog', kind: 'count', better: 'lower', pick: (k) => k.backlog },
  { key: 'firstResponseMinutes.median', labelKey: 'kpi.label.frt', kind: 'minutes', better: 'lower', pick: (k) => k.firstResponseMinutes.median },
  { key: 'resolutionMinutes.median', labelKey: 'kpi.label.rt', kind: 'minutes', better: 'lower', pick: (k) => k.resolutionMinutes.median },
  { key: 'resolutionMinutes.p90', labelKey: 'kpi.label.rt_p90', kind: 'minutes', better: 'lower', pick: (k) => k.resolutionMinutes.p90 },
  { key: 'slaCompliance', labelKey: 'kpi.label.sla', kind: 'rate', better: 'higher', pick: (k) => k.slaCompliance },
  { key: 'fcrRate', labelKey: 'kpi.label.fcr', kind: 'rate', better: 'higher', pick: (k) => k.fcrRate },
  { key: 'reopenRate', labelKey: 'kpi.label.reopen', kind: 'rate', better: 'lower', pick: (k) => k.reopenRate },
  { key: 'escalationMinutes.mean', labelKey: 'kpi.label.escalation', kind: 'minutes', better: 'lower', pick: (k) => k.escalationMinutes.mean },
  { key: 'contactsPerCustomer', labelKey: 'kpi.label.contacts', kind: 'ratio', better: 'lower', pick: (k) => k.contactsPerCustomer },
  { key: 'csat.score', labelKey: 'kpi.label.csat', kind: 'rate', better: 'higher', pick: (k) => k.csat.score },
  { key: 'nps.score', labelKey: 'kpi.label.nps', kind: 'nps', better: 'higher', pick: (k) => k.nps.score },
  { key: 'surveyResponseRate', labelKey: 'kpi.label.response_rate', kind: 'rate', better: 'higher', pick: (k) => k.surveyResponseRate },
];

export function formatKpi(kind: KpiKind, value: number, locale: Locale): string {
  switch (kind) {
    case 'count':
      return formatInt(value, locale);
    case 'rate':
      return formatPercent(value, locale);
    case 'minutes':
      return formatMinutes(value, locale);
    case 'ratio':
      return formatNumber(value, locale, 2);
    case 'nps':
      return formatNumber(value, locale, 0);
  }
}

/** Change vs the previous period: points for rates and NPS, percent for the rest. */
export function formatDelta(kind: KpiKind, cur: number, prev: number, locale: Locale): string | null {
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  if (kind === 'rate') return `${sign(cur - prev)}${formatNumber(Math.abs(cur - prev) * 100, locale, 1)} pp`;
  if (kind === 'nps') return `${sign(cur - prev)}${formatNumber(Math.abs(cur - prev), locale, 0)}`;
  if (prev === 0) return null;
  const pct = (cur - prev) / prev;
  return `${sign(pct)}${formatPercent(Math.abs(pct), locale, 0)}`;
}

/** Relative change, signed so that positive is better. */
export function goodness(def: KpiDef, cur: number, prev: number): number {
  if (def.better === 'none') return 0;
  const base = def.kind === 'rate' ? 1 : def.kind === 'nps' ? 100 : Math.abs(prev) || 1;
  const change = (cur - prev) / base;
  return def.better === 'higher' ? change : -change;
}

export const isMet = (op: '<=' | '>=', value: number, target: number) => (op === '<=' ? value <= target : value >= target);
