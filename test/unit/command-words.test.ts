/**
 * Every parser of a command uses each word or refuses the words it did not understand, by name,
 * with an example of the right form of that subcommand; free text stays free.
 */
import { describe, expect, it } from 'vitest';
import { parseAlertCommand } from '../../src/core/alerts/parse.js';
import { parseTargetCommand } from '../../src/core/settings/target-parse.js';
import { errorReply } from '../../src/core/bot/handle-event.js';
import { helpReply } from '../../src/core/bot/help.js';
import { parseSurveyCommand } from '../../src/core/surveys/parse.js';
import type { BotContext } from '../../src/core/chat/types.js';
import { kpiArgsAndUnknown, readPeriodAndFilters } from '../../src/core/command-words.js';
import { UnknownWordsError, ValidationError } from '../../src/core/errors.js';
import { messageKeys } from '../../src/core/i18n/index.js';
import { parseActionsCommand, parseMeetingCommand } from '../../src/core/meetings/parse.js';
import { parseReportCommand } from '../../src/core/reports/schedule.js';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';
import { TEAMS_PROFILE } from '../../src/adapters/teams/profile.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const ID = 'a'.repeat(24);

/** The words refused and the example given, or what was parsed. */
function read(parse: () => unknown): { words: string[]; example: string } | { parsed: unknown } {
  try {
    return { parsed: parse() };
  } catch (e) {
    if (e instanceof UnknownWordsError) return { words: e.words, example: e.exampleKey };
    throw e;
  }
}

const PARSERS = {
  report: (text: string) => parseReportCommand(text),
  survey: (text: string) => parseSurveyCommand(text),
  meeting: (text: string) => parseMeetingCommand(text, 'UTC', NOW),
  actions: (text: string) => parseActionsCommand(text, 'UTC', NOW),
  alert: (text: string) => parseAlertCommand(text),
  target: (text: string) => parseTargetCommand(text),
};

describe('one unknown word, per subcommand', () => {
  const cases: [keyof typeof PARSERS, string, string[], string][] = [
    ['report', 'list foo', ['foo'], 'report.example.list'],
    ['report', 'listar foo', ['foo'], 'report.example.list'],
    ['report', 'history foo', ['foo'], 'report.example.history'],
    ['report', `pause ${ID} foo`, ['foo'], 'report.example.pause'],
    ['report', `retomar ${ID} foo`, ['foo'], 'report.example.resume'],
    ['report', `remove ${ID} foo`, ['foo'], 'report.example.remove'],
    ['report', 'now foo', ['foo'], 'report.example.now'],
    ['report', 'now 2026-10-05..2026-10-11 foo', ['foo'], 'report.example.now'],
    ['report', 'agora semana passada foo', ['foo'], 'report.example.now'],
    ['report', 'preview last week foo', ['foo'], 'report.example.preview'],
    ['report', 'document foo', ['foo'], 'report.example.document'],
    ['report', 'document last month channel:email foo', ['foo'], 'report.example.document'],
    ['report', 'documento mês passado pdf', ['pdf'], 'report.example.document'],
    ['report', 'document week live', ['live'], 'report.example.document'],
    ['report', 'schedule weekly mon 09:00 document foo', ['foo'], 'report.example.schedule'],
    ['report', 'schedule weekly mon 09:00 foo', ['foo'], 'report.example.schedule'],
    ['report', 'schedule daily 08:30 UTC yesterday channel:email foo', ['foo'], 'report.example.schedule'],
    ['report', `edit ${ID} daily 08:30 foo`, ['foo'], 'report.example.edit'],
    ['report', 'foo', ['foo'], 'report.example.verb'],
    ['report', 'retry now', ['retry'], 'report.example.verb'],
    ['survey', 'send csat <@U1> T-1 foo', ['foo'], 'survey.example.send'],
    ['survey', 'send foo <@U1>', ['foo'], 'survey.example.send'],
    ['survey', 'results week foo', ['foo'], 'survey.example.results'],
    ['survey', 'resultados foo', ['foo'], 'survey.example.results'],
    ['survey', 'alerts here foo', ['foo'], 'survey.example.alerts'],
    ['survey', 'alertas foo', ['foo'], 'survey.example.alerts'],
    ['survey', 'foo', ['foo'], 'survey.example.verb'],
    ['meeting', 'start foo', ['foo'], 'meeting.example.start'],
    ['meeting', 'encerrar foo', ['foo'], 'meeting.example.end'],
    ['meeting', 'new weekly tomorrow 10:00 foo', ['foo'], 'meeting.example.weekly'],
    ['meeting', 'new 1:1 <@U1|ana> 2026-12-01 10:00 foo', ['foo'], 'meeting.example.one-on-one'],
    ['meeting', 'new Sync | 2026-12-01 10:00 foo | 30 | KPIs (10)', ['foo'], 'meeting.example.one_line'],
    ['meeting', 'new Sync | 2026-12-01 10:00 | 30 | KPIs (10) | foo', ['foo'], 'meeting.example.one_line'],
    ['meeting', 'foo', ['foo'], 'meeting.example.verb'],
    ['meeting', 'cancelar foo', ['foo'], 'meeting.example.cancel'],
    ['meeting', 'stats weekly 30d foo', ['foo'], 'meeting.example.stats'],
    ['meeting', 'estatisticas "Ops review" mês passado foo', ['foo'], 'meeting.example.stats'],
    ['meeting', 'stats weekly foo bar', ['foo', 'bar'], 'meeting.example.stats'],
    ['meeting', 'stats weekly last week 30d', ['30d'], 'meeting.example.stats'],
    ['actions', 'mine foo', ['foo'], 'actions.example.mine'],
    ['actions', 'team foo', ['foo'], 'actions.example.team'],
    ['actions', 'atrasadas foo', ['foo'], 'actions.example.overdue'],
    ['actions', 'foo', ['foo'], 'actions.example.verb'],
    ['alert', 'list foo', ['foo'], 'alert.example.list'],
    ['alert', 'ajuda foo', ['foo'], 'alert.example.usage'],
    ['alert', `pause ${ID} foo`, ['foo'], 'alert.example.pause'],
    ['alert', `resume ${ID} foo`, ['foo'], 'alert.example.resume'],
    ['alert', `remover ${ID} foo`, ['foo'], 'alert.example.remove'],
    ['target', 'list foo', ['foo'], 'kpi_target.example.list'],
    ['target', 'lista foo', ['foo'], 'kpi_target.example.list'],
    ['target', 'ajuda foo', ['foo'], 'kpi_target.example.usage'],
    ['target', 'remove csat foo', ['foo'], 'kpi_target.example.remove'],
    ['target', 'remover', ['remover'], 'kpi_target.example.remove'],
    ['target', 'csat >= 85% foo', ['foo'], 'kpi_target.example.set'],
    ['target', 'frt.median <= 1h please now', ['please', 'now'], 'kpi_target.example.set'],
    ['target', 'csat >= 85 % foo', ['foo'], 'kpi_target.example.set'],
  ];
  for (const [command, text, words, example] of cases) {
    it(`${command} ${text}`, () => {
      expect(read(() => PARSERS[command](text))).toEqual({ words, example });
    });
  }

  it('every example exists in both languages', () => {
    for (const [, , , example] of cases) {
      expect(messageKeys('en'), example).toContain(example);
      expect(messageKeys('pt-BR'), example).toContain(example);
    }
  });

  it('a word that is a property of every object ("constructor") is no verb', () => {
    expect(read(() => parseReportCommand('constructor'))).toEqual({ words: ['constructor'], example: 'report.example.verb' });
    expect(read(() => parseActionsCommand('constructor', 'UTC', NOW))).toEqual({ words: ['constructor'], example: 'actions.example.verb' });
    expect(() => parseAlertCommand('constructor')).toThrow(ValidationError);
  });
});

describe('what works today keeps working', () => {
  it('reads each form whole', () => {
    expect(parseReportCommand('')).toEqual({ kind: 'usage' });
    expect(parseReportCommand('list')).toEqual({ kind: 'list' });
    expect(parseReportCommand(`pause ${ID}`)).toEqual({ kind: 'pause', id: ID });
    expect(parseReportCommand('schedule weekly mon 09:00 America/Sao_Paulo last week channel:email')).toMatchObject({ timezone: 'America/Sao_Paulo', query: 'last week channel:email' });
    expect(parseSurveyCommand('send csat <@U1|ana> zendesk:4711')).toEqual({ kind: 'send', type: 'csat', recipient: { userId: 'U1' }, ticket: { source: 'zendesk', externalId: '4711' } });
    expect(parseSurveyCommand('alertas desligar')).toEqual({ kind: 'alerts', on: false });
    expect(parseSurveyCommand('send')).toEqual({ kind: 'usage' });
    expect(parseMeetingCommand('', 'UTC', NOW)).toEqual({ kind: 'usage' });
    expect(parseMeetingCommand('iniciar', 'UTC', NOW)).toEqual({ kind: 'start' });
    expect(parseMeetingCommand('stats', 'UTC', NOW)).toEqual({ kind: 'stats', period: { kind: 'rolling', days: 90 } });
    expect(parseMeetingCommand('stats last month', 'UTC', NOW)).toEqual({ kind: 'stats', period: { kind: 'last_month' } });
    expect(parseMeetingCommand('estatísticas semanal 30 dias', 'UTC', NOW)).toEqual({ kind: 'stats', series: 'semanal', period: { kind: 'rolling', days: 30 } });
    expect(parseMeetingCommand('stats "Ops review"', 'UTC', NOW)).toEqual({ kind: 'stats', series: 'Ops review', period: { kind: 'rolling', days: 90 } });
    expect(parseMeetingCommand('new weekly amanhã 9:30', 'UTC', NOW)).toMatchObject({ draft: { template: 'weekly', startsAt: new Date('2026-11-26T09:30:00Z') } });
    expect(parseMeetingCommand('new 1:1 <@U1|ana>', 'UTC', NOW)).toMatchObject({ draft: { template: 'one-on-one', participants: ['U1'] } });
    expect(parseActionsCommand('', 'UTC', NOW)).toEqual({ kind: 'list', scope: 'mine' });
    expect(parseActionsCommand('equipe', 'UTC', NOW)).toEqual({ kind: 'list', scope: 'team' });
    expect(parseAlertCommand('list')).toEqual({ kind: 'list' });
  });

  it('keeps free text free: a meeting title, agenda items and an action’s words', () => {
    const meeting = parseMeetingCommand('new Start now please | today 15:00 | 30 | Team extra (10), foo bar (5)', 'UTC', NOW);
    expect(meeting).toMatchObject({ draft: { title: 'Start now please', agenda: [{ text: 'Team extra' }, { text: 'foo bar' }] } });
    expect(parseActionsCommand('add list team overdue foo <@U1|ana> +3d', 'UTC', NOW)).toEqual({ kind: 'add', text: 'list team overdue foo', ownerId: 'U1', dueDate: '2026-11-28' });
  });
});

describe('/report now and preview read the same words', () => {
  it('a period, filters, or both; last week when no period is given', () => {
    for (const verb of ['now', 'preview'] as const) {
      expect(parseReportCommand(verb)).toEqual({ kind: verb, query: 'last week' });
      expect(parseReportCommand(`${verb} 2026-10-05..2026-10-11`)).toEqual({ kind: verb, query: '2026-10-05..2026-10-11' });
      expect(parseReportCommand(`${verb} channel:email`)).toEqual({ kind: verb, query: 'last week channel:email' });
      expect(parseReportCommand(`${verb} mês passado equipe:"Suporte N1"`)).toEqual({ kind: verb, query: 'mês passado equipe:"Suporte N1"' });
    }
    expect(parseReportCommand('agora ontem')).toEqual({ kind: 'now', query: 'ontem' });
  });

  it('document reads them too, and a schedule takes the document word anywhere after the time', () => {
    expect(parseReportCommand('document')).toEqual({ kind: 'document', query: 'last week' });
    expect(parseReportCommand('documento mês passado canal:email')).toEqual({ kind: 'document', query: 'mês passado canal:email' });
    expect(parseReportCommand('schedule weekly mon 09:00 document channel:email')).toMatchObject({ query: 'last week channel:email', document: true });
    expect(parseReportCommand('agendar mensal 1 09:00 America/Sao_Paulo mês passado documento')).toMatchObject({ timezone: 'America/Sao_Paulo', query: 'mês passado', document: true });
    expect(parseReportCommand('schedule daily 08:30')).not.toHaveProperty('document');
    expect(() => parseReportCommand('schedule daily 08:30 webhook https://example.com/h document')).toThrow(expect.objectContaining({ messageKey: 'report.document_webhook' }));
  });

  it('a schedule without a period takes the default of its frequency, filters or not', () => {
    expect(parseReportCommand('schedule weekly mon 09:00 channel:email')).toMatchObject({ query: 'last week channel:email' });
    expect(parseReportCommand('schedule daily 08:30')).toMatchObject({ query: 'yesterday' });
    expect(parseReportCommand('schedule monthly 1 09:00 team:billing')).toMatchObject({ query: 'last month team:billing' });
  });
});

describe('period and filter words', () => {
  it('names every word /kpi did not understand, not only the first', () => {
    expect(read(() => readPeriodAndFilters('foo last week bar channel:email baz', { exampleKey: 'x' }))).toEqual({ words: ['foo', 'bar', 'baz'], example: 'x' });
    // the second "last" is the one refused: the first is part of "last week"
    expect(read(() => readPeriodAndFilters('last week last', { exampleKey: 'x' }))).toEqual({ words: ['last'], example: 'x' });
  });

  it('refuses live and by: where they mean nothing (a report, survey results)', () => {
    expect(read(() => readPeriodAndFilters('week live by:agent ao vivo', { exampleKey: 'x' }))).toEqual({ words: ['live', 'by:agent', 'ao vivo'], example: 'x' });
    expect(kpiArgsAndUnknown('week live by:agent', { flags: true })).toMatchObject({ unknown: [], args: { live: true, breakdown: 'agent' } });
  });

  it('refuses a leading "kpi", which /kpi itself skips', () => {
    expect(read(() => readPeriodAndFilters('kpi week', { exampleKey: 'x' }))).toEqual({ words: ['kpi'], example: 'x' });
  });

  it('leaves other mistakes to /kpi’s own message (a bad channel)', () => {
    expect(() => readPeriodAndFilters('week channel:fax', { exampleKey: 'x' })).toThrow(expect.objectContaining({ messageKey: 'kpi.bad_channel' }));
  });
});

describe('the refusal as the user reads it', () => {
  const text = (e: unknown, locale: 'en' | 'pt-BR', platform: 'slack' | 'teams') => {
    const reply = errorReply(e, { locale, chat: { slack: SLACK_PROFILE, teams: TEAMS_PROFILE }[platform] });
    return reply.kind === 'notice' ? reply.notice.text : '';
  };

  it('names the words and gives the example, in en and pt-BR, with a slash only where commands have one', () => {
    const e = new UnknownWordsError(['please', 'now'], 'report.example.list');
    expect(text(e, 'en', 'slack')).toBe('I did not understand "please", "now", so nothing was done. Try: /report list');
    expect(text(e, 'pt-BR', 'slack')).toBe('Não entendi "please", "now", então nada foi feito. Tente: /report listar');
    expect(text(e, 'en', 'teams')).toBe('I did not understand "please", "now", so nothing was done. Try: report list');
    expect(errorReply(e, { locale: 'en' })).toMatchObject({ kind: 'notice', notice: { tone: 'bad' } });
  });

  it('shows five words at most, each cut at 40 characters, each once', () => {
    const e = new UnknownWordsError(['a', 'a', 'b', 'c', 'd', 'e', 'f', 'x'.repeat(50)], 'report.example.list');
    expect(e.params['words']).toBe('"a", "b", "c", "d", "e", …');
    expect(new UnknownWordsError(['x'.repeat(50)], 'k').params['words']).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('an alert definition names every word it did not understand', () => {
    try {
      parseAlertCommand('frt > 60 week foo:bar by:agent 1d');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ messageKey: 'alert.unknown_arg', params: { arg: '"week", "foo:bar", "by:agent"' } });
    }
  });
});

describe('help', () => {
  const ctx: BotContext = { platform: 'slack', chat: SLACK_PROFILE, tenantId: 'T', userId: 'U', channelId: 'C', locale: 'en', isSupervisor: false, now: NOW };
  const shown = (text: string) => {
    const reply = helpReply(ctx, text);
    return reply.kind === 'card' ? reply.card.elements.map((e) => ('text' in e ? e.text : '')).join('\n') : '';
  };

  it('alone, explains every command; with command names, only those', () => {
    expect(shown('')).toMatch(/\/kpi \[period\][\s\S]*\/survey send[\s\S]*\/meeting new[\s\S]*\/report schedule/);
    expect(shown('report')).toMatch(/\/report schedule/);
    expect(shown('report')).not.toMatch(/\/survey send/);
    expect(shown('relatório /survey')).toMatch(/\/survey send[\s\S]*\/report schedule/);
  });

  it('refuses other words', () => {
    expect(read(() => helpReply(ctx, 'report please'))).toEqual({ words: ['please'], example: 'help.example' });
    expect(read(() => helpReply(ctx, 'constructor'))).toEqual({ words: ['constructor'], example: 'help.example' });
  });
});
