/**
 * The document's sentences, generated from the numbers (never canned): each names the KPI and
 * the number behind it. Pure functions of the KPI report, breakdowns and root causes.
 */
import { t, type Locale } from '../../i18n/index.js';
import type { Kpis } from '../../kpi/index.js';
import type { KpiReport } from '../../kpi/index.js';
import { formatInt, formatPercent } from '../../cards/format.js';
import { formatDelta, formatKpi, goodness, isMet, KPI_DEFS, type KpiDef } from '../../kpi/index.js';
import type { RootCauses } from './root-causes.js';

/** a change smaller than this (relative, or points for rates) is noise */
export const NOISE = 0.02;

export type KpiNumbers = Pick<KpiReport, 'current' | 'previous' | 'targets'>;

export interface Movement {
  def: KpiDef;
  cur: number;
  prev: number;
  /** relative change, positive = better */
  g: number;
}

const MOVING = ['volume', 'resolved', 'firstResponseMinutes.median', 'resolutionMinutes.median', 'slaCompliance', 'fcrRate', 'reopenRate', 'csat.score', 'nps.score', 'surveyResponseRate', 'backlog'];

/** KPIs that moved beyond noise against the previous period, biggest first. */
export function movements(r: KpiNumbers): Movement[] {
  return KPI_DEFS.filter((d) => MOVING.includes(d.key) && d.better !== 'none')
    .flatMap((def) => {
      const cur = def.pick(r.current);
      const prev = def.pick(r.previous);
      if (cur === null || prev === null) return [];
      return [{ def, cur, prev, g: goodness(def, cur, prev) }];
    })
    .filter((m) => Math.abs(m.g) >= NOISE)
    .sort((a, b) => Math.abs(b.g) - Math.abs(a.g));
}

export const hasActivity = (k: Kpis) => k.volume > 0 || k.resolved > 0 || k.csat.responses > 0 || k.nps.responses > 0;

const label = (locale: Locale, def: KpiDef) => t(locale, def.labelKey);
const value = (locale: Locale, def: KpiDef, n: number) => formatKpi(def.kind, n, locale);

export function movementText(m: Movement, locale: Locale): string {
  const delta = formatDelta(m.def.kind, m.cur, m.prev, locale);
  return t(locale, m.g > 0 ? 'document.move.improved' : 'document.move.worsened', {
    kpi: label(locale, m.def),
    before: value(locale, m.def, m.prev),
    after: value(locale, m.def, m.cur),
    delta: delta ? ` (${delta})` : '',
  });
}

/** The executive summary: the period in one line, then the 2–3 biggest movements with their size. */
export function summaryTexts(r: KpiNumbers, period: string, locale: Locale): string[] {
  const c = r.current;
  if (!hasActivity(c)) return [t(locale, 'document.empty', { period })];
  const out = [t(locale, 'document.summary.overview', { period, volume: formatInt(c.volume, locale), resolved: formatInt(c.resolved, locale), backlog: formatInt(c.backlog, locale) })];
  if (!hasActivity(r.previous)) return [...out, t(locale, 'document.summary.no_previous')];
  const moves = movements(r).slice(0, 3);
  if (moves.length === 0) return [...out, t(locale, 'document.summary.flat', { noise: formatPercent(NOISE, locale, 0) })];
  return [...out, ...moves.map((m) => movementText(m, locale))];
}

export interface TargetCheck {
  def: KpiDef;
  value: number;
  target: string;
  met: boolean;
}

export function targetChecks(r: KpiNumbers, locale: Locale): TargetCheck[] {
  return KPI_DEFS.flatMap((def) => {
    const target = r.targets[def.key];
    const v = def.pick(r.current);
    if (!target || v === null) return [];
    return [{ def, value: v, target: `${target.op === '<=' ? '≤' : '≥'} ${value(locale, def, target.value)}`, met: isMet(target.op, v, target.value) }];
  });
}

export interface SlaBreach {
  group: string;
  breaches: number;
  resolved: number;
  rate: number;
}

/** SLA breaches (resolved without meeting both targets) per group of a breakdown, most first. */
export function slaBreaches(groups: Record<string, Kpis>): SlaBreach[] {
  return Object.entries(groups)
    .map(([group, k]) => ({ group, resolved: k.resolved, breaches: k.resolved - Math.round((k.slaCompliance ?? 0) * k.resolved) }))
    .filter((b) => b.breaches > 0)
    .map((b) => ({ ...b, rate: b.breaches / b.resolved }))
    .sort((a, b) => b.breaches - a.breaches || a.group.localeCompare(b.group));
}

export interface Analysis {
  successes: string[];
  challenges: string[];
  /** set when the tenant has no targets: how to set one */
  noTargets: boolean;
}

const groupName = (locale: Locale, group: string) => (group === '-' ? t(locale, 'document.none_value') : group);

/** Successes (targets met, improvements) and challenges (targets missed, deteriorations, SLA breaches), each with its number. */
export function analysisTexts(r: KpiNumbers, byChannel: Record<string, Kpis>, locale: Locale): Analysis {
  const checks = targetChecks(r, locale);
  const fmt = (c: TargetCheck) => ({ kpi: label(locale, c.def), value: value(locale, c.def, c.value), target: c.target });
  const successes = checks.filter((c) => c.met).map((c) => t(locale, 'document.analysis.target_met', fmt(c)));
  const challenges = checks.filter((c) => !c.met).map((c) => t(locale, 'document.analysis.target_missed', fmt(c)));
  // an empty period reads as empty, not as every KPI falling to zero
  const moves = hasActivity(r.previous) && hasActivity(r.current) ? movements(r) : [];
  successes.push(...moves.filter((m) => m.g > 0).map((m) => movementText(m, locale)));
  challenges.push(...moves.filter((m) => m.g < 0).map((m) => movementText(m, locale)));
  const sla = r.current.slaCompliance;
  if (sla !== null && sla < 1) {
    const breaches = r.current.resolved - Math.round(sla * r.current.resolved);
    const channels = slaBreaches(byChannel).slice(0, 4).map((b) => t(locale, 'document.analysis.sla_group', { group: groupName(locale, b.group), n: formatInt(b.breaches, locale), rate: formatPercent(b.rate, locale) }));
    challenges.push(t(locale, 'document.analysis.sla_breaches', { n: formatInt(breaches, locale), resolved: formatInt(r.current.resolved, locale), rate: formatPercent(1 - sla, locale), channels: channels.length ? t(locale, 'document.analysis.by_channel', { list: channels.join(', ') }) : '' }));
  }
  return { successes, challenges, noTargets: Object.keys(r.targets).length === 0 };
}

/** What to do next: each recommendation follows from a challenge or a root cause, with its number. */
export function recommendationTexts(r: KpiNumbers, byChannel: Record<string, Kpis>, causes: RootCauses | null, locale: Locale): string[] {
  const out: string[] = [];
  for (const c of targetChecks(r, locale).filter((x) => !x.met)) {
    out.push(t(locale, 'document.rec.target', { kpi: label(locale, c.def), value: value(locale, c.def, c.value), target: c.target }));
  }
  const missed = new Set(targetChecks(r, locale).filter((x) => !x.met).map((x) => x.def.key));
  if (hasActivity(r.previous) && hasActivity(r.current)) {
    for (const m of movements(r).filter((x) => x.g < 0 && !missed.has(x.def.key)).slice(0, 3)) {
      out.push(t(locale, 'document.rec.worsened', { kpi: label(locale, m.def), before: value(locale, m.def, m.prev), after: value(locale, m.def, m.cur) }));
    }
  }
  const worst = slaBreaches(byChannel)[0];
  if (worst) out.push(t(locale, 'document.rec.sla_channel', { group: groupName(locale, worst.group), n: formatInt(worst.breaches, locale), rate: formatPercent(worst.rate, locale) }));
  const top = causes?.causes[0];
  if (top) out.push(t(locale, 'document.rec.cause', { cause: top.label, n: formatInt(top.cases, locale), share: formatPercent(top.cases / causes.withFields, locale) }));
  const reopening = causes?.byReopen.find((x) => x.reopened > 0);
  if (reopening) out.push(t(locale, 'document.rec.reopen', { label: reopening.label, rate: formatPercent(reopening.reopenRate, locale), n: formatInt(reopening.cases, locale) }));
  if (causes && causes.recurring.cases > 0) {
    out.push(t(locale, 'document.rec.recurring', { n: formatInt(causes.recurring.cases, locale), customers: formatInt(causes.recurring.customers, locale), problem: causes.recurring.top[0]?.label ?? '' }));
  }
  return out.length ? out : [t(locale, 'document.rec.none', { noise: formatPercent(NOISE, locale, 0) })];
}

/** Two sentences restating the period. */
export function conclusionTexts(r: KpiNumbers, period: string, counts: { successes: number; challenges: number; recommendations: number }, locale: Locale): string[] {
  const c = r.current;
  if (!hasActivity(c)) return [t(locale, 'document.empty', { period }), t(locale, 'document.conclusion.empty_next')];
  const sla = c.slaCompliance === null ? t(locale, 'document.no_data') : formatPercent(c.slaCompliance, locale);
  const csat = c.csat.score === null ? t(locale, 'document.no_data') : formatPercent(c.csat.score, locale);
  return [
    t(locale, 'document.conclusion.numbers', { period, volume: formatInt(c.volume, locale), resolved: formatInt(c.resolved, locale), sla, csat }),
    t(locale, 'document.conclusion.balance', { successes: counts.successes, challenges: counts.challenges, recommendations: counts.recommendations }),
  ];
}
