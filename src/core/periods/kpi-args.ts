import { z } from 'zod';
import { CHANNELS, type Channel } from '../domain/interaction.js';
import { ValidationError } from '../errors.js';
import { normalizeWords, parsePeriod, PERIOD_WORDS, type PeriodSpec } from './parse.js';

export const periodSpecSchema: z.ZodType<PeriodSpec> = z.union([
  z.object({ kind: z.enum(['today', 'yesterday', 'week', 'last_week', 'month', 'last_month', 'quarter', 'year']) }),
  z.object({ kind: z.literal('rolling'), days: z.number().int().min(1).max(366) }),
  z.object({ kind: z.literal('range'), from: z.iso.date(), to: z.iso.date() }),
]);

export const kpiArgsSchema = z.object({
  period: periodSpecSchema,
  filters: z
    .object({
      channel: z.enum(CHANNELS).optional(),
      team: z.string().min(1).max(100).optional(),
      agent: z.string().min(1).max(100).optional(),
      category: z.string().min(1).max(100).optional(),
    })
    .strict(),
  live: z.boolean(),
  breakdown: z.enum(['channel', 'team', 'agent']).optional(),
});
export type KpiArgs = z.infer<typeof kpiArgsSchema>;

const FILTER_KEYS: Record<string, keyof KpiArgs['filters']> = {
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
const CHANNEL_ALIASES: Record<string, Channel> = { telefone: 'phone', presencial: 'in_person', outro: 'other', 'e-mail': 'email' };
const BREAKDOWN_WORDS: Record<string, KpiArgs['breakdown']> = { channel: 'channel', canal: 'channel', team: 'team', equipe: 'team', time: 'team', agent: 'agent', agente: 'agent' };

/** `<@U123|ana>` or `@ana` → the user id / name */
const userRef = (v: string) => /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(v)?.[1] ?? v.replace(/^@/, '');

/**
 * `/kpi <period> [filters] [flags]`, e.g. `semana passada canal:email live`. Period words may
 * span several tokens and sit anywhere; everything else must be a known filter or flag.
 */
export function parseKpiArgs(text: string): KpiArgs {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const filters: KpiArgs['filters'] = {};
  const periodTokens: string[] = [];
  let live = false;
  let breakdown: KpiArgs['breakdown'];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const word = normalizeWords(raw);
    const pair = /^([a-z]+):(.+)$/.exec(word.startsWith('<@') ? '' : word);
    if (word === 'live' || word === 'ao-vivo' || word === 'aovivo') live = true;
    else if (pair && (pair[1] === 'by' || pair[1] === 'por')) {
      breakdown = BREAKDOWN_WORDS[pair[2]!];
      if (!breakdown) throw new ValidationError('kpi.bad_breakdown', { value: pair[2]! });
    } else if (pair && FILTER_KEYS[pair[1]!]) {
      const key = FILTER_KEYS[pair[1]!]!;
      if (filters[key] !== undefined) throw new ValidationError('kpi.duplicate_filter', { filter: key });
      const value = raw.slice(raw.indexOf(':') + 1);
      if (key === 'channel') {
        const v = normalizeWords(value);
        const channel = CHANNEL_ALIASES[v] ?? (CHANNELS as readonly string[]).find((c) => c === v);
        if (!channel) throw new ValidationError('kpi.bad_channel', { value, allowed: CHANNELS.join(', ') });
        filters.channel = channel as Channel;
      } else filters[key] = key === 'agent' ? userRef(value) : value;
    } else if (pair) throw new ValidationError('kpi.unknown_arg', { arg: raw });
    else periodTokens.push(raw);
  }
  return { period: parsePeriodTokens(periodTokens), filters, live, ...(breakdown ? { breakdown } : {}) };
}

/** The remaining tokens must form exactly one period expression. */
function parsePeriodTokens(tokens: string[]): PeriodSpec {
  const text = tokens.join(' ');
  if (!text) return { kind: 'week' };
  const words = normalizeWords(text);
  if (PERIOD_WORDS[words] || /^\d/.test(words)) return parsePeriod(text);
  // a single unknown word reads better as an unknown argument than as a bad period
  if (tokens.length === 1) throw new ValidationError('kpi.unknown_arg', { arg: text });
  return parsePeriod(text);
}
