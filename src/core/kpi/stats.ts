import { HLL_M, hllEstimate, hllMerge, hllUnion, type HllCounts } from './hll.js';
import { quantileOf, type Histogram } from './histogram.js';

/** Counters, histograms and HLL registers of one rollup key, as stored. */
export interface Stats {
  c?: Record<string, number>;
  h?: Record<string, Histogram>;
  u?: HllCounts;
  /** register values already condensed (a snapshot read instead of the counters) */
  um?: Uint8Array;
}

export interface SummedStats {
  c: Record<string, number>;
  h: Record<string, Histogram>;
  u: HllCounts;
  um?: Uint8Array;
}

export const emptyStats = (): SummedStats => ({ c: {}, h: {}, u: {} });

export function addStats(into: SummedStats, from: Stats | undefined): void {
  if (!from) return;
  for (const [k, n] of Object.entries(from.c ?? {})) into.c[k] = (into.c[k] ?? 0) + n;
  for (const [name, hist] of Object.entries(from.h ?? {})) {
    const target = (into.h[name] ??= {});
    for (const [bin, n] of Object.entries(hist)) target[bin] = (target[bin] ?? 0) + n;
  }
  hllMerge(into.u, from.u);
  if (from.um) hllUnion((into.um ??= new Uint8Array(HLL_M)), from.um);
}

export interface DurationKpi {
  mean: number | null;
  median: number | null;
  p90: number | null;
  count: number;
}

/** The KPIs of SPEC §4 for one period; rates are fractions, durations minutes, null = no data. */
export interface Kpis {
  volume: number;
  resolved: number;
  backlog: number;
  reopenRate: number | null;
  firstResponseMinutes: DurationKpi;
  resolutionMinutes: DurationKpi;
  fcrRate: number | null;
  slaCompliance: number | null;
  escalationMinutes: { mean: number | null; count: number };
  contactsPerCustomer: number | null;
  /** distribution: responses per score, index = score − 1 */
  csat: { score: number | null; mean: number | null; responses: number; distribution: number[] };
  /** distribution: responses per score, index = score (0–10) */
  nps: { score: number | null; promoters: number; passives: number; detractors: number; responses: number; distribution: number[] };
  surveyResponseRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const MINUTE = 60_000;

function duration(s: SummedStats, countKey: string, msKey: string, hist: string): DurationKpi {
  const count = s.c[countKey] ?? 0;
  const h = s.h[hist] ?? {};
  return {
    mean: count > 0 ? (s.c[msKey] ?? 0) / count / MINUTE : null,
    median: count > 0 ? quantileOf(h, 0.5) : null,
    p90: count > 0 ? quantileOf(h, 0.9) : null,
    count,
  };
}

function histCount(h: Histogram | undefined, from: number, to: number): number {
  let n = 0;
  for (let score = from; score <= to; score++) n += h?.[String(score)] ?? 0;
  return n;
}

const scores = (h: Histogram | undefined, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => h?.[String(from + i)] ?? 0);

export function kpisFromStats(s: SummedStats, backlog: number): Kpis {
  const c = (k: string) => s.c[k] ?? 0;
  const volume = c('vol');
  const resolved = c('res');
  const csN = c('csN');
  const npN = c('npN');
  const promoters = histCount(s.h['np'], 9, 10);
  const detractors = histCount(s.h['np'], 0, 6);
  const customers = volume > 0 ? hllEstimate(s.u, s.um) : 0;
  return {
    volume,
    resolved,
    backlog,
    reopenRate: ratio(c('reo'), resolved),
    firstResponseMinutes: duration(s, 'frtN', 'frtMs', 'frt'),
    resolutionMinutes: duration(s, 'res', 'rtMs', 'rt'),
    fcrRate: ratio(c('fcr'), resolved),
    slaCompliance: ratio(c('sla'), resolved),
    escalationMinutes: { mean: c('escN') > 0 ? c('escMs') / c('escN') / MINUTE : null, count: c('escN') },
    contactsPerCustomer: customers > 0 ? volume / customers : null,
    csat: { score: ratio(histCount(s.h['cs'], 4, 5), csN), mean: ratio(c('csS'), csN), responses: csN, distribution: scores(s.h['cs'], 1, 5) },
    nps: {
      score: npN > 0 ? ((promoters - detractors) / npN) * 100 : null,
      promoters,
      passives: npN - promoters - detractors,
      detractors,
      responses: npN,
      distribution: scores(s.h['np'], 0, 10),
    },
    surveyResponseRate: ratio(c('svA'), c('svS')),
  };
}
