/**
 * Meeting and action commands parsed once into typed intents. Mentions arrive as `<@U123|ana>`
 * (Slack, escaped) or `<@29:…>` (Teams, written so by the adapter); dates are read in the
 * tenant's zone.
 */
import { DateTime } from 'luxon';
import { lookup, refuseWords } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';
import { MAX_AGENDA_ITEMS, type MeetingTemplate } from '../domain/meeting.js';
import { parseStatsArgs, type StatsArgs } from './stats-args.js';

export interface AgendaDraft {
  text: string;
  minutes: number;
  ownerId?: string;
}

export interface MeetingDraft {
  template?: MeetingTemplate;
  title?: string;
  objective?: string;
  startsAt?: Date;
  durationMinutes?: number;
  participants: string[];
  agenda: AgendaDraft[];
}

export type MeetingIntent =
  | { kind: 'new'; draft: MeetingDraft | null }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'cancel' }
  | ({ kind: 'stats' } & StatsArgs)
  | { kind: 'usage' };

export type ActionsIntent =
  | { kind: 'list'; scope: 'mine' | 'team' | 'overdue' }
  | { kind: 'add'; text: string; ownerId: string; dueDate: string };

const MENTION = /<@([^|>\s]{1,200})(?:\|[^>]*)?>/g;
const WEEKLY = new Set(['weekly', 'semanal', 'weekly-review', 'revisão', 'revisao']);
const ONE_ON_ONE = new Set(['1:1', '1on1', 'one-on-one']);

export const mentionsIn = (text: string) => [...text.matchAll(MENTION)].map((m) => m[1]!);
const withoutMentions = (text: string) => text.replace(MENTION, ' ').replace(/\s+/g, ' ').trim();

/** "2026-12-01 10:00", "01/12/2026 10:00", "today 15:00", "amanhã 9:30" in the tenant's zone. */
export function parseWhen(text: string, zone: string, now: Date): Date {
  const t = text.trim().toLowerCase();
  const rel = /^(today|hoje|tomorrow|amanhã|amanha)\s+(\d{1,2}):(\d{2})$/.exec(t);
  let dt: DateTime | null = null;
  if (rel) {
    const day = DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: rel[1] === 'today' || rel[1] === 'hoje' ? 0 : 1 });
    dt = day.set({ hour: Number(rel[2]), minute: Number(rel[3]) });
  } else {
    for (const format of ['yyyy-MM-dd H:mm', 'dd/MM/yyyy H:mm', 'yyyy-MM-dd', 'dd/MM/yyyy']) {
      const parsed = DateTime.fromFormat(t, format, { zone });
      if (parsed.isValid) {
        dt = format.includes('H') ? parsed : parsed.set({ hour: 9 });
        break;
      }
    }
  }
  if (!dt?.isValid || dt.hour > 23) throw new ValidationError('meeting.bad_when', { value: text.trim().slice(0, 40) });
  return dt.toJSDate();
}

/**
 * A date and time followed by words that are not part of it (`tomorrow 9:30 please`): those
 * words are refused by name, with `exampleKey`; text with no date at its start is a bad date.
 */
export function whenAtStart(text: string, zone: string, now: Date, exampleKey: string): Date {
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(words.length, 2); n >= 1 && words.length > n; n--) {
    let at: Date | null = null;
    try {
      at = parseWhen(words.slice(0, n).join(' '), zone, now);
    } catch {
      continue; // a shorter start may still be a date
    }
    refuseWords(words.slice(n), exampleKey);
    return at;
  }
  return parseWhen(text, zone, now);
}

/** Splits at a separator, except inside `<@U1|ana>` mentions (Slack puts a "|" in them). */
function splitOutsideMentions(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '<') depth++;
    if (ch === '>' && depth > 0) depth--;
    if (depth === 0 && separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** "KPIs (10), Escalations <@U2> (15), AOB" — minutes default to 5. */
export function parseAgenda(text: string): AgendaDraft[] {
  const items = splitOutsideMentions(text, ',\n;')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const owner = mentionsIn(part)[0];
      const minutes = /\((\d{1,3})\s*(?:min)?\)\s*$/.exec(withoutMentions(part));
      const label = withoutMentions(part).replace(/\((\d{1,3})\s*(?:min)?\)\s*$/, '').trim();
      if (!label) throw new ValidationError('meeting.bad_item', { value: part.slice(0, 40) });
      const m = minutes ? Number(minutes[1]) : 5;
      if (m < 1 || m > 240) throw new ValidationError('meeting.bad_minutes', { value: part.slice(0, 40) });
      return { text: label.slice(0, 200), minutes: m, ...(owner ? { ownerId: owner } : {}) };
    });
  if (items.length > MAX_AGENDA_ITEMS) throw new ValidationError('meeting.too_many_items', { max: MAX_AGENDA_ITEMS });
  return items;
}

function parseDuration(text: string): number {
  const n = Number(text.trim().replace(/\s*min$/i, ''));
  if (!Number.isInteger(n) || n < 5 || n > 480) throw new ValidationError('meeting.bad_duration', { value: text.trim().slice(0, 20) });
  return n;
}

const MEETING_VERBS: Record<string, 'new' | 'start' | 'end' | 'stats' | 'cancel'> = {
  cancel: 'cancel', cancelar: 'cancel',
  stats: 'stats', estatisticas: 'stats', estatísticas: 'stats',
  new: 'new', nova: 'new', novo: 'new',
  start: 'start', iniciar: 'start', começar: 'start',
  end: 'end', encerrar: 'end', fim: 'end',
};

/**
 * `new` alone opens the form; `new weekly [when]`, `new 1:1 @ana [when]` use a template;
 * `new Title | when | minutes | item (10), item (15)` is the one-line form.
 */
export function parseMeetingCommand(text: string, zone: string, now: Date): MeetingIntent {
  const [verb = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  if (!verb) return { kind: 'usage' };
  const kind = lookup(MEETING_VERBS, verb.toLowerCase());
  if (!kind) throw new UnknownWordsError([verb], 'meeting.example.verb');
  if (kind === 'stats') return { kind, ...parseStatsArgs(rest) };
  if (kind !== 'new') {
    refuseWords(rest, `meeting.example.${kind}`);
    return { kind };
  }
  const body = rest.join(' ').trim();
  if (!body) return { kind: 'new', draft: null };
  const first = (rest[0] ?? '').toLowerCase();
  if (splitOutsideMentions(body, '|').length === 1 && (WEEKLY.has(first) || ONE_ON_ONE.has(first))) {
    const template = WEEKLY.has(first) ? 'weekly' : 'one-on-one';
    const when = withoutMentions(rest.slice(1).join(' '));
    return {
      kind: 'new',
      draft: { template, participants: mentionsIn(body), agenda: [], ...(when ? { startsAt: whenAtStart(when, zone, now, `meeting.example.${template}`) } : {}) },
    };
  }
  const parts = splitOutsideMentions(body, '|').map((p) => p.trim());
  const [title = '', when, duration, agenda, ...extra] = parts;
  if (parts.length < 4 || !withoutMentions(title)) throw new ValidationError('meeting.one_line');
  // a fifth part has no place in the one-line form
  refuseWords(extra.filter(Boolean), 'meeting.example.one_line');
  const items = parseAgenda(agenda ?? '');
  if (items.length === 0) throw new ValidationError('meeting.empty_agenda');
  return {
    kind: 'new',
    draft: {
      title: withoutMentions(title).slice(0, 150),
      startsAt: whenAtStart(when ?? '', zone, now, 'meeting.example.one_line'),
      durationMinutes: parseDuration(duration ?? ''),
      participants: mentionsIn(body),
      agenda: items,
    },
  };
}

/** A due date: "2026-12-03", "03/12/2026", "today", "tomorrow", "+3d"; never in the past. */
export function parseDueDate(text: string, zone: string, now: Date): string {
  const t = text.trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  let day: DateTime | null = null;
  if (t === 'today' || t === 'hoje') day = today;
  else if (t === 'tomorrow' || t === 'amanhã' || t === 'amanha') day = today.plus({ days: 1 });
  else if (/^\+\d{1,3}d$/.test(t)) day = today.plus({ days: Number(t.slice(1, -1)) });
  else {
    for (const format of ['yyyy-MM-dd', 'dd/MM/yyyy']) {
      const parsed = DateTime.fromFormat(t, format, { zone });
      if (parsed.isValid) day = parsed;
    }
  }
  if (!day?.isValid) throw new ValidationError('actions.bad_due', { value: text.trim().slice(0, 20) });
  if (day < today) throw new ValidationError('actions.due_in_past', { value: day.toISODate()! });
  return day.toISODate()!;
}

const LIST_SCOPES: Record<string, 'mine' | 'team' | 'overdue'> = {
  mine: 'mine', minhas: 'mine',
  team: 'team', equipe: 'team', time: 'team',
  overdue: 'overdue', atrasadas: 'overdue', vencidas: 'overdue',
};

/** `actions`, `actions team|overdue`, `actions add Call back ACME @ana 2026-12-03`; other words are refused. */
export function parseActionsCommand(text: string, zone: string, now: Date): ActionsIntent {
  const [verb = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const word = verb.toLowerCase();
  const scope = !word ? 'mine' : lookup(LIST_SCOPES, word);
  if (scope) {
    refuseWords(rest, `actions.example.${scope}`);
    return { kind: 'list', scope };
  }
  if (word !== 'add' && word !== 'nova' && word !== 'adicionar') throw new UnknownWordsError([verb], 'actions.example.verb');
  const body = rest.join(' ');
  const owners = mentionsIn(body);
  if (owners.length !== 1) throw new ValidationError('actions.need_owner');
  const words = withoutMentions(body).split(' ');
  const due = words.pop() ?? '';
  const what = words.join(' ').trim();
  if (!what) throw new ValidationError('actions.need_text');
  return { kind: 'add', text: what.slice(0, 300), ownerId: owners[0]!, dueDate: parseDueDate(due, zone, now) };
}
