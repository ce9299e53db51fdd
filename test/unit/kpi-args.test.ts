import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/core/domain/interaction.js';
import { ValidationError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';
import { kpiArgsSchema, parseKpiArgs, periodSpecSchema, resolvePeriod, shiftPeriod, type KpiArgs } from '../../src/core/periods/index.js';

function refusal(text: string): ValidationError {
  try {
    parseKpiArgs(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error(`expected "${text}" to be refused`);
}

const args = (partial: Partial<KpiArgs>): KpiArgs => ({ period: { kind: 'week' }, filters: {}, live: false, ...partial });

describe('parseKpiArgs: periods', () => {
  it('defaults to this week', () => {
    expect(parseKpiArgs('')).toEqual(args({}));
    expect(parseKpiArgs('   ')).toEqual(args({}));
    expect(parseKpiArgs('channel:email')).toEqual(args({ filters: { channel: 'email' } }));
  });

  it.each([
    ['today', 'today'], ['hoje', 'today'], ['yesterday', 'yesterday'], ['Ontem', 'yesterday'],
    ['week', 'week'], ['semana', 'week'], ['this week', 'week'], ['esta semana', 'week'],
    ['last week', 'last_week'], ['Last Week', 'last_week'], ['semana passada', 'last_week'], ['Semana Passada', 'last_week'],
    ['month', 'month'], ['mês', 'month'], ['mes', 'month'], ['last month', 'last_month'], ['mês passado', 'last_month'], ['MES PASSADO', 'last_month'],
    ['quarter', 'quarter'], ['trimestre', 'quarter'], ['year', 'year'], ['ano', 'year'],
  ])('reads %j wherever it stands among the other tokens', (word, kind) => {
    expect(parseKpiArgs(word).period).toEqual({ kind });
    expect(parseKpiArgs(`${word} channel:chat`).period).toEqual({ kind });
    expect(parseKpiArgs(`canal:chat ${word}`).period).toEqual({ kind });
    expect(parseKpiArgs(`team:billing ${word} live`)).toEqual(args({ period: { kind } as KpiArgs['period'], filters: { team: 'billing' }, live: true }));
  });

  it('reads rolling days and date ranges', () => {
    expect(parseKpiArgs('7d').period).toEqual({ kind: 'rolling', days: 7 });
    expect(parseKpiArgs('por:canal 30d').period).toEqual({ kind: 'rolling', days: 30 });
    expect(parseKpiArgs('90dias').period).toEqual({ kind: 'rolling', days: 90 });
    expect(parseKpiArgs('canal:email 30 dias live').period).toEqual({ kind: 'rolling', days: 30 });
    expect(parseKpiArgs('2026-11-01..2026-11-15 canal:chat').period).toEqual({ kind: 'range', from: '2026-11-01', to: '2026-11-15' });
    expect(parseKpiArgs('equipe:x 2026-11-01 a 2026-11-15 por:agente').period).toEqual({ kind: 'range', from: '2026-11-01', to: '2026-11-15' });
    expect(parseKpiArgs('2026-11-01 to 2026-11-15').period).toEqual({ kind: 'range', from: '2026-11-01', to: '2026-11-15' });
    expect(parseKpiArgs('2026-11-05').period).toEqual({ kind: 'range', from: '2026-11-05', to: '2026-11-05' });
  });

  it('ignores a leading "kpi" (Teams message text)', () => {
    expect(parseKpiArgs('kpi hoje')).toEqual(args({ period: { kind: 'today' } }));
    expect(parseKpiArgs('KPI')).toEqual(args({}));
  });
});

describe('parseKpiArgs: filters and flags', () => {
  it('reads mixed tokens in any order', () => {
    expect(parseKpiArgs('channel:email last week team:billing live')).toEqual(
      args({ period: { kind: 'last_week' }, filters: { channel: 'email', team: 'billing' }, live: true }),
    );
    expect(parseKpiArgs('7d agent:<@U123|ana> team:Billing by:channel')).toEqual(
      args({ period: { kind: 'rolling', days: 7 }, filters: { agent: 'U123', team: 'Billing' }, breakdown: 'channel' }),
    );
    expect(parseKpiArgs('category:refund by:agent yesterday')).toEqual(args({ period: { kind: 'yesterday' }, filters: { category: 'refund' }, breakdown: 'agent' }));
  });

  it('reads pt-BR keys, values and flags', () => {
    expect(parseKpiArgs('mês passado canal:telefone equipe:financeiro agente:@ana categoria:reembolso por:equipe ao-vivo')).toEqual(
      args({
        period: { kind: 'last_month' },
        filters: { channel: 'phone', team: 'financeiro', agent: 'ana', category: 'reembolso' },
        breakdown: 'team',
        live: true,
      }),
    );
    expect(parseKpiArgs('time:suporte semana passada ao vivo')).toEqual(args({ period: { kind: 'last_week' }, filters: { team: 'suporte' }, live: true }));
    expect(parseKpiArgs('Canal:Presencial por:Agente').filters).toEqual({ channel: 'in_person' });
    expect(parseKpiArgs('por:time').breakdown).toBe('team');
    expect(parseKpiArgs('by:canal').breakdown).toBe('channel');
  });

  it('reads a year-over-year comparison and last year, in both languages', () => {
    expect(parseKpiArgs('month yoy')).toEqual(args({ period: { kind: 'month' }, compare: 'yoy' }));
    expect(parseKpiArgs('mês aa canal:email')).toEqual(args({ period: { kind: 'month' }, filters: { channel: 'email' }, compare: 'yoy' }));
    expect(parseKpiArgs('semana ano a ano')).toEqual(args({ period: { kind: 'week' }, compare: 'yoy' }));
    expect(parseKpiArgs('last year')).toEqual(args({ period: { kind: 'last_year' } }));
    expect(parseKpiArgs('ano passado yoy')).toEqual(args({ period: { kind: 'last_year' }, compare: 'yoy' }));
    expect(kpiArgsSchema.parse({ ...args({}), compare: 'yoy' }).compare).toBe('yoy');
  });

  it.each([
    ['email', 'email'], ['E-mail', 'email'], ['e-mail', 'email'], ['telefone', 'phone'], ['Phone', 'phone'], ['presencial', 'in_person'],
    ['in_person', 'in_person'], ['outro', 'other'], ['other', 'other'], ['whatsapp', 'whatsapp'], ['chat', 'chat'], ['social', 'social'],
  ])('channel %s → %s', (value, channel) => {
    expect(parseKpiArgs(`channel:${value}`).filters).toEqual({ channel });
    expect(parseKpiArgs(`canal:${value}`).filters).toEqual({ channel });
  });

  it.each(['live', 'LIVE', 'ao-vivo', 'Ao-Vivo', 'ao vivo', 'aovivo'])('%j is the live flag', (flag) => {
    expect(parseKpiArgs(`semana ${flag}`)).toEqual(args({ live: true }));
  });

  it('reads agents as Slack mentions, @names or plain ids', () => {
    expect(parseKpiArgs('agent:<@U123|ana>').filters).toEqual({ agent: 'U123' });
    expect(parseKpiArgs('agente:<@U0G9QF9C6>').filters).toEqual({ agent: 'U0G9QF9C6' });
    expect(parseKpiArgs('agent:<@W123|ana maria> hoje')).toEqual(args({ period: { kind: 'today' }, filters: { agent: 'W123' } }));
    expect(parseKpiArgs('agent:@ana.souza').filters).toEqual({ agent: 'ana.souza' });
    expect(parseKpiArgs('agente:ana').filters).toEqual({ agent: 'ana' });
    // a bare mention is an agent filter
    expect(parseKpiArgs('<@U123|ana> 7d')).toEqual(args({ period: { kind: 'rolling', days: 7 }, filters: { agent: 'U123' } }));
    expect(parseKpiArgs('semana @ana').filters).toEqual({ agent: 'ana' });
  });

  it('keeps quoted values whole and undoes Slack escaping', () => {
    expect(parseKpiArgs('team:"Suporte N1" semana').filters).toEqual({ team: 'Suporte N1' });
    expect(parseKpiArgs('equipe:“Suporte Técnico” mês').filters).toEqual({ team: 'Suporte Técnico' });
    expect(parseKpiArgs('category:troca&amp;devolução').filters).toEqual({ category: 'troca&devolução' });
    expect(parseKpiArgs('categoria:"a &lt;b&gt;"').filters).toEqual({ category: 'a <b>' });
  });
});

describe('parseKpiArgs: refusals', () => {
  it.each([
    ['fortnight', 'fortnight'],
    ['week foo', 'foo'],
    ['foo semana', 'foo'],
    ['last', 'last'],
    ['passada', 'passada'],
    ['semana canal:email passada', 'passada'],
    ['colour:blue', 'colour:blue'],
    ['week 10:00', '10:00'],
    ['<https://example.com>', '<https://example.com>'],
  ])('%j → kpi.unknown_arg %j', (text, arg) => {
    const e = refusal(text);
    expect(e.messageKey).toBe('kpi.unknown_arg');
    expect(e.params).toEqual({ arg });
  });

  it('refuses unknown channels, listing the allowed ones', () => {
    const e = refusal('week channel:pigeon');
    expect(e.messageKey).toBe('kpi.bad_channel');
    expect(e.params).toEqual({ value: 'pigeon', allowed: CHANNELS.join(', ') });
    expect(t('pt-BR', e.messageKey, e.params)).toContain('in_person');
    expect(refusal('canal:fax').params).toMatchObject({ value: 'fax' });
  });

  it.each([
    ['channel:email canal:chat', 'canal'],
    ['team:a equipe:b', 'equipe'],
    ['time:a team:b', 'team'],
    ['agent:@a <@U1>', 'agent'],
    ['categoria:a category:b', 'category'],
    ['by:team por:canal', 'por'],
  ])('%j → kpi.duplicate_filter', (text, filter) => {
    const e = refusal(text);
    expect(e.messageKey).toBe('kpi.duplicate_filter');
    expect(e.params).toEqual({ filter });
  });

  it('refuses two periods', () => {
    const e = refusal('week month');
    expect(e.messageKey).toBe('kpi.duplicate_period');
    expect(e.params).toEqual({ first: 'week', second: 'month' });
    expect(refusal('semana passada 7d').params).toEqual({ first: 'semana passada', second: '7d' });
  });

  it('refuses malformed periods with the period message', () => {
    for (const text of ['1100d', '0d', '2026-02-30..2026-03-01 canal:email', '2026-11-15..2026-11-01', '2022-01-01..2025-12-31']) {
      expect(refusal(text).messageKey, text).toBe('period.invalid');
    }
    expect(refusal('canal:email 2026-02-30').params).toEqual({ text: '2026-02-30' });
  });

  it('refuses bad breakdowns, empty and overlong values', () => {
    expect(refusal('by:planet').messageKey).toBe('kpi.bad_breakdown');
    expect(refusal('por:categoria').params).toEqual({ value: 'categoria' });
    expect(refusal('team:""')).toMatchObject({ messageKey: 'kpi.empty_value', params: { filter: 'team' } });
    expect(refusal('agente:@')).toMatchObject({ messageKey: 'kpi.empty_value', params: { filter: 'agente' } });
    expect(refusal(`team:${'x'.repeat(101)}`)).toMatchObject({ messageKey: 'kpi.value_too_long', params: { filter: 'team', max: 100 } });
    expect(parseKpiArgs(`team:${'x'.repeat(100)}`).filters.team).toHaveLength(100);
  });

  it('has every message in both languages', () => {
    for (const key of ['kpi.unknown_arg', 'kpi.bad_channel', 'kpi.bad_breakdown', 'kpi.duplicate_filter', 'kpi.duplicate_period', 'kpi.empty_value', 'kpi.value_too_long', 'period.invalid', 'period.bad_timezone']) {
      expect(t('en', key)).not.toBe(key);
      expect(t('pt-BR', key)).not.toBe(key);
      expect(t('pt-BR', key)).not.toBe(t('en', key));
    }
  });
});

describe('kpiArgsSchema (button values)', () => {
  it('accepts what the parser and shiftPeriod produce, through JSON', () => {
    for (const text of ['', 'semana passada canal:email ao-vivo', '7d agent:<@U123|ana> team:Billing por:canal', '2026-11-01..2026-11-15 categoria:x', 'ano por:agente']) {
      const parsed = parseKpiArgs(text);
      expect(kpiArgsSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    }
    const at = new Date('2026-11-25T15:00:00Z');
    for (const kind of ['week', 'month', 'quarter', 'year', 'today', 'last_month'] as const) {
      for (const direction of [-1, 1] as const) {
        const spec = shiftPeriod(resolvePeriod({ kind }, 'America/Sao_Paulo', at), direction).spec;
        expect(periodSpecSchema.parse(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
      }
    }
  });

  it.each([
    ['a bad date', { period: { kind: 'range', from: '2026-02-30', to: '2026-03-01' } }],
    ['a reversed range', { period: { kind: 'range', from: '2026-11-15', to: '2026-11-01' } }],
    ['a range too long', { period: { kind: 'range', from: '2022-01-01', to: '2025-01-01' } }],
    ['an unknown comparison', { compare: 'mom' }],
    ['a date with a time', { period: { kind: 'range', from: '2026-11-01T00:00', to: '2026-11-02' } }],
    ['0 rolling days', { period: { kind: 'rolling', days: 0 } }],
    ['fractional rolling days', { period: { kind: 'rolling', days: 1.5 } }],
    ['an unknown kind', { period: { kind: 'fortnight' } }],
    ['extra period fields', { period: { kind: 'week', days: 3 } }],
    ['an unknown channel', { filters: { channel: 'pigeon' } }],
    ['an unknown filter', { filters: { colour: 'blue' } }],
    ['an empty team', { filters: { team: '' } }],
    ['a bad breakdown', { breakdown: 'category' }],
    ['a live that is not a boolean', { live: 'yes' }],
  ])('refuses %s', (_, patch) => {
    expect(kpiArgsSchema.safeParse({ ...args({}), ...patch }).success).toBe(false);
  });

  it('refuses a missing live flag or period', () => {
    expect(kpiArgsSchema.safeParse({ period: { kind: 'week' }, filters: {} }).success).toBe(false);
    expect(kpiArgsSchema.safeParse({ filters: {}, live: false }).success).toBe(false);
  });
});
