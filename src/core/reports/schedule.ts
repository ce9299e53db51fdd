/**
 * `/report …` parsed once into a typed intent, and the fire times of a schedule (cron in the
 * schedule's zone, DST included, computed by cron-parser).
 */
import { CronExpressionParser } from 'cron-parser';
import { IANAZone } from 'luxon';
import { lookup, readPeriodAndFilters, refuseWords } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';

/** When and what a schedule posts; `webhook`: deliver to that URL instead of the conversation. */
export interface ScheduleSpec {
  cron: string;
  label: string;
  timezone?: string;
  query: string;
  webhook?: string;
  /** attach the report document (PDF) to each post */
  document?: boolean;
}

export type ReportIntent =
  | ({ kind: 'schedule' } & ScheduleSpec)
  | ({ kind: 'edit'; id: string } & ScheduleSpec)
  | { kind: 'list' }
  | { kind: 'remove' | 'pause' | 'resume'; id: string }
  | { kind: 'now' | 'preview' | 'document'; query: string }
  | { kind: 'history' }
  | { kind: 'usage' };

const DAYS: Record<string, number> = { sun: 0, dom: 0, mon: 1, seg: 1, tue: 2, ter: 2, wed: 3, qua: 3, thu: 4, qui: 4, fri: 5, sex: 5, sat: 6, sab: 6, sáb: 6 };
const TIME = /^(\d{1,2}):(\d{2})$/;

function time(token: string | undefined): { h: number; m: number } {
  const t = TIME.exec(token ?? '');
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) throw new ValidationError('report.bad_time', { value: (token ?? '').slice(0, 20) });
  return { h: Number(t[1]), m: Number(t[2]) };
}

export function checkCron(cron: string): void {
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC' });
  } catch {
    throw new ValidationError('report.bad_cron', { value: cron.slice(0, 60) });
  }
}

/** `weekly mon 09:00`, `daily 08:30`, `monthly 1 09:00`, or five cron fields; then [tz] [period] [filters]. */
function parseWhen(tokens: string[]): { cron: string; label: string; rest: string[]; defaultPeriod: string } {
  const [kind = '', ...rest] = tokens;
  switch (kind.toLowerCase()) {
    case 'weekly':
    case 'semanal': {
      const day = DAYS[(rest[0] ?? '').toLowerCase().slice(0, 3)];
      if (day === undefined) throw new ValidationError('report.bad_day', { value: (rest[0] ?? '').slice(0, 20) });
      const { h, m } = time(rest[1]);
      return { cron: `${m} ${h} * * ${day}`, label: `${kind} ${rest[0]} ${rest[1]}`, rest: rest.slice(2), defaultPeriod: 'last week' };
    }
    case 'daily':
    case 'diário':
    case 'diario': {
      const { h, m } = time(rest[0]);
      return { cron: `${m} ${h} * * *`, label: `${kind} ${rest[0]}`, rest: rest.slice(1), defaultPeriod: 'yesterday' };
    }
    case 'monthly':
    case 'mensal': {
      const day = Number(rest[0]);
      if (!Number.isInteger(day) || day < 1 || day > 28) throw new ValidationError('report.bad_month_day', { value: (rest[0] ?? '').slice(0, 10) });
      const { h, m } = time(rest[1]);
      return { cron: `${m} ${h} ${day} * *`, label: `${kind} ${day} ${rest[1]}`, rest: rest.slice(2), defaultPeriod: 'last month' };
    }
    default: {
      const cron = tokens.slice(0, 5).join(' ').replace(/^"|"$/g, '');
      if (tokens.length < 5) throw new ValidationError('report.bad_schedule');
      checkCron(cron);
      return { cron, label: cron, rest: tokens.slice(5), defaultPeriod: 'last week' };
    }
  }
}

function idOf(token: string | undefined): string {
  if (!/^[a-f0-9]{24}$/.test(token ?? '')) throw new ValidationError('report.bad_id');
  return token!;
}

const MAX_URL = 500;

/** `webhook <url>` anywhere after the time: the URL, checked for form (where it may point is checked on delivery). */
function takeWebhook(tokens: string[]): string | undefined {
  const at = tokens.findIndex((x) => x.toLowerCase() === 'webhook');
  if (at < 0) return undefined;
  const raw = (tokens[at + 1] ?? '').replace(/^<|>$/g, ''); // Slack wraps links in <…>
  tokens.splice(at, 2);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('report.bad_webhook', { value: raw.slice(0, 80) });
  }
  if (!['https:', 'http:'].includes(url.protocol) || raw.length > MAX_URL || url.username || url.password) throw new ValidationError('report.bad_webhook', { value: raw.slice(0, 80) });
  return url.toString();
}

const DOCUMENT_WORDS = new Set(['document', 'documento']);

/** `document` anywhere after the time: each post carries the report document. */
function takeDocument(tokens: string[]): boolean {
  const at = tokens.findIndex((x) => DOCUMENT_WORDS.has(x.toLowerCase()));
  if (at < 0) return false;
  tokens.splice(at, 1);
  return true;
}

/** `<when> [zone] [webhook <url>] [document] [period and filters]`, as `schedule` and `edit` take it. */
function parseSpec(tokens: string[], exampleKey: string): ScheduleSpec {
  const when = parseWhen(tokens);
  const remaining = [...when.rest];
  const webhook = takeWebhook(remaining);
  const document = takeDocument(remaining);
  // a webhook gets the report as JSON: there is no message to carry the document
  if (webhook && document) throw new ValidationError('report.document_webhook');
  let timezone: string | undefined;
  if (remaining[0] && (remaining[0].includes('/') || IANAZone.isValidZone(remaining[0]))) {
    if (!IANAZone.isValidZone(remaining[0])) throw new ValidationError('report.bad_timezone', { value: remaining[0].slice(0, 60) });
    timezone = remaining.shift();
  }
  // a bad period or filter is refused now, not at 9 a.m. next Monday
  const { query } = readPeriodAndFilters(remaining.join(' '), { exampleKey, defaultPeriod: when.defaultPeriod });
  return { cron: when.cron, label: when.label, ...(timezone ? { timezone } : {}), query, ...(webhook ? { webhook } : {}), ...(document ? { document } : {}) };
}

const VERBS: Record<string, Exclude<ReportIntent['kind'], 'usage'>> = {
  schedule: 'schedule', agendar: 'schedule',
  edit: 'edit', editar: 'edit',
  pause: 'pause', pausar: 'pause',
  resume: 'resume', retomar: 'resume',
  list: 'list', listar: 'list',
  remove: 'remove', remover: 'remove',
  now: 'now', agora: 'now',
  preview: 'preview', prévia: 'preview', previa: 'preview',
  history: 'history', histórico: 'history', historico: 'history',
  document: 'document', documento: 'document',
};

/** Every word is used or refused (with an example of the right form of that subcommand). */
export function parseReportCommand(text: string): ReportIntent {
  const [verb = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  if (!verb) return { kind: 'usage' };
  const kind = lookup(VERBS, verb.toLowerCase());
  if (!kind) throw new UnknownWordsError([verb], 'report.example.verb');
  const example = `report.example.${kind}`;
  switch (kind) {
    case 'schedule':
      return { kind, ...parseSpec(rest, example) };
    case 'edit':
      return { kind, id: idOf(rest[0]), ...parseSpec(rest.slice(1), example) };
    case 'pause':
    case 'resume':
    case 'remove': {
      const id = idOf(rest[0]);
      refuseWords(rest.slice(1), example);
      return { kind, id };
    }
    case 'now':
    case 'preview':
    case 'document':
      // the same words for both: a post is what the preview showed
      return { kind, query: readPeriodAndFilters(rest.join(' '), { exampleKey: example, defaultPeriod: 'last week' }).query };
    case 'list':
    case 'history':
      refuseWords(rest, example);
      return { kind };
  }
}

/** Fire times in (from, to], oldest first (at most `limit`). */
export function fireTimesBetween(cron: string, timezone: string, from: Date, to: Date, limit = 1000): Date[] {
  const it = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from, endDate: to });
  const out: Date[] = [];
  while (out.length < limit && it.hasNext()) out.push(it.next().toDate());
  return out;
}

export function nextFire(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { tz: timezone, currentDate: after }).next().toDate();
}

/** The shortest gap between the next fire times (a year ahead at most), in minutes. */
export function shortestGapMinutes(cron: string, timezone: string, from: Date): number {
  const it = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
  let previous = it.next().toDate().getTime();
  let shortest = Infinity;
  for (let i = 0; i < 50; i++) {
    const next = it.next().toDate().getTime();
    shortest = Math.min(shortest, (next - previous) / 60_000);
    previous = next;
  }
  return shortest;
}
