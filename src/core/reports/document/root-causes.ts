import type { CaseRecord } from '../../ports/report-records.js';

/** a problem seen again from the same customer within this many days is recurring */
export const RECURRENCE_DAYS = 30;
const DAY = 86_400_000;

export interface Ranked {
  label: string;
  cases: number;
  /** cases reopened at least once */
  reopened: number;
  reopenRate: number;
  /** the latest cases (for quoting their notes) */
  latest: { source: string; externalId: string }[];
}

export interface RootCauses {
  /** cases in the period with any service-report field */
  withFields: number;
  causes: Ranked[];
  problems: Ranked[];
  products: Ranked[];
  /** causes and products with a reopened case, highest reopen rate first */
  byReopen: Ranked[];
  recurring: { cases: number; customers: number; top: Ranked[] };
}

/** Texts compared case- and space-insensitively; shown as first written. */
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function rank(cases: CaseRecord[], labelOf: (c: CaseRecord) => string | undefined): Ranked[] {
  const groups = new Map<string, { label: string; list: CaseRecord[] }>();
  for (const c of cases) {
    const raw = labelOf(c)?.trim();
    if (!raw) continue;
    const key = norm(raw);
    const g = groups.get(key) ?? { label: raw.replace(/\s+/g, ' '), list: [] };
    g.list.push(c);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ label, list }) => {
      const reopened = list.filter((c) => c.reopens > 0).length;
      const latest = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 3).map((c) => ({ source: c.source, externalId: c.externalId }));
      return { label, cases: list.length, reopened, reopenRate: reopened / list.length, latest };
    })
    .sort((a, b) => b.cases - a.cases || a.label.localeCompare(b.label));
}

export const productLabel = (c: Pick<CaseRecord, 'product'>) => [c.product?.brand, c.product?.model].filter(Boolean).join(' ') || undefined;

/**
 * Cases of the period that repeat a problem the same customer had within RECURRENCE_DAYS
 * before (earlier cases come from `history`, read from 30 days before the period).
 */
function recurringCases(inPeriod: CaseRecord[], history: CaseRecord[]): CaseRecord[] {
  const seen = new Map<string, number[]>();
  for (const c of history) {
    if (!c.problem) continue;
    const key = `${c.customerKey}\u0000${norm(c.problem)}`;
    seen.set(key, [...(seen.get(key) ?? []), c.createdAt.getTime()]);
  }
  return inPeriod.filter((c) => {
    if (!c.problem) return false;
    const at = c.createdAt.getTime();
    return (seen.get(`${c.customerKey}\u0000${norm(c.problem)}`) ?? []).some((x) => x < at && at - x <= RECURRENCE_DAYS * DAY);
  });
}

/** Root causes, problems and products of the cases created in [start, end); `all` may start earlier (recurrences). */
export function rootCauses(all: CaseRecord[], range: { start: Date; end: Date }): RootCauses | null {
  const inPeriod = all.filter((c) => c.createdAt >= range.start && c.createdAt < range.end);
  if (inPeriod.length === 0) return null;
  const causes = rank(inPeriod, (c) => c.rootCause);
  const products = rank(inPeriod, productLabel);
  const recurring = recurringCases(inPeriod, all);
  return {
    withFields: inPeriod.length,
    causes,
    problems: rank(inPeriod, (c) => c.problem),
    products,
    byReopen: [...causes, ...products].filter((r) => r.reopened > 0).sort((a, b) => b.reopenRate - a.reopenRate || b.cases - a.cases),
    recurring: { cases: recurring.length, customers: new Set(recurring.map((c) => c.customerKey)).size, top: rank(recurring, (c) => c.problem) },
  };
}
