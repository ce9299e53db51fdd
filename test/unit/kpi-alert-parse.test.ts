import { describe, expect, it } from 'vitest';
import { parseAlertCommand, parseAlertDefinition } from '../../src/core/alerts/parse.js';
import { ValidationError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';
import { describeAlert } from '../../src/core/alerts/views/kpi-alert-card.js';

const refusal = (text: string) => {
  try {
    parseAlertCommand(text);
  } catch (e) {
    if (e instanceof ValidationError) return { key: e.messageKey, en: t('en', e.messageKey, e.params), pt: t('pt-BR', e.messageKey, e.params) };
    throw e;
  }
  throw new Error(`accepted: ${text}`);
};

describe('alert definitions', () => {
  it('reads the examples of the issue', () => {
    expect(parseAlertDefinition('frt.p90 > 120 channel:chat 1d')).toEqual({
      kpi: 'firstResponseMinutes.p90', op: '>', threshold: 120, filters: { channel: 'chat' }, window: { unit: 'd', n: 1 }, minSample: 1, graceMinutes: 240,
    });
    expect(parseAlertDefinition('csat < 0.85 50 responses')).toMatchObject({ kpi: 'csat.score', op: '<', threshold: 0.85, minSample: 50, window: { unit: 'd', n: 1 } });
  });

  it('takes rates as fractions or percents, times in minutes or hours, Slack-escaped operators', () => {
    expect(parseAlertDefinition('csat < 85%').threshold).toBeCloseTo(0.85);
    expect(parseAlertDefinition('csat < 85 %').threshold).toBeCloseTo(0.85);
    expect(parseAlertDefinition('sla <= 90').threshold).toBeCloseTo(0.9);
    expect(parseAlertDefinition('csat < 0,85').threshold).toBeCloseTo(0.85);
    expect(parseAlertDefinition('rt.p90 &gt;= 2h')).toMatchObject({ kpi: 'resolutionMinutes.p90', op: '>=', threshold: 120 });
    expect(parseAlertDefinition('frt>90min')).toMatchObject({ kpi: 'firstResponseMinutes.median', op: '>', threshold: 90 });
    // read as /kpi target reads them
    expect(parseAlertDefinition('frt > 1h30')).toMatchObject({ threshold: 90 });
    expect(parseAlertDefinition('frt > 1,5h')).toMatchObject({ threshold: 90 });
    expect(parseAlertDefinition('nps ≤ -10')).toMatchObject({ kpi: 'nps.score', op: '<=', threshold: -10 });
    expect(parseAlertDefinition('backlog > 200 6h grace 30m')).toMatchObject({ kpi: 'backlog', window: { unit: 'h', n: 6 }, graceMinutes: 30 });
  });

  it('speaks pt-BR: tpr, tmr, reabertura, canal:, equipe:, respostas, atendimentos, carência', () => {
    expect(parseAlertDefinition('tpr.p90 > 120 canal:chat equipe:"Suporte N1" 7d 20 atendimentos carência 2h')).toEqual({
      kpi: 'firstResponseMinutes.p90', op: '>', threshold: 120, filters: { channel: 'chat', team: 'Suporte N1' }, window: { unit: 'd', n: 7 }, minSample: 20, graceMinutes: 120,
    });
    expect(parseAlertDefinition('tmr > 480').kpi).toBe('resolutionMinutes.mean');
    expect(parseAlertDefinition('tpr.mediana > 30').kpi).toBe('firstResponseMinutes.median');
    expect(parseAlertDefinition('reabertura > 10%').kpi).toBe('reopenRate');
    expect(parseAlertDefinition('csat < 80% 30 respostas')).toMatchObject({ minSample: 30 });
    expect(parseAlertDefinition('escalonamento > 60 agente:<@U123|ana>')).toMatchObject({ kpi: 'escalationMinutes.mean', filters: { agent: 'U123' } });
  });

  it('reads the management verbs in both languages', () => {
    const id = 'a'.repeat(24);
    expect(parseAlertCommand('')).toEqual({ kind: 'usage' });
    expect(parseAlertCommand('ajuda')).toEqual({ kind: 'usage' });
    expect(parseAlertCommand('listar')).toEqual({ kind: 'list' });
    expect(parseAlertCommand(`pausar ${id}`)).toEqual({ kind: 'pause', id });
    expect(parseAlertCommand(`resume ${id}`)).toEqual({ kind: 'resume', id });
    expect(parseAlertCommand(`remover ${id}`)).toEqual({ kind: 'remove', id });
    expect(parseAlertCommand(`editar ${id} nps < 20`)).toMatchObject({ kind: 'edit', id, definition: { kpi: 'nps.score', threshold: 20 } });
    expect(parseAlertCommand('volume < 10')).toMatchObject({ kind: 'create', definition: { kpi: 'volume' } });
  });

  it('refuses bad input with a reason in both languages', () => {
    const cases: [string, string, RegExp][] = [
      ['frt.p99 > 120', 'alert.unknown_kpi', /not a KPI an alert can watch/],
      ['frt.p90 120', 'alert.bad_definition', /comparison/],
      ['csat < 150%', 'alert.bad_value_rate', /not a rate/],
      ['csat < 2h', 'alert.bad_value_rate', /not a rate/],
      ['frt > soon', 'alert.bad_value_minutes', /not a time/],
      ['nps < 200', 'alert.bad_value_nps', /-100 to 100/],
      ['backlog > 1.5', 'alert.bad_value_count', /whole number|not a count/],
      ['frt > 60 channel:chat 6h', 'alert.hours_without_filters', /use days/],
      ['frt > 60 0d', 'alert.bad_window', /not a window/],
      ['frt > 60 100h', 'alert.bad_window', /1h to 72h/],
      ['frt > 60 1d 7d', 'alert.duplicate', /twice/],
      ['frt > 60 week', 'alert.unknown_arg', /did not understand "week"/],
      ['frt > 60 by:agent', 'alert.unknown_arg', /by:agent/],
      ['frt > 60 grace soon', 'alert.bad_grace', /not a grace period/],
      ['csat < 80% 30 interactions', 'alert.sample_responses', /in responses/],
      ['frt > 60 30 respostas', 'alert.sample_interactions', /in interactions/],
      ['frt > 60 channel:fax', 'kpi.bad_channel', /fax/],
      ['pause 123', 'alert.bad_id', /id shown/],
    ];
    for (const [text, key, en] of cases) {
      const r = refusal(text);
      expect(r.key, text).toBe(key);
      expect(r.en, text).toMatch(en);
      expect(r.pt, text).not.toBe(r.en);
    }
  });

  it('describes an alert in words', () => {
    const def = parseAlertDefinition('frt.p90 > 120 channel:chat 1d 20 interactions grace 90m');
    expect(describeAlert(def, 'en')).toBe('FRT p90 > 2 h 00 min (chat, today) · min. 20 interactions · grace 1 h 30 min');
    expect(describeAlert(parseAlertDefinition('csat < 85% 7d'), 'pt-BR')).toBe('CSAT < 85% (últimos 7 dias) · carência 4 h');
  });
});
