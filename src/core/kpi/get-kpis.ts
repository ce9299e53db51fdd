import { z } from 'zod';
import { CHANNELS } from '../domain/interaction.js';
import type { KpiTarget } from '../domain/tenant.js';
import type { Locale } from '../i18n/index.js';
import { queryKpis } from './query-kpis.js';
import type { Kpis } from './stats.js';
import type { Filters } from './dimensions.js';
import type { RollupStore } from '../ports/rollups.js';
import type { TargetStore, TenantStore } from '../ports/tenants.js';
import { comparedText, periodDays, periodLabel, readRange, resolvePeriod, type Comparison, type PeriodSpec, type ResolvedPeriod } from '../periods/index.js';

export const BREAKDOWNS = ['channel', 'team', 'agent'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const kpiFiltersSchema = z
  .object({
    channel: z.enum(CHANNELS).optional(),
    team: z.string().min(1).max(100).optional(),
    agent: z.string().min(1).max(100).optional(),
    category: z.string().min(1).max(100).optional(),
  })
  .strict();

export interface GetKpisInput {
  tenantId: string;
  period: PeriodSpec;
  /** defaults to the tenant's zone */
  timezone?: string;
  /** relative periods ("week") are evaluated as of this instant */
  at: Date;
  /** the current time */
  now: Date;
  filters: Filters;
  breakdown?: Breakdown;
  locale: Locale;
  /** add per-day KPIs of the current period (charts) */
  daily?: boolean;
  /** against the period before (default) or the same period a year earlier */
  compare?: Comparison;
}

export interface KpiReport {
  /**
   * `toDate`: the period runs until now (`end`) and is compared with the same span of the one
   * before; its numbers are read to the end of the hour in progress (`readEnd`: buckets keep
   * hours; nothing is recorded after now but what is dated ahead)
   */
  period: { start: string; end: string; readEnd: string; label: string; timezone: string; toDate: boolean };
  previousPeriod: { start: string; end: string; label: string; compare: Comparison };
  current: Kpis;
  previous: Kpis;
  targets: Record<string, { op: KpiTarget['op']; value: number }>;
  byChannel?: Record<string, Kpis>;
  byTeam?: Record<string, Kpis>;
  byAgent?: Record<string, Kpis>;
  daily?: { start: string; kpis: Kpis }[];
}

export interface GetKpisDeps {
  rollups: RollupStore;
  tenants: TenantStore;
  targets: TargetStore;
}

const BREAKDOWN_FIELD = { channel: 'byChannel', team: 'byTeam', agent: 'byAgent' } as const;

/** The KPIs of a period and its previous one, read from rollups (never from raw records). */
export async function getKpis(deps: GetKpisDeps, input: GetKpisInput): Promise<KpiReport & { resolved: ResolvedPeriod }> {
  const tenant = await deps.tenants.get(input.tenantId);
  const timezone = input.timezone ?? tenant.timezone;
  const period = resolvePeriod(input.period, timezone, input.at, input.compare);
  const current = readRange(period);
  const [answer, targets] = await Promise.all([
    queryKpis(deps.rollups, {
      tenantId: input.tenantId,
      tenantTimezone: tenant.rollupTimezone,
      current,
      previous: period.previous,
      filters: input.filters,
      now: input.now,
      ...(input.daily ? { days: periodDays({ ...current, timezone }) } : {}),
      ...(input.breakdown ? { breakdown: input.breakdown } : {}),
    }),
    deps.targets.list(input.tenantId),
  ]);
  const report: KpiReport & { resolved: ResolvedPeriod } = {
    period: {
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      readEnd: current.end.toISOString(),
      label: periodLabel(period, input.locale),
      timezone,
      toDate: period.toDate,
    },
    previousPeriod: { start: period.previous.start.toISOString(), end: period.previous.end.toISOString(), label: comparedText(period, input.locale), compare: period.compare },
    current: answer.current,
    previous: answer.previous,
    targets: Object.fromEntries(targets.map((t) => [t.kpi, { op: t.op, value: t.value }])),
    resolved: period,
  };
  if (input.breakdown && answer.breakdown) report[BREAKDOWN_FIELD[input.breakdown]] = answer.breakdown;
  if (answer.daily) report.daily = answer.daily.map((d) => ({ start: d.start.toISOString(), kpis: d.kpis }));
  return report;
}
