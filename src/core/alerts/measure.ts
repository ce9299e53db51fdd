/** An alert's KPI over its window, read from the rollups like every other KPI. */
import type { KpiAlertDefinition } from '../domain/kpi-alert.js';
import { queryKpis } from '../kpi/index.js';
import type { KpiArgs } from '../periods/index.js';
import { getKpis, type GetKpisDeps } from '../kpi/index.js';
import { kpiOf } from './views/kpi-alert-card.js';

export interface Measurement {
  /** null: no data */
  value: number | null;
  /** responses (survey KPIs) or interactions behind the value */
  sample: number;
}

const HOUR = 3_600_000;

/**
 * `Nd` is `/kpi Nd` (today and the N−1 days before, in the tenant's zone), so the card posted
 * shows the same number; `Nh` is the current UTC hour and the N−1 before it (hourly buckets
 * exist for the unfiltered level only, which the parser enforces).
 */
export async function measureAlert(deps: GetKpisDeps, a: KpiAlertDefinition & { tenantId: string }, now: Date): Promise<Measurement> {
  const kpi = kpiOf(a);
  let kpis;
  if (a.window.unit === 'd') {
    kpis = (await getKpis(deps, { tenantId: a.tenantId, period: { kind: 'rolling', days: a.window.n }, at: now, now, filters: a.filters, locale: 'en' })).current;
  } else {
    const tenant = await deps.tenants.get(a.tenantId);
    const end = Math.floor(now.getTime() / HOUR) * HOUR + HOUR;
    const start = end - a.window.n * HOUR;
    const current = { start: new Date(start), end: new Date(end) };
    const previous = { start: new Date(start - a.window.n * HOUR), end: new Date(start) };
    kpis = (await queryKpis(deps.rollups, { tenantId: a.tenantId, tenantTimezone: tenant.rollupTimezone, current, previous, filters: {}, now })).current;
  }
  return { value: kpi.pick(kpis), sample: kpi.sample(kpis) };
}

/** The card posted with a breach: the window's days (an hour window: today and yesterday, which hold it). */
export const alertCardArgs = (a: KpiAlertDefinition): KpiArgs => ({
  period: { kind: 'rolling', days: a.window.unit === 'd' ? a.window.n : Math.ceil(a.window.n / 24) + 1 },
  filters: a.filters,
  live: false,
});
