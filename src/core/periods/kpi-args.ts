import { z } from 'zod';
import { CHANNELS, type Channel } from '../domain/interaction.js';
import { ValidationError } from '../errors.js';
import { lookup } from '../lookup.js';
import { isValidPeriodSpec, looksLikePeriod, MAX_RANGE_DAYS, normalizeWords, parsePeriod, type NamedPeriodKind, type PeriodSpec } from './parse.js';

const NAMED_KINDS = ['today', 'yesterday', 'week', 'last_week', 'month', 'last_month', 'quarter', 'year', 'last_year'] as const satisfies readonly NamedPeriodKind[];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const KPI_BREAKDOWNS = ['channel', 'team', 'agent'] as const;
/** Longest filter value (team, agent, category). */
export const MAX_FILTER_LENGTH = 100;

/** A period spec from outside (button values, stored schedules): same rules as the parser. */
export const periodSpecSchema: z.ZodType<PeriodSpec> = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.enum(NAMED_KINDS) }),
    z.strictObject({ kind: z.literal('rolling'), days: z.number().int().min(1).max(MAX_RANGE_DAYS) }),
    z.strictObject({ kind: z.literal('range'), from: z.string().regex(ISO_DAY), to: z.string().regex(ISO_DAY) }),
  ])
  .refine(isValidPeriodSpec, { message: `not a valid period (dates YYYY-MM-DD, from ≤ to, at most ${MAX_RANGE_DAYS} days)` });

const filterValue = z.string().min(1).max(MAX_FILTER_LENGTH);

export const kpiArgsSchema = z.object({
  period: periodSpecSchema,
  filters: z.strictObject({
    channel: z.enum(CHANNELS).optional(),
    team: filterValue.optional(),
    agent: filterValue.optional(),
    category: filterValue.optional(),
  }),
  live: z.boolean(),
  breakdown: z.enum(KPI_BREAKDOWNS).optional(),
  /** compared with the same period a year earlier instead of the one before */
  compare: z.literal('yoy').optional(),
});
/** What `/kpi` (Slack) or `kpi …` (Teams) asks for; also carried in button values. */
export type KpiArgs = z.infer<typeof kpiArgsSchema>;
type FilterName = keyof KpiArgs['filters'];
type Breakdown = (typeof KPI_BREAKDOWNS)[number];

const FILTER_KEYS: Record<string, FilterName> = {
  channel: 'channel',
  canal: 'channel',
  team: 'team',
  equipe: 'team',
  time: 'team',
  agent: 'agent',
  agente: 'agent',
  category: 'category',
  categoria: 'category',
};
const BREAKDOWN_KEYS = new Set(['by', 'por']);
/** the filter words, except category: breakdowns are by channel, team or agent */
const BREAKDOWN_WORDS = Object.fromEntries(
  Object.entries(FILTER_KEYS).filter(([, name]) => name !== 'category'),
) as Record<string, Breakdown>;
const CHANNEL_ALIASES: Record<string, Channel> = {
  telefone: 'phone',
  'e-mail': 'email',
  presencial: 'in_person',
  'in-person': 'in_person',
  outro: 'other',
  outros: 'other',
};
const LIVE_WORDS = new Set(['live', 'ao-vivo', 'ao vivo', 'aovivo']);
/** year over year: "kpi month yoy", "kpi mês aa" (ano a ano) */
const YOY_WORDS = new Set(['yoy', 'year over year', 'a/a', 'aa', 'ano a ano', 'ano-a-ano']);
const COMMAND_WORDS = new Set(['kpi', '/kpi', 'kpis', '/kpis']);

/** Words, quoted values ("Suporte N1", “smart quotes”) and Slack mentions <@U1|ana maria> stay whole. */
const TOKEN_RE = /(?:"[^"]*"?|“[^”]*”?|<[^>]*>?|[^\s"“”<])+/g;
/** Longest phrase tried as a period or flag: "2026-11-01 a 2026-11-15". */
const MAX_PHRASE = 3;

/** Slack escapes &, < and > in command text. */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const unquote = (s: string) => unescape(s.replace(/["“”]/g, '')).trim();

/** `<@U123|ana>` or `<@U123>` → `U123` (a Teams mention: `<@AAD object id>`); `@ana` → `ana`; anything else → undefined. */
function userRef(token: string): string | undefined {
  const mention = /^<@([A-Z0-9]+|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})(?:\|[^>]*)?>$/i.exec(token);
  if (mention) return mention[1]!;
  const at = /^@([^\s@<>:]+)$/.exec(token);
  return at?.[1];
}

/**
 * Reads `/kpi <period> [filters] [flags]` in en or pt-BR, in any order, e.g.
 * `semana passada canal:email equipe:"Suporte N1" agente:<@U123|ana> por:canal ao-vivo aa`.
 * Period words may span several tokens; a bare mention (`<@U123>`, `@ana`) is an agent filter;
 * a leading `kpi` (Teams message text) is ignored. No period means this week.
 */
export function parseKpiArgs(text: string): KpiArgs {
  const tokens = text.match(TOKEN_RE) ?? [];
  if (tokens[0] !== undefined && COMMAND_WORDS.has(tokens[0].toLowerCase())) tokens.shift();
  const filters: KpiArgs['filters'] = {};
  const seen = new Set<string>();
  let period: { spec: PeriodSpec; text: string } | undefined;
  let live = false;
  let yoy = false;
  let breakdown: Breakdown | undefined;

  const once = (name: string, typed: string) => {
    if (seen.has(name)) throw new ValidationError('kpi.duplicate_filter', { filter: typed });
    seen.add(name);
  };
  const setFilter = (name: FilterName, typed: string, given: string) => {
    once(name, typed);
    const value = name === 'agent' ? (userRef(given) ?? given.replace(/^@/, '')) : given;
    if (value === '') throw new ValidationError('kpi.empty_value', { filter: typed });
    if (value.length > MAX_FILTER_LENGTH) throw new ValidationError('kpi.value_too_long', { filter: typed, max: MAX_FILTER_LENGTH });
    if (name === 'channel') {
      const word = normalizeWords(value);
      const channel = lookup(CHANNEL_ALIASES, word) ?? CHANNELS.find((c) => c === word);
      if (!channel) throw new ValidationError('kpi.bad_channel', { value, allowed: CHANNELS.join(', ') });
      filters.channel = channel;
    } else filters[name] = value;
  };

  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const mention = userRef(raw);
    if (mention !== undefined) {
      setFilter('agent', 'agent', mention);
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon > 0 && !raw.startsWith('<')) {
      const key = normalizeWords(raw.slice(0, colon));
      const value = unquote(raw.slice(colon + 1));
      const filter = lookup(FILTER_KEYS, key);
      if (filter) setFilter(filter, key, value);
      else if (BREAKDOWN_KEYS.has(key)) {
        once('by', key);
        breakdown = lookup(BREAKDOWN_WORDS, normalizeWords(value));
        if (!breakdown) throw new ValidationError('kpi.bad_breakdown', { value });
      } else throw new ValidationError('kpi.unknown_arg', { arg: raw });
      continue;
    }
    // flags and periods, longest phrase first ("semana passada" before "semana")
    let used = 0;
    for (let len = Math.min(MAX_PHRASE, tokens.length - i); len >= 1 && !used; len--) {
      const phrase = tokens.slice(i, i + len).join(' ');
      const words = normalizeWords(phrase);
      if (LIVE_WORDS.has(words)) {
        live = true;
        used = len;
      } else if (YOY_WORDS.has(words)) {
        yoy = true;
        used = len;
      } else if (looksLikePeriod(words)) {
        const spec = parsePeriod(phrase);
        if (period) throw new ValidationError('kpi.duplicate_period', { first: period.text, second: phrase });
        period = { spec, text: phrase };
        used = len;
      }
    }
    if (!used) throw new ValidationError('kpi.unknown_arg', { arg: raw });
    i += used - 1;
  }
  return { period: period?.spec ?? { kind: 'week' }, filters, live, ...(breakdown ? { breakdown } : {}), ...(yoy ? { compare: 'yoy' as const } : {}) };
}
