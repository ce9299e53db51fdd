import { quantileOf, type Histogram } from './histogram.js';

/** Counters and histograms of one rollup key in one hour (or all time, for totals), as stored. */
export interface Stats {
  c?: Record<string, number>;
  h?: Record<string, Histogram>;
}

export interface SummedStats {
  c: Record<string, number>;
  h: Record<string, Histogram>;
}

export const emptyStats = (): SummedStats => ({ c: {}, h: {} });

export function addStats(into: SummedStats, from: Stats | undefined): void {
  if (!from) return;
  for (const [k, n] of Object.entries(from.c ?? {})) into.c[k] = (into.c[k] ?? 0) + n;
  for (const [name, hist] of Object.entries(from.h ?? {})) {
    const target = (into.h[name] ??= {});
    for (const [bin, n] of Object.entries(hist)) target[bin] = (target[bin] ?? 0) + n;
  }
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
  /**
   * Distinct customers behind `volume`: exact (`estimated: false`) unless the period's day sets
   * add up past the exact budget, then a HyperLogLog estimate with its relative standard error.
   */
  customers: DistinctCustomers;
  /** distribution: responses per score, index = score − 1 */
  csat: { score: number | null; mean: number | null; responses: number; distribution: number[] };
  /** distribution: responses per score, index = score (0–10) */
  nps: { score: number | null; promoters: number; passives: number; detractors: number; responses: number; distribution: number[] };
  surveyResponseRate: number | null;
}

/** How a KPI's number reads, in the unit the KPIs API answers in (rates 0..1, minutes, NPS −100..100, CSAT mean 1..5). */
export type KpiUnit = 'count' | 'rate' | 'minutes' | 'ratio' | 'nps' | 'mean5';

/** The dotted paths of the numeric leaves of T ("csat.score"); arrays are not leaves. */
type NumberPaths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends number | null ? `${P}${K}` : T[K] extends readonly unknown[] ? never : T[K] extends object ? NumberPaths<T[K], `${P}${K}.`> : never;
}[keyof T & string];

/**
 * The KPIs a team can set a target on, by their path in `GET /api/v1/kpis` `current`, with their
 * unit (the type checks each path exists in Kpis). Counts behind other numbers are left out.
 */
export const KPI_TARGET_UNITS = {
  volume: 'count',
  resolved: 'count',
  backlog: 'count',
  reopenRate: 'rate',
  'firstResponseMinutes.mean': 'minutes',
  'firstResponseMinutes.median': 'minutes',
  'firstResponseMinutes.p90': 'minutes',
  'resolutionMinutes.mean': 'minutes',
  'resolutionMinutes.median': 'minutes',
  'resolutionMinutes.p90': 'minutes',
  fcrRate: 'rate',
  slaCompliance: 'rate',
  'escalationMinutes.mean': 'minutes',
  contactsPerCustomer: 'ratio',
  'csat.score': 'rate',
  'csat.mean': 'mean5',
  'nps.score': 'nps',
  surveyResponseRate: 'rate',
} as const satisfies Partial<Record<NumberPaths<Kpis>, KpiUnit>>;
export type KpiTargetPath = keyof typeof KPI_TARGET_UNITS;
export const KPI_TARGET_PATHS = Object.keys(KPI_TARGET_UNITS) as KpiTargetPath[];
export const isKpiTargetPath = (path: string): path is KpiTargetPath => Object.hasOwn(KPI_TARGET_UNITS, path);

/** The number at a target path ("csat.score"), null without data. */
export function kpiValueAt(k: Kpis, path: KpiTargetPath): number | null {
  let cur: unknown = k;
  for (const part of path.split('.')) cur = (cur as Record<string, unknown>)[part];
  return typeof cur === 'number' ? cur : null;
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

export interface DistinctCustomers {
  distinct: number;
  estimated: boolean;
  relativeError?: number;
}
const NO_CUSTOMERS: DistinctCustomers = { distinct: 0, estimated: false };

export function kpisFromStats(s: SummedStats, backlog: number, customers: DistinctCustomers = NO_CUSTOMERS): Kpis {
  const c = (k: string) => s.c[k] ?? 0;
  const volume = c('vol');
  const resolved = c('res');
  const csN = c('csN');
  const npN = c('npN');
  const promoters = histCount(s.h['np'], 9, 10);
  const detractors = histCount(s.h['np'], 0, 6);
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
    contactsPerCustomer: customers.distinct > 0 ? volume / customers.distinct : null,
    customers,
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
