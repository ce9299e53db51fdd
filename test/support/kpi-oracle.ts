/**
 * The raw-scan oracle: KPIs computed straight from the records, the slow way a BI query
 * would. Only tests use it, to prove the rollups give the same answers.
 */
import { DateTime } from 'luxon';
import type { InteractionRecord, SlaTargets, SurveyResponseRecord } from '../../src/core/domain/interaction.js';
import type { DimValues, Filters } from '../../src/core/kpi/dimensions.js';
import type { SlaCalendar } from '../../src/core/sla/business-minutes.js';
import { WEEKDAYS } from '../../src/core/domain/tenant.js';
import { dimsOf, UNLINKED } from '../../src/core/kpi/record-events.js';

export interface OracleKpis {
  volume: number;
  resolved: number;
  backlog: number;
  reopenRate: number | null;
  frt: number[];
  rt: number[];
  fcrRate: number | null;
  slaCompliance: number | null;
  escalationMean: number | null;
  escalations: number;
  distinctCustomers: number;
  csat: { score: number | null; mean: number | null; responses: number };
  nps: { score: number | null; promoters: number; detractors: number; responses: number };
}

const inRange = (d: Date | undefined, start: Date, end: Date) => !!d && d >= start && d < end;
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60000;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function matches(r: InteractionRecord, f: Filters): boolean {
  return dimsMatch(dimsOf(r), f);
}

function dimsMatch(d: DimValues, f: Filters): boolean {
  return (Object.keys(f) as (keyof Filters)[]).every((k) => f[k] === undefined || d[k] === f[k]);
}

/**
 * SLA as the record says it was judged when written: the business minutes stored on it, else
 * (24×7, or stored before business hours existed) the wall clock.
 */
export function storedSlaMet(r: InteractionRecord): boolean {
  if (!r.resolvedAt) return false;
  const clock = r.sla.businessMinutes;
  const resolution = clock ? clock.resolution! : minutes(r.createdAt, r.resolvedAt);
  const firstResponse = r.firstResponseAt ? (clock ? clock.firstResponse! : minutes(r.createdAt, r.firstResponseAt)) : resolution;
  return firstResponse <= r.sla.firstResponseMinutes && resolution <= r.sla.resolutionMinutes;
}

/** Business minutes the slow way: each local day's window, intersected with the span (null: 24×7). */
export function walkBusinessMinutes(from: Date, to: Date, cal: SlaCalendar | null): number {
  if (!cal) return Math.max(0, minutes(from, to));
  let ms = 0;
  for (let day = DateTime.fromJSDate(from, { zone: cal.timezone }).startOf('day'); day.toMillis() < to.getTime(); day = day.plus({ days: 1 }).startOf('day')) {
    if ((cal.hours && !cal.hours.days.includes(WEEKDAYS[day.weekday - 1]!)) || cal.holidays.includes(day.toISODate()!)) continue;
    const at = (hhmm: string) => (hhmm === '24:00' ? day.plus({ days: 1 }).startOf('day') : hhmm === '00:00' ? day : day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) }));
    const start = at(cal.hours?.from ?? '00:00').toMillis();
    const end = at(cal.hours?.to ?? '24:00').toMillis();
    ms += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
  }
  return ms / 60_000;
}

/** SLA judged with a calendar (null: 24×7) and targets, from the record's times only. */
export function slaMetUnder(r: InteractionRecord, cal: SlaCalendar | null, targets: SlaTargets): boolean {
  if (!r.resolvedAt) return false;
  const resolution = walkBusinessMinutes(r.createdAt, r.resolvedAt, cal);
  const firstResponse = r.firstResponseAt ? walkBusinessMinutes(r.createdAt, r.firstResponseAt, cal) : resolution;
  return firstResponse <= targets.firstResponseMinutes && resolution <= targets.resolutionMinutes;
}

export interface OracleOptions {
  /** how an interaction's SLA is judged (default: storedSlaMet) */
  slaMet?: (r: InteractionRecord) => boolean;
}

export function oracleKpis(
  interactions: InteractionRecord[],
  responses: SurveyResponseRecord[],
  start: Date,
  end: Date,
  filters: Filters,
  opts: OracleOptions = {},
): OracleKpis {
  const slaMet = opts.slaMet ?? storedSlaMet;
  const all = interactions.filter((r) => matches(r, filters));
  const created = all.filter((r) => inRange(r.createdAt, start, end));
  const resolved = all.filter((r) => inRange(r.resolvedAt, start, end));
  const reopens = all.flatMap((r) => r.reopenedAt).filter((d) => inRange(d, start, end)).length;
  const escalated = all.filter((r) => inRange(r.escalatedAt, start, end));
  const byKey = new Map(interactions.map((r) => [`${r.source}\u0000${r.externalId}`, r]));
  const linked = responses.filter((resp) => {
    if (!inRange(resp.respondedAt, start, end)) return false;
    const i = resp.interactionExternalId ? byKey.get(`${resp.source}\u0000${resp.interactionExternalId}`) : undefined;
    // an answer whose interaction is unknown counts as having no channel, team, agent or category
    return i ? matches(i, filters) : dimsMatch(UNLINKED, filters);
  });
  const cs = linked.filter((r) => r.type === 'csat');
  const np = linked.filter((r) => r.type === 'nps');
  const promoters = np.filter((r) => r.score >= 9).length;
  const detractors = np.filter((r) => r.score <= 6).length;
  return {
    volume: created.length,
    resolved: resolved.length,
    backlog: all.filter((r) => r.createdAt < end && !(r.resolvedAt && r.resolvedAt < end)).length,
    reopenRate: ratio(reopens, resolved.length),
    frt: created.filter((r) => r.firstResponseAt).map((r) => minutes(r.createdAt, r.firstResponseAt!)),
    rt: resolved.map((r) => minutes(r.createdAt, r.resolvedAt!)),
    fcrRate: ratio(resolved.filter((r) => r.firstContactResolution).length, resolved.length),
    slaCompliance: ratio(resolved.filter((r) => slaMet(r)).length, resolved.length),
    escalationMean: escalated.length ? escalated.reduce((s, r) => s + minutes(r.createdAt, r.escalatedAt!), 0) / escalated.length : null,
    escalations: escalated.length,
    distinctCustomers: new Set(created.map((r) => r.customer.id)).size,
    csat: {
      score: ratio(cs.filter((r) => r.score >= 4).length, cs.length),
      mean: ratio(cs.reduce((s, r) => s + r.score, 0), cs.length),
      responses: cs.length,
    },
    nps: {
      score: np.length ? ((promoters - detractors) / np.length) * 100 : null,
      promoters,
      detractors,
      responses: np.length,
    },
  };
}

/** Exact nearest-rank quantile, the definition the histogram approximates. */
export function exactQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
