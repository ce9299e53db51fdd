/**
 * `/kpi target …` parsed once into a typed intent, en and pt-BR: `csat >= 85%`,
 * `frt.median <= 1h`, `list`, `remove csat`. The KPI is any path `PATCH /api/v1/settings`
 * accepts as a target (or a short name of it); the value is read in the user's unit, as
 * `/kpi alert` reads it, and turned into the KPI's (85% → 0.85, 1h → 60); its range is checked
 * by the settings schema.
 */
import { lookup, refuseWords } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';
import { normalizeWords } from '../periods/index.js';
import { KPI_TARGET_PATHS, KPI_TARGET_UNITS, isKpiTargetPath, kpiPathByName, minutesFromWord, numberWord, rateFromWord, type KpiTargetPath } from '../kpi/index.js';

export type TargetOp = '<=' | '>=';
export type TargetIntent =
  | { kind: 'usage' }
  | { kind: 'list' }
  | { kind: 'remove'; kpi: KpiTargetPath }
  | { kind: 'set'; kpi: KpiTargetPath; op: TargetOp; value: number };

const VERBS: Record<string, 'list' | 'remove' | 'usage'> = {
  list: 'list', lista: 'list', listar: 'list',
  remove: 'remove', remover: 'remove', delete: 'remove', apagar: 'remove', excluir: 'remove',
  help: 'usage', ajuda: 'usage',
};
const OPS: Record<string, TargetOp> = { '>=': '>=', '=>': '>=', '≥': '>=', '<=': '<=', '=<': '<=', '≤': '<=' };

const FULL = new Map(KPI_TARGET_PATHS.map((p) => [p.toLowerCase(), p]));

/** The short names and the paths, as the refusal of an unknown KPI lists them. */
export const TARGET_KPI_NAMES = 'csat, nps, frt, frt.p90, frt.mean, art, art.p90, art.mean, sla, reopen, fcr, volume, backlog, resolved, cpc, escalation, response_rate';
export const TARGET_KPI_PATHS = KPI_TARGET_PATHS.join(', ');

/** `csat`, `frt.p90`, `tpr.mediana`, `firstResponseMinutes.median` … → the target path, or undefined. */
export function targetKpiByName(name: string): KpiTargetPath | undefined {
  const full = FULL.get(normalizeWords(name));
  if (full) return full;
  const path = kpiPathByName(name);
  return path !== undefined && isKpiTargetPath(path) ? path : undefined;
}

const unknownKpi = (name: string) => new ValidationError('kpi_target.unknown_kpi', { name: name.slice(0, 40), names: TARGET_KPI_NAMES, paths: TARGET_KPI_PATHS });
/** the example to show with a bad value: one in the KPI's own unit */
const badValue = (kpi: KpiTargetPath, value: string) => new ValidationError(`kpi_target.bad_value_${KPI_TARGET_UNITS[kpi]}`, { value: value.slice(0, 20), kpi });

/** A value in the user's unit → the KPI's: rates `85%`, `0.85` or `85`, times `1h`, `90min`, `1h30`, `45`; `4,5` as 4.5. */
export function parseTargetValue(kpi: KpiTargetPath, text: string): number {
  const unit = KPI_TARGET_UNITS[kpi];
  const value = unit === 'minutes' ? minutesFromWord(text) : unit === 'rate' ? rateFromWord(text) : plainNumber(text);
  if (value === undefined) throw badValue(kpi, text);
  return value;
}

const plainNumber = (text: string): number | undefined => {
  const word = numberWord(text);
  return /^[+-]?\d+(?:\.\d+)?$/.test(word) ? Number(word) : undefined;
};

/** Slack escapes &, < and > in command text. */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const HEAD = /^([^\s<>=≥≤]+)\s*(>=|<=|=>|=<|≥|≤|>|<|=)\s*(\S+)\s*(.*)$/s;

/** `kpi target` words after the `target` word itself. */
export function parseTargetCommand(text: string): TargetIntent {
  const clean = unescape(text).trim();
  const [first = '', ...rest] = clean.split(/\s+/).filter(Boolean);
  if (!first) return { kind: 'list' };
  const verb = lookup(VERBS, normalizeWords(first));
  if (verb === 'list' || verb === 'usage') {
    refuseWords(rest, `kpi_target.example.${verb}`);
    return { kind: verb };
  }
  if (verb === 'remove') {
    const [name, ...extra] = rest;
    if (!name) throw new UnknownWordsError([first], 'kpi_target.example.remove');
    const kpi = targetKpiByName(name);
    if (!kpi) throw unknownKpi(name);
    refuseWords(extra, 'kpi_target.example.remove');
    return { kind: 'remove', kpi };
  }
  return parseSet(clean);
}

/** `<kpi> <op> <value>`: a unit apart from its number ("85 %", "90 min") belongs to it. */
function parseSet(text: string): TargetIntent {
  const head = HEAD.exec(text);
  if (!head) {
    const name = text.split(/\s+/)[0] ?? '';
    // a KPI alone, or words that are no KPI: say which part is missing
    if (targetKpiByName(name)) throw new ValidationError('kpi_target.bad_definition');
    throw unknownKpi(name);
  }
  const [, name = '', opText = '', valueText = '', tail = ''] = head;
  const kpi = targetKpiByName(name);
  if (!kpi) throw unknownKpi(name);
  const op = lookup(OPS, opText);
  if (!op) throw new ValidationError('kpi_target.bad_op', { op: opText });
  const words = tail.split(/\s+/).filter(Boolean);
  const unit = words[0] !== undefined && ['%', 'min', 'm', 'h'].includes(words[0].toLowerCase()) ? words.shift()! : '';
  const value = parseTargetValue(kpi, valueText + unit);
  refuseWords(words, 'kpi_target.example.set');
  return { kind: 'set', kpi, op, value };
}
