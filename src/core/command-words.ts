/**
 * Reading a command's words so that none is dropped: what a parser did not understand is
 * refused by name ({@link UnknownWordsError}), never silently ignored.
 */
import { UnknownWordsError, ValidationError } from './errors.js';
import { normalizeWords, parseKpiArgs, type KpiArgs } from './periods/index.js';

/** Words, quoted values and Slack mentions stay whole, as /kpi reads them. */
const TOKEN_RE = /(?:"[^"]*"?|“[^”]*”?|<[^>]*>?|[^\s"“”<])+/g;
const LIVE = new Set(['live', 'ao-vivo', 'aovivo']);
const BREAKDOWN = /^(by|por):/i;
/** a leading command word, which /kpi skips (Teams and Slack message text) */
const KPI_WORD = /^\/?kpis?$/i;

export const tokensOf = (text: string): string[] => text.match(TOKEN_RE) ?? [];

/** A word looked up in a table of words (own keys only: "constructor" is not a verb). */
export const lookup = <T>(table: Readonly<Record<string, T>>, word: string): T | undefined => (Object.hasOwn(table, word) ? table[word] : undefined);

/** Refuses `words` (if any) with an example of the right form. */
export function refuseWords(words: string[], exampleKey: string): void {
  if (words.length > 0) throw new UnknownWordsError(words, exampleKey);
}

/**
 * `/kpi`'s period and filters, with every word it did not understand collected (it stops at the
 * first). `flags: false`: `live` and `by:` are not understood either (a report or survey
 * results use neither).
 */
export function kpiArgsAndUnknown(text: string, o: { flags: boolean }): { args: KpiArgs; tokens: string[]; unknown: string[] } {
  let tokens = tokensOf(text);
  const unknown: string[] = [];
  if (!o.flags) {
    const flags = (i: number) => BREAKDOWN.test(tokens[i]!) || LIVE.has(normalizeWords(tokens[i]!));
    const aoVivo = (i: number) => normalizeWords(`${tokens[i]!} ${tokens[i + 1] ?? ''}`) === 'ao vivo';
    const kept: string[] = [];
    if (KPI_WORD.test(tokens[0] ?? '')) unknown.push(tokens.shift()!);
    for (let i = 0; i < tokens.length; i++) {
      if (aoVivo(i)) unknown.push(`${tokens[i]!} ${tokens[++i]!}`);
      else if (flags(i)) unknown.push(tokens[i]!);
      else kept.push(tokens[i]!);
    }
    tokens = kept;
  }
  for (;;) {
    try {
      return { args: parseKpiArgs(tokens.join(' ')), tokens, unknown };
    } catch (e) {
      if (!(e instanceof ValidationError) || e.messageKey !== 'kpi.unknown_arg') throw e;
      const word = String(e.params['arg']);
      // what came before the refused word was read: an equal word there was understood
      const at = tokens.lastIndexOf(word);
      if (at < 0) throw e;
      unknown.push(word);
      tokens = tokens.filter((_, i) => i !== at);
    }
  }
}

/**
 * A period and filters as `/report preview|now|schedule` and `/survey results` take them: every
 * word used or refused with `exampleKey`; without a period, `defaultPeriod` (e.g. last week).
 * `query` is the text to store or pass on (`last week channel:email`).
 */
export function readPeriodAndFilters(text: string, o: { exampleKey: string; defaultPeriod?: string }): { args: KpiArgs; query: string } {
  const { args, tokens, unknown } = kpiArgsAndUnknown(text, { flags: false });
  refuseWords(unknown, o.exampleKey);
  const given = tokens.join(' ');
  if (!o.defaultPeriod || hasPeriod(given, o.defaultPeriod)) return { args, query: given || (o.defaultPeriod ?? '') };
  const query = `${o.defaultPeriod} ${given}`.trim();
  return { args: parseKpiArgs(query), query };
}

/** Whether the text names a period: adding another one is then refused as a second period. */
function hasPeriod(text: string, other: string): boolean {
  try {
    parseKpiArgs(`${other} ${text}`);
    return false;
  } catch (e) {
    if (e instanceof ValidationError && e.messageKey === 'kpi.duplicate_period') return true;
    throw e;
  }
}
