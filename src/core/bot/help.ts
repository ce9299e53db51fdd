import { lookup, refuseWords, tokensOf } from '../command-words.js';
import { normalizeWords } from '../periods/index.js';
import { helpCard, HELP_TOPICS, type HelpTopic } from './help-card.js';
import type { BotContext, BotReply } from '../chat/types.js';

/** command names (en and pt-BR, without accents) → the lines of the help card about them */
const TOPICS: Record<string, HelpTopic> = {
  kpi: 'kpi', kpis: 'kpi',
  alert: 'alert', alerts: 'alert', alerta: 'alert', alertas: 'alert',
  survey: 'survey', surveys: 'survey', pesquisa: 'survey', pesquisas: 'survey',
  meeting: 'meeting', meetings: 'meeting', reuniao: 'meeting', reunioes: 'meeting', actions: 'meeting', acoes: 'meeting',
  report: 'report', reports: 'report', relatorio: 'report', relatorios: 'report',
  period: 'periods', periods: 'periods', periodo: 'periods', periodos: 'periods', filters: 'periods', filtros: 'periods',
};

const topicOf = (word: string) => lookup(TOPICS, normalizeWords(word).replace(/^\//, ''));

/** `help [command …]`: the whole card, or the lines about the commands named; other words are refused. */
export function helpReply(ctx: BotContext, text: string): BotReply {
  const words = tokensOf(text);
  refuseWords(words.filter((w) => !topicOf(w)), 'help.example');
  const named = new Set(words.map(topicOf));
  const topics = named.size ? HELP_TOPICS.filter((x) => named.has(x)) : HELP_TOPICS;
  return { kind: 'card', card: helpCard(ctx.locale, ctx.chat.commandPrefix, topics), visibility: 'ephemeral' };
}
