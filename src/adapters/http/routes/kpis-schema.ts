/** GET /api/v1/kpis: its query and its answer, as zod schemas (the route and the OpenAPI document use these). */
import { z } from 'zod';
import { BREAKDOWNS, kpiFiltersSchema } from '../../../core/kpi/get-kpis.js';

export const ZKpiQuery = z
  .object({
    period: z
      .string()
      .max(100)
      .default('week')
      .describe('today|hoje, yesterday|ontem, week|semana, last week|semana passada, month|mês, last month|mês passado, quarter|trimestre, year|ano, last year|ano passado, 7d, 30d, 90d (1 to 1096 days), 2026-11-01..2026-11-15 (at most 1096 days)'),
    tz: z.string().max(64).optional().describe('IANA time zone the period is read in (default: the tenant’s); see the description for which zones can be answered'),
    at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-25T12:00:00Z' }).optional().describe('evaluate relative periods as of this instant'),
    breakdown: z.enum(BREAKDOWNS, { message: 'must be channel, team or agent' }).optional(),
    compare: z.enum(['previous', 'yoy'], { message: 'must be previous or yoy' }).optional().describe('yoy: against the same span a year earlier (default previous)'),
  })
  .extend(kpiFiltersSchema.shape)
  .strict();

const ratio = z.number().min(0).max(1).nullable();
const count = z.number().int().min(0);
const minutes = z.number().nullable();
const duration = z.object({ mean: minutes, median: minutes, p90: minutes, count });

/** The KPIs of SPEC §4 for one period (core/kpi/stats.ts `Kpis`). */
export const ZKpis = z
  .object({
    volume: count,
    resolved: count,
    backlog: count,
    reopenRate: ratio,
    firstResponseMinutes: duration,
    resolutionMinutes: duration,
    fcrRate: ratio,
    slaCompliance: ratio,
    escalationMinutes: z.object({ mean: minutes, count }),
    contactsPerCustomer: z.number().nullable().describe('volume / customers.distinct'),
    customers: z
      .object({ distinct: count, estimated: z.boolean(), relativeError: z.number().optional().describe('only when estimated (≈ 0.016)') })
      .describe(
        'Distinct customers behind the volume: exact (estimated: false) as long as the period’s customer-days add up to at most 4,000,000; past that a HyperLogLog estimate (estimated: true) with its relative standard error.',
      ),
    csat: z.object({ score: ratio, mean: z.number().nullable(), responses: count, distribution: z.array(count).describe('responses per score 1..5') }),
    nps: z.object({
      score: z.number().min(-100).max(100).nullable(),
      promoters: count,
      passives: count,
      detractors: count,
      responses: count,
      distribution: z.array(count).describe('responses per score 0..10'),
    }),
    surveyResponseRate: ratio,
  })
  .describe('rates are fractions 0..1, durations minutes, null where there is no data');

const byKey = z.record(z.string(), ZKpis);

export const ZKpiResponse = z.object({
  period: z.object({
    start: z.string(),
    end: z.string().describe('now, for a period so far'),
    readEnd: z.string().describe('the numbers cover [start, readEnd): a period so far is read to the end of the hour in progress'),
    label: z.string(),
    timezone: z.string(),
    toDate: z.boolean(),
  }),
  previousPeriod: z.object({ start: z.string(), end: z.string(), label: z.string(), compare: z.enum(['previous', 'yoy']) }),
  current: ZKpis,
  previous: ZKpis,
  targets: z.record(z.string(), z.object({ op: z.enum(['<=', '>=']), value: z.number() })).describe('the team’s KPI targets by path in `current`'),
  byChannel: byKey.optional(),
  byTeam: byKey.optional(),
  byAgent: byKey.optional(),
});
