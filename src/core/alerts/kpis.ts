/**
 * The KPIs an alert can watch, the words (en and pt-BR) that name them, and how each one is
 * read from a KPI answer together with the sample it rests on.
 */
import type { Kpis } from '../kpi/index.js';
import type { KpiKind } from '../kpi/index.js';
import { kpiPathByName } from '../kpi/index.js';

export interface AlertKpi {
  key: string;
  /** i18n key of the short label ("FRT p90") */
  labelKey: string;
  kind: KpiKind;
  /** the sample counts survey responses (else interactions) */
  survey: boolean;
  pick(k: Kpis): number | null;
  sample(k: Kpis): number;
}

type Stat = 'median' | 'p90' | 'mean';
const duration = (field: 'firstResponseMinutes' | 'resolutionMinutes', short: string, stat: Stat): AlertKpi => ({
  key: `${field}.${stat}`,
  labelKey: `alert.kpi.${short}_${stat}`,
  kind: 'minutes',
  survey: false,
  pick: (k) => k[field][stat],
  sample: (k) => k[field].count,
});
const resolved = (k: Kpis) => k.resolved;
const responses = (k: Kpis) => k.csat.responses + k.nps.responses;

const LIST: AlertKpi[] = [
  ...(['median', 'p90', 'mean'] as const).flatMap((s) => [duration('firstResponseMinutes', 'frt', s), duration('resolutionMinutes', 'rt', s)]),
  { key: 'slaCompliance', labelKey: 'alert.kpi.sla', kind: 'rate', survey: false, pick: (k) => k.slaCompliance, sample: resolved },
  { key: 'fcrRate', labelKey: 'alert.kpi.fcr', kind: 'rate', survey: false, pick: (k) => k.fcrRate, sample: resolved },
  { key: 'reopenRate', labelKey: 'alert.kpi.reopen', kind: 'rate', survey: false, pick: (k) => k.reopenRate, sample: resolved },
  { key: 'csat.score', labelKey: 'alert.kpi.csat', kind: 'rate', survey: true, pick: (k) => k.csat.score, sample: (k) => k.csat.responses },
  { key: 'nps.score', labelKey: 'alert.kpi.nps', kind: 'nps', survey: true, pick: (k) => k.nps.score, sample: (k) => k.nps.responses },
  { key: 'backlog', labelKey: 'alert.kpi.backlog', kind: 'count', survey: false, pick: (k) => k.backlog, sample: (k) => k.volume },
  { key: 'volume', labelKey: 'alert.kpi.volume', kind: 'count', survey: false, pick: (k) => k.volume, sample: (k) => k.volume },
  { key: 'escalationMinutes.mean', labelKey: 'alert.kpi.escalation', kind: 'minutes', survey: false, pick: (k) => k.escalationMinutes.mean, sample: (k) => k.escalationMinutes.count },
  { key: 'surveyResponseRate', labelKey: 'alert.kpi.response_rate', kind: 'rate', survey: true, pick: (k) => k.surveyResponseRate, sample: responses },
];
export const ALERT_KPIS: ReadonlyMap<string, AlertKpi> = new Map(LIST.map((k) => [k.key, k]));

/** `frt.p90`, `tpr.mediana`, `tmr`, `csat`, `reabertura` … → the KPI, or undefined. */
export function alertKpiByName(name: string): AlertKpi | undefined {
  const path = kpiPathByName(name);
  return path === undefined ? undefined : ALERT_KPIS.get(path);
}

/** The names shown in error messages. */
export const ALERT_KPI_NAMES = 'frt, frt.p90, frt.mean, rt, rt.p90, rt.mean, sla, fcr, reopen, csat, nps, backlog, volume, escalation, response_rate';
