/** What alerts say: their definition in words, the breach heading and the back-to-normal card. */
import { DateTime } from 'luxon';
import { ALERT_KPIS, type AlertKpi } from '../kpis.js';
import type { AlertOp, KpiAlert, KpiAlertDefinition } from '../../domain/kpi-alert.js';
import { t, type Locale } from '../../i18n/index.js';
import { mention, type Card } from '../../cards/card.js';
import { formatKpi } from '../../kpi/index.js';

const SHOWN: Record<AlertOp, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };
const NEGATED: Record<AlertOp, AlertOp> = { '>': '<=', '>=': '<', '<': '>=', '<=': '>' };

export const kpiOf = (def: Pick<KpiAlertDefinition, 'kpi'>): AlertKpi => {
  const kpi = ALERT_KPIS.get(def.kpi);
  if (!kpi) throw new Error(`unknown alert KPI ${def.kpi}`);
  return kpi;
};

export const formatAlertValue = (def: Pick<KpiAlertDefinition, 'kpi'>, value: number, locale: Locale) => formatKpi(kpiOf(def).kind, value, locale);

/** "chat, last day" — the filters' values and the window. */
export function alertScope(def: KpiAlertDefinition, locale: Locale): string {
  const f = def.filters;
  const filters = [f.channel, f.team, f.agent === undefined ? undefined : mention(f.agent), f.category].filter((x): x is string => x !== undefined);
  const one = def.window.n === 1;
  const window = t(locale, `alert.window.${def.window.unit}${one ? '_one' : ''}`, { n: def.window.n });
  return [...filters, window].join(', ');
}

/** "FRT p90 > 2 h 00 min (chat, last day) · min. 50 responses · grace 4 h" */
export function describeAlert(def: KpiAlertDefinition, locale: Locale): string {
  const kpi = kpiOf(def);
  const parts = [`${t(locale, kpi.labelKey)} ${SHOWN[def.op]} ${formatAlertValue(def, def.threshold, locale)} (${alertScope(def, locale)})`];
  if (def.followsTarget) parts.push(t(locale, 'alert.follows_target'));
  if (def.minSample > 1) parts.push(t(locale, kpi.survey ? 'alert.min_responses' : 'alert.min_interactions', { n: def.minSample }));
  parts.push(t(locale, 'alert.grace', { grace: formatGrace(def.graceMinutes) }));
  return parts.join(' · ');
}

const formatGrace = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : minutes > 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`);

export const breaches = (op: AlertOp, value: number, threshold: number): boolean =>
  op === '>' ? value > threshold : op === '>=' ? value >= threshold : op === '<' ? value < threshold : value <= threshold;

/** "🔔 Alert: FRT p90 2 h 22 min > 2 h 00 min (chat, last day)" */
export function firedHeading(a: KpiAlert, value: number): string {
  return t(a.locale, 'alert.fired', { kpi: t(a.locale, kpiOf(a).labelKey), value: formatAlertValue(a, value, a.locale), op: SHOWN[a.op], threshold: formatAlertValue(a, a.threshold, a.locale), scope: alertScope(a, a.locale) });
}

/** `s`: the command prefix of the alert's platform */
const footer = (a: KpiAlert, s: string) => t(a.locale, 'alert.footer', { id: a.id, s });

/** The KPI card with the breach on top and how to manage the alert below. */
export function firedCard(a: KpiAlert, value: number, kpiCard: Card, s: string): Card {
  const heading = firedHeading(a, value);
  return { ...kpiCard, fallbackText: heading, elements: [{ type: 'text', text: heading, emphasis: 'strong' }, ...kpiCard.elements, { type: 'context', text: footer(a, s) }] };
}

/** "✅ Back to normal: FRT p90 1 h 38 min ≤ 2 h 00 min (chat, last day; alert since Dec 1, 2:05 PM)" */
export function recoveredCard(a: KpiAlert, value: number, timezone: string, s: string): Card {
  const since = a.firedAt ? DateTime.fromJSDate(a.firedAt, { zone: timezone }).setLocale(a.locale).toLocaleString(DateTime.DATETIME_MED).replace(/[\u2009\u202f\u00a0]/g, ' ') : '—';
  const title = t(a.locale, 'alert.recovered', { kpi: t(a.locale, kpiOf(a).labelKey), value: formatAlertValue(a, value, a.locale), op: SHOWN[NEGATED[a.op]], threshold: formatAlertValue(a, a.threshold, a.locale), scope: alertScope(a, a.locale), since });
  return { title, fallbackText: title, elements: [{ type: 'context', text: footer(a, s) }] };
}
