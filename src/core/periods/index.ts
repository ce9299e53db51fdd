export {
  parsePeriod,
  isValidPeriodSpec,
  normalizeWords,
  PERIOD_WORDS,
  MAX_RANGE_DAYS,
  type PeriodSpec,
  type NamedPeriodKind,
} from './parse.js';
export { resolvePeriod, shiftPeriod, periodDays, checkZone, readRange, type ResolvedPeriod, type Interval, type Comparison } from './resolve.js';
export { periodLabel, periodDates, spanText, comparedText } from './label.js';
export { parseKpiArgs, kpiArgsSchema, periodSpecSchema, KPI_BREAKDOWNS, MAX_FILTER_LENGTH, type KpiArgs } from './kpi-args.js';
