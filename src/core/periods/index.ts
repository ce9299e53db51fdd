export {
  parsePeriod,
  isValidPeriodSpec,
  normalizeWords,
  PERIOD_WORDS,
  MAX_RANGE_DAYS,
  type PeriodSpec,
  type NamedPeriodKind,
} from './parse.js';
export { resolvePeriod, shiftPeriod, periodDays, checkZone, type ResolvedPeriod, type Interval } from './resolve.js';
export { periodLabel, periodDates } from './label.js';
export { parseKpiArgs, kpiArgsSchema, periodSpecSchema, KPI_BREAKDOWNS, MAX_FILTER_LENGTH, type KpiArgs } from './kpi-args.js';
