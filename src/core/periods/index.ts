export { parsePeriod, PERIOD_WORDS, MAX_RANGE_DAYS, type PeriodSpec } from './parse.js';
export { resolvePeriod, shiftPeriod, periodDays, checkZone, type ResolvedPeriod } from './resolve.js';
export { periodLabel, periodDates } from './label.js';
export { parseKpiArgs, kpiArgsSchema, periodSpecSchema, type KpiArgs } from './kpi-args.js';
