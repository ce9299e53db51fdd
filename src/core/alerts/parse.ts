/**
 * `/kpi alert …` parsed once into a typed intent, en and pt-BR:
 * `frt.p90 > 120 channel:chat 1d`, `csat < 85% 50 respostas carência 2h`, `list`, `pause <id>` …
 */
import { ALERT_DEFAULT_GRACE_MINUTES, ALERT_MAX_DAYS, ALERT_MAX_GRACE_MINUTES, ALERT_MAX_HOURS, type AlertOp, type KpiAlertDefinition } from '../domain/kpi-alert.js';
import { kpiArgsAndUnknown, lookup, refuseWords } from '../command-words.js';
import { ValidationError } from '../errors.js';
import { normalizeWords } from '../periods/index.js';
import { ALERT_KPI_NAMES, alertKpiByName, type AlertKpi } from './kpis.js';
import { minutesFromWord, numberWord, rateFromWord } from '../kpi/index.js';

export type AlertIntent =
  | { kind: 'usage' }
  | { kind: 'list' }
  | { kind: 'remove' | 'pause' | 'resume'; id: string }
  | { kind: 'edit'; id: string; definition: KpiAlertDefinition }
  | { kind: 'create'; definition: KpiAlertDefinition };

const VERBS: Record<string, Exclude<AlertIntent['kind'], 'create'>> = {
  list: 'list', listar: 'list',
  remove: 'remove', remover: 'remove', delete: 'remove', apagar: 'remove',
  pause: 'pause', pausar: 'pause',
  resume: 'resume', retomar: 'resume',
  edit: 'edit', editar: 'edit',
  help: 'usage', ajuda: 'usage',
};
const OPS: Record<string, AlertOp> = { '>': '>', '>=': '>=', '=>': '>=', '≥': '>=', '<': '<', '<=': '<=', '=<': '<=', '≤': '<=' };
const HEAD = /^([^\s<>=≥≤]+)\s*(>=|<=|=>|=<|≥|≤|>|<)\s*(\S+)\s*(.*)$/s;
/** Words, quoted values (team:"Suporte N1") and Slack mentions stay whole (as /kpi reads them). */
const TOKEN_RE = /(?:"[^"]*"?|“[^”]*”?|<[^>]*>?|[^\s"“”<])+/g;
const WINDOW = /^(\d{1,3})(h|d)$/;
const DURATION = /^(\d{1,5})(m|min|h|d)$/;
const GRACE_WORDS = new Set(['grace', 'carencia', 'intervalo']);
const SAMPLE_WORDS: Record<string, 'responses' | 'interactions'> = {
  response: 'responses', responses: 'responses', resposta: 'responses', respostas: 'responses',
  interaction: 'interactions', interactions: 'interactions', atendimento: 'interactions', atendimentos: 'interactions', interacao: 'interactions', interacoes: 'interactions',
};
const ID = /^[a-f0-9]{24}$/;

/** Slack escapes &, < and > in command text. */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function parseAlertCommand(text: string): AlertIntent {
  const clean = unescape(text).trim();
  const [first = '', ...rest] = clean.split(/\s+/).filter(Boolean);
  const verb = lookup(VERBS, normalizeWords(first));
  if (!first) return { kind: 'usage' };
  if (verb === undefined) return { kind: 'create', definition: parseAlertDefinition(clean) };
  if (verb === 'usage' || verb === 'list') {
    refuseWords(rest, `alert.example.${verb}`);
    return { kind: verb };
  }
  const id = rest[0] ?? '';
  if (!ID.test(id)) throw new ValidationError('alert.bad_id');
  if (verb === 'edit') return { kind: 'edit', id, definition: parseAlertDefinition(rest.slice(1).join(' ')) };
  refuseWords(rest.slice(1), `alert.example.${verb}`);
  return { kind: verb, id };
}

/** `<kpi> target|meta [filters] [window] [min sample] [grace]`: the team's target is the line. */
const TARGET_HEAD = /^([^\s<>=≥≤]+)\s+(target|meta|alvo)(?:\s+(.*))?$/is;

/** `<kpi> <op> <value> [filters] [window] [min sample] [grace]`, or the KPI's target as the line. */
export function parseAlertDefinition(text: string): KpiAlertDefinition {
  const clean = unescape(text).trim();
  const byTarget = TARGET_HEAD.exec(clean);
  const head = byTarget ? null : HEAD.exec(clean);
  if (!byTarget && !head) throw new ValidationError('alert.bad_definition');
  const [, name = '', opText = '', valueText = '', tail = ''] = byTarget ? [byTarget[0], byTarget[1], '<', '', byTarget[3] ?? ''] : head!;
  const kpi = alertKpiByName(name);
  if (!kpi) throw new ValidationError('alert.unknown_kpi', { name: name.slice(0, 40), names: ALERT_KPI_NAMES });
  const tokens = tail.match(TOKEN_RE) ?? [];
  // "85 %" or "120 min": a unit apart from its number
  const unit = !byTarget && tokens[0] !== undefined && ['%', 'min'].includes(tokens[0].toLowerCase()) ? tokens.shift()! : '';
  // a target alert's line is set from the target when it is created and at every check
  const threshold = byTarget ? 0 : parseThreshold(kpi, valueText + unit);
  const opts = parseOptions(tokens, kpi);
  // "by:agent" reads as a breakdown to /kpi; an alert watches one number
  const { args: filters, unknown } = kpiArgsAndUnknown(opts.filterTokens.join(' '), { flags: false });
  const notUnderstood = [...opts.unknown, ...unknown];
  if (notUnderstood.length) throw new ValidationError('alert.unknown_arg', { arg: notUnderstood.map((x) => `"${x.slice(0, 40)}"`).join(', ') });
  const window = opts.window ?? { unit: 'd', n: 1 };
  if (window.unit === 'h' && Object.keys(filters.filters).length > 0) throw new ValidationError('alert.hours_without_filters');
  return { kpi: kpi.key, op: OPS[opText]!, threshold, filters: filters.filters, window, minSample: opts.minSample ?? 1, graceMinutes: opts.grace ?? ALERT_DEFAULT_GRACE_MINUTES, ...(byTarget ? { followsTarget: true } : {}) };
}

interface Options {
  filterTokens: string[];
  /** words that are none of the above, refused together */
  unknown: string[];
  window?: { unit: 'h' | 'd'; n: number };
  minSample?: number;
  grace?: number;
}

function parseOptions(tokens: string[], kpi: AlertKpi): Options {
  const out: Options = { filterTokens: [], unknown: [] };
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const word = normalizeWords(raw);
    const graceInline = /^(grace|carencia|intervalo):(.+)$/.exec(word);
    if (GRACE_WORDS.has(word) || graceInline) {
      const value = graceInline ? graceInline[2]! : normalizeWords(tokens[++i] ?? '');
      if (out.grace !== undefined) throw new ValidationError('alert.duplicate', { arg: raw });
      out.grace = graceMinutes(value);
    } else if (WINDOW.test(word)) {
      if (out.window) throw new ValidationError('alert.duplicate', { arg: raw });
      out.window = windowOf(word);
    } else if (/^\d{1,6}$/.test(word) && tokens[i + 1] !== undefined && lookup(SAMPLE_WORDS, normalizeWords(tokens[i + 1]!))) {
      const expected = kpi.survey ? 'responses' : 'interactions';
      if (lookup(SAMPLE_WORDS, normalizeWords(tokens[i + 1]!)) !== expected) throw new ValidationError(`alert.sample_${expected}`);
      if (out.minSample !== undefined) throw new ValidationError('alert.duplicate', { arg: raw });
      out.minSample = Math.max(1, Number(word));
      i++;
    } else if ((raw.includes(':') && !raw.startsWith('<')) || /^<@|^@/.test(raw)) {
      out.filterTokens.push(raw);
    } else out.unknown.push(raw);
  }
  return out;
}

function windowOf(word: string): { unit: 'h' | 'd'; n: number } {
  const [, n = '', unit = ''] = WINDOW.exec(word)!;
  const max = unit === 'h' ? ALERT_MAX_HOURS : ALERT_MAX_DAYS;
  if (Number(n) < 1 || Number(n) > max) throw new ValidationError('alert.bad_window', { value: word, hours: ALERT_MAX_HOURS, days: ALERT_MAX_DAYS });
  return { unit: unit as 'h' | 'd', n: Number(n) };
}

function graceMinutes(word: string): number {
  const m = DURATION.exec(word);
  const minutes = m ? Number(m[1]) * (m[2] === 'd' ? 1440 : m[2] === 'h' ? 60 : 1) : NaN;
  if (!(minutes >= 0 && minutes <= ALERT_MAX_GRACE_MINUTES)) throw new ValidationError('alert.bad_grace', { value: word.slice(0, 20) });
  return minutes;
}

/** Minutes (`120`, `90min`, `2h`, `1h30`), rates (`0.85`, `85%`, `85`), NPS points (`-10`), counts. */
export function parseThreshold(kpi: AlertKpi, text: string): number {
  const bad = () => new ValidationError(`alert.bad_value_${kpi.kind}`, { value: text.slice(0, 20) });
  if (kpi.kind === 'minutes' || kpi.kind === 'rate') {
    // the same reading as `/kpi target`
    const value = kpi.kind === 'minutes' ? minutesFromWord(text) : rateFromWord(text);
    if (value === undefined) throw bad();
    return value;
  }
  const number = /^([+-]?\d+(?:\.\d+)?)$/.exec(numberWord(text));
  if (!number) throw bad();
  const n = Number(number[1]);
  switch (kpi.kind) {
    case 'nps':
      if (n < -100 || n > 100) throw bad();
      return n;
    case 'count':
      if (n < 0 || !Number.isInteger(n)) throw bad();
      return n;
    case 'ratio':
      if (n < 0) throw bad();
      return n;
  }
}
