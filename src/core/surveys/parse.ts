import { z } from 'zod';
import { SURVEY_TYPES } from '../domain/interaction.js';
import type { SurveyRecipient } from '../domain/survey.js';
import { readPeriodAndFilters, refuseWords } from '../command-words.js';
import { UnknownWordsError, ValidationError } from '../errors.js';
import type { KpiArgs } from '../periods/index.js';

/** `survey …` parsed once into a typed intent. */
export type SurveyIntent =
  | { kind: 'send'; type: (typeof SURVEY_TYPES)[number]; recipient: SurveyRecipient | 'here'; ticket?: { source: string; externalId: string } }
  | { kind: 'results'; args: KpiArgs }
  | { kind: 'alerts'; on: boolean }
  | { kind: 'usage' };

const SEND = new Set(['send', 'enviar']);
const RESULTS = new Set(['results', 'resultados']);
const ALERTS = new Set(['alerts', 'alertas']);
const HERE = new Set(['here', 'aqui']);
const OFF = new Set(['off', 'desligar', 'desligado']);
const DEFAULT_SOURCE = 'api';

const ticketSchema = z.string().min(1).max(200);
const sourceRe = /^[a-z0-9_.-]{1,50}$/;

/** `<@U123|ana>` (Slack, escaped), `<@29:abc>` (Teams mentions as the adapter writes them), `<#C123|support>`, "here". */
export function parseRecipient(token: string | undefined): SurveyRecipient | 'here' {
  if (!token) throw new ValidationError('survey.bad_recipient');
  if (HERE.has(token.toLowerCase())) return 'here';
  const user = /^<@([^|>\s]{1,200})(?:\|[^>]*)?>$/.exec(token);
  if (user) return { userId: user[1]! };
  const channel = /^<#([A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(token);
  if (channel) return { channelId: channel[1]! };
  throw new ValidationError('survey.bad_recipient');
}

/** "zendesk:4711" names the source; a bare id is from the default source ("api"). */
export function parseTicket(token: string): { source: string; externalId: string } {
  const parsed = ticketSchema.safeParse(token);
  if (!parsed.success) throw new ValidationError('survey.unknown_interaction', { externalId: token.slice(0, 50), source: DEFAULT_SOURCE });
  const colon = token.indexOf(':');
  const source = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
  if (colon > 0 && sourceRe.test(source) && colon < token.length - 1) return { source, externalId: token.slice(colon + 1) };
  return { source: DEFAULT_SOURCE, externalId: token };
}

/** Every word is used or refused (with an example of the right form of that subcommand). */
export function parseSurveyCommand(text: string): SurveyIntent {
  const [verb = '', ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const word = verb.toLowerCase();
  if (!word) return { kind: 'usage' };
  if (SEND.has(word)) {
    const [typeWord = '', who, ticket, ...extra] = rest;
    const type = typeWord.toLowerCase();
    if (!type) return { kind: 'usage' };
    if (!(SURVEY_TYPES as readonly string[]).includes(type)) throw new UnknownWordsError([typeWord], 'survey.example.send');
    const recipient = parseRecipient(who);
    refuseWords(extra, 'survey.example.send');
    return { kind: 'send', type: type as 'csat' | 'nps', recipient, ...(ticket ? { ticket: parseTicket(ticket) } : {}) };
  }
  if (RESULTS.has(word)) return { kind: 'results', args: readPeriodAndFilters(rest.join(' '), { exampleKey: 'survey.example.results' }).args };
  if (ALERTS.has(word)) {
    const [arg = '', ...extra] = rest;
    if (!arg) return { kind: 'usage' };
    const on = HERE.has(arg.toLowerCase()) ? true : OFF.has(arg.toLowerCase()) ? false : null;
    if (on === null) throw new UnknownWordsError(rest, 'survey.example.alerts');
    refuseWords(extra, 'survey.example.alerts');
    return { kind: 'alerts', on };
  }
  throw new UnknownWordsError([verb], 'survey.example.verb');
}
