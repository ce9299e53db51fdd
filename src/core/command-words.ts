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

export { lookup } from './lookup.js';

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
  // each word with its place, so the refused ones are named in the order they were typed
  let words = tokensOf(text).map((word, at) => ({ word, at }));
  const unknown: typeof words = [];
  if (!o.flags) {
    const kept: typeof words = [];
    for (let i = 0; i < words.length; i++) {
      const { word, at } = words[i]!;
      const next = words[i + 1]?.word ?? '';
      if (normalizeWords(`${word} ${next}`) === 'ao vivo') unknown.push({ word: `${word} ${next}`, at: i++ });
      else if (BREAKDOWN.test(word) || LIVE.has(normalizeWords(word)) || (at === 0 && KPI_WORD.test(word))) unknown.push({ word, at });
      else kept.push({ word, at });
    }
    words = kept;
  }
  for (;;) {
    try {
      const tokens = words.map((x) => x.word);
      return { args: parseKpiArgs(tokens.join(' ')), tokens, unknown: unknown.sort((a, b) => a.at - b.at).map((x) => x.word) };
    } catch (e) {
      if (!(e instanceof ValidationError) || e.messageKey !== 'kpi.unknown_arg') throw e;
      // what came before the refused word was read: an equal word there was understood
      const at = words.map((x) => x.word).lastIndexOf(String(e.params['arg']));
      if (at < 0) throw e;
      unknown.push(words[at]!);
      words = words.filter((_, i) => i !== at);
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
