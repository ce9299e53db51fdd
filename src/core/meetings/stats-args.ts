/**
 * `meeting stats [series] [period]`: the series is one word or a "quoted title" (checked
 * against the stored series by the use-case), the rest a period; other words are refused.
 */
import { tokensOf } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';
import { parsePeriod, type PeriodSpec } from '../periods/index.js';

export interface StatsArgs {
  /** the series as typed (the use-case finds it), all series of the conversation when absent */
  series?: string;
  period: PeriodSpec;
}

export const DEFAULT_STATS_PERIOD: PeriodSpec = { kind: 'rolling', days: 90 };
const EXAMPLE = 'meeting.example.stats';

const periodOf = (words: string[]): PeriodSpec | null => {
  try {
    return parsePeriod(words.join(' '));
  } catch (e) {
    if (e instanceof ValidationError) return null;
    throw e;
  }
};

export function parseStatsArgs(rest: string[]): StatsArgs {
  const tokens = tokensOf(rest.join(' '));
  if (tokens.length === 0) return { period: DEFAULT_STATS_PERIOD };
  const whole = periodOf(tokens);
  if (whole) return { period: whole };
  const [series = '', ...after] = tokens;
  const name = series.replace(/^["“]|["”]$/g, '').trim();
  if (!name) throw new UnknownWordsError([series], EXAMPLE);
  if (after.length === 0) return { series: name, period: DEFAULT_STATS_PERIOD };
  // the longest start of the rest that is a period; what follows it is refused by name
  for (let n = after.length; n >= 1; n--) {
    const period = periodOf(after.slice(0, n));
    if (!period) continue;
    if (n < after.length) throw new UnknownWordsError(after.slice(n), EXAMPLE);
    return { series: name, period };
  }
  throw new UnknownWordsError(after, EXAMPLE);
}
