/**
 * Changing what was planned: `meeting reschedule|agenda …` and `actions edit|reassign|due|cancel
 * <n> …`, parsed into typed intents. Every word is used or refused by name, with an example.
 */
import { lookup, refuseWords } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';
import { mentionsIn, parseDueDate, whenAtStart } from './parse.js';

export const AGENDA_TEXT_MAX = 200;
export const ACTION_TEXT_MAX = 300;

export type MeetingEditIntent =
  | { kind: 'reschedule'; startsAt: Date }
  | { kind: 'agenda-add'; text: string; minutes: number; ownerId?: string }
  | { kind: 'agenda-remove'; n: number }
  | { kind: 'agenda-move'; n: number; to: number };

export type ActionEditIntent =
  | { kind: 'edit'; n: number; text: string }
  | { kind: 'reassign'; n: number; ownerId: string }
  | { kind: 'due'; n: number; dueDate: string }
  | { kind: 'cancel'; n: number };

const MEETING_EDIT_VERBS: Record<string, 'reschedule' | 'agenda'> = {
  reschedule: 'reschedule', remarcar: 'reschedule', reagendar: 'reschedule',
  agenda: 'agenda', pauta: 'agenda',
};
const AGENDA_VERBS: Record<string, 'add' | 'remove' | 'move'> = {
  add: 'add', adicionar: 'add',
  remove: 'remove', remover: 'remove',
  move: 'move', mover: 'move',
};
const ACTION_VERBS: Record<string, ActionEditIntent['kind']> = {
  edit: 'edit', editar: 'edit',
  reassign: 'reassign', reatribuir: 'reassign',
  due: 'due', prazo: 'due',
  cancel: 'cancel', cancelar: 'cancel',
};

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** "3" or "#3": a list number, else refused by name with the command's example. */
function numberOf(word: string | undefined, exampleKey: string): number {
  const m = /^#?(\d{1,6})$/.exec(word ?? '');
  if (!m || Number(m[1]) < 1) throw word ? new UnknownWordsError([word], exampleKey) : new ValidationError('meeting.edit.need_number', { example: exampleKey });
  return Number(m[1]);
}

/** A meeting edit, or null when the verb is another one (`new`, `start`, …). */
export function parseMeetingEdit(text: string, zone: string, now: Date): MeetingEditIntent | null {
  const [verb = '', sub = '', ...rest] = words(text);
  const kind = lookup(MEETING_EDIT_VERBS, verb.toLowerCase());
  if (!kind) return null;
  if (kind === 'reschedule') {
    const when = [sub, ...rest].join(' ').trim();
    if (!when) throw new ValidationError('meeting.reschedule.need_when');
    return { kind, startsAt: whenAtStart(when, zone, now, 'meeting.example.reschedule') };
  }
  const action = lookup(AGENDA_VERBS, sub.toLowerCase());
  if (!action) throw sub ? new UnknownWordsError([sub], 'meeting.example.agenda') : new ValidationError('meeting.agenda.usage');
  if (action === 'remove') {
    const n = numberOf(rest[0], 'meeting.example.agenda_remove');
    refuseWords(rest.slice(1), 'meeting.example.agenda_remove');
    return { kind: 'agenda-remove', n };
  }
  if (action === 'move') {
    const n = numberOf(rest[0], 'meeting.example.agenda_move');
    const to = numberOf(rest[1], 'meeting.example.agenda_move');
    refuseWords(rest.slice(2), 'meeting.example.agenda_move');
    return { kind: 'agenda-move', n, to };
  }
  return agendaAdd(rest.join(' '));
}

const MENTION = /<@([^|>\s]{1,200})(?:\|[^>]*)?>/g;
/** `10 min`, `10min`, `(10)`, `(10 min)` at the end; minus signs are read so they can be refused */
const MINUTES = /\s*(?:\((-?\d{1,4})\s*(?:min)?\)|(-?\d{1,4})\s*min)\s*$/i;

/** `Escalations @ana 15 min`: the text, its timebox (5 by default) and an owner. */
function agendaAdd(body: string): MeetingEditIntent {
  const ownerId = mentionsIn(body)[0];
  let text = body.replace(MENTION, ' ').replace(/\s+/g, ' ').trim();
  const m = MINUTES.exec(text);
  const minutes = m ? Number(m[1] ?? m[2]) : 5;
  if (m) text = text.slice(0, m.index).trim();
  if (!text) throw new ValidationError('meeting.agenda.need_text');
  if (text.length > AGENDA_TEXT_MAX) throw new ValidationError('meeting.agenda.too_long', { max: AGENDA_TEXT_MAX });
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) throw new ValidationError('meeting.bad_minutes', { value: `${text} ${m?.[0].trim() ?? ''}`.slice(0, 40) });
  return { kind: 'agenda-add', text, minutes, ...(ownerId ? { ownerId } : {}) };
}

/** An action edit, or null when the verb is another one (`add`, a list scope). */
export function parseActionEdit(text: string, zone: string, now: Date): ActionEditIntent | null {
  const [verb = '', num, ...rest] = words(text);
  const kind = lookup(ACTION_VERBS, verb.toLowerCase());
  if (!kind) return null;
  const example = `actions.example.${kind}`;
  const n = numberOf(num, example);
  switch (kind) {
    case 'cancel':
      refuseWords(rest, example);
      return { kind, n };
    case 'due': {
      const [day, ...extra] = rest;
      if (!day) throw new ValidationError('actions.bad_due', { value: '' });
      refuseWords(extra, example);
      return { kind, n, dueDate: parseDueDate(day, zone, now) };
    }
    case 'reassign': {
      const owners = mentionsIn(rest.join(' '));
      if (owners.length !== 1) throw new ValidationError('actions.need_owner');
      refuseWords(words(rest.join(' ').replace(MENTION, ' ')), example);
      return { kind, n, ownerId: owners[0]! };
    }
    case 'edit': {
      const what = rest.join(' ').trim();
      if (!what) throw new ValidationError('actions.need_text');
      if (what.length > ACTION_TEXT_MAX) throw new ValidationError('actions.too_long', { max: ACTION_TEXT_MAX });
      return { kind, n, text: what };
    }
  }
}
