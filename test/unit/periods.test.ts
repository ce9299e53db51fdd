import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { parseKpiArgs, parsePeriod, periodDays, periodLabel, resolvePeriod, shiftPeriod } from '../../src/core/periods/index.js';

const SP = 'America/Sao_Paulo';
const at = new Date('2026-11-25T15:00:00Z'); // Wednesday, 12:00 in São Paulo
const iso = (d: Date) => d.toISOString();
const r = (text: string, tz = SP, when = at) => resolvePeriod(parsePeriod(text), tz, when);

describe('parsePeriod', () => {
  it.each([
    ['today', 'today'], ['hoje', 'today'], ['yesterday', 'yesterday'], ['ontem', 'yesterday'], ['week', 'week'], ['Semana', 'week'],
    ['last week', 'last_week'], ['semana passada', 'last_week'], ['month', 'month'], ['mês', 'month'], ['mes', 'month'],
    ['last month', 'last_month'], ['mês passado', 'last_month'], ['quarter', 'quarter'], ['trimestre', 'quarter'], ['year', 'year'], ['ano', 'year'], ['', 'week'],
  ])('%s → %s', (text, kind) => expect(parsePeriod(text).kind).toBe(kind));

  it('reads rolling days and ranges', () => {
    expect(parsePeriod('7d')).toEqual({ kind: 'rolling', days: 7 });
    expect(parsePeriod('30 dias')).toEqual({ kind: 'rolling', days: 30 });
    expect(parsePeriod('2026-11-01..2026-11-15')).toEqual({ kind: 'range', from: '2026-11-01', to: '2026-11-15' });
  });

  it.each(['fortnight', '0d', '400d', '2026-02-30..2026-03-01', '2026-11-15..2026-11-01', '2024-01-01..2026-01-01'])('refuses %s', (text) => {
    expect(() => parsePeriod(text)).toThrow(ValidationError);
  });
});

describe('resolvePeriod', () => {
  it('week to date compares with the same days of last week', () => {
    const p = r('week');
    expect(iso(p.start)).toBe('2026-11-23T03:00:00.000Z');
    expect(iso(p.end)).toBe('2026-11-26T03:00:00.000Z');
    expect(iso(p.previous.start)).toBe('2026-11-16T03:00:00.000Z');
    expect(iso(p.previous.end)).toBe('2026-11-19T03:00:00.000Z');
  });

  it('a Sunday still belongs to the week that started on Monday', () => {
    expect(iso(r('semana', SP, new Date('2026-11-29T20:00:00Z')).start)).toBe('2026-11-23T03:00:00.000Z');
    expect(iso(r('semana', SP, new Date('2026-11-30T04:00:00Z')).start)).toBe('2026-11-30T03:00:00.000Z');
  });

  it('month to date clamps the previous span to the previous month', () => {
    const p = r('month', 'UTC', new Date('2027-03-31T10:00:00Z'));
    expect(iso(p.previous.start)).toBe('2027-02-01T00:00:00.000Z');
    expect(iso(p.previous.end)).toBe('2027-03-01T00:00:00.000Z');
    const leap = r('month', 'UTC', new Date('2028-03-31T10:00:00Z'));
    expect(iso(leap.previous.end)).toBe('2028-03-01T00:00:00.000Z');
    const mid = r('mês', 'UTC', new Date('2026-11-25T10:00:00Z'));
    expect(iso(mid.previous.start)).toBe('2026-10-01T00:00:00.000Z');
    expect(iso(mid.previous.end)).toBe('2026-10-26T00:00:00.000Z');
  });

  it('calendar periods shift by their unit; ranges by their length', () => {
    const lw = r('last week');
    expect(iso(lw.start)).toBe('2026-11-16T03:00:00.000Z');
    expect(iso(lw.previous.start)).toBe('2026-11-09T03:00:00.000Z');
    const lm = r('last month', 'UTC');
    expect([iso(lm.start), iso(lm.end), iso(lm.previous.start)]).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z']);
    const q = r('quarter', 'UTC');
    expect(iso(q.start)).toBe('2026-10-01T00:00:00.000Z');
    expect(iso(q.previous.start)).toBe('2026-07-01T00:00:00.000Z');
    const y = r('ano', 'UTC');
    expect(iso(y.previous.start)).toBe('2025-01-01T00:00:00.000Z');
    const range = r('2026-11-01..2026-11-15', 'UTC');
    expect([iso(range.start), iso(range.end), iso(range.previous.start)]).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-16T00:00:00.000Z', '2026-10-17T00:00:00.000Z']);
    const d7 = r('7d', 'UTC');
    expect([iso(d7.start), iso(d7.end), iso(d7.previous.start)]).toEqual(['2026-11-19T00:00:00.000Z', '2026-11-26T00:00:00.000Z', '2026-11-12T00:00:00.000Z']);
  });

  it('handles DST days of 23 and 25 hours and half-hour zones', () => {
    const spring = r('today', 'America/New_York', new Date('2026-03-08T15:00:00Z'));
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const fall = r('today', 'America/New_York', new Date('2026-11-01T15:00:00Z'));
    expect((fall.end.getTime() - fall.start.getTime()) / 3_600_000).toBe(25);
    expect(iso(r('today', 'Asia/Kolkata').start)).toBe('2026-11-24T18:30:00.000Z');
    expect(periodDays(r('2026-03-07..2026-03-09', 'America/New_York'))).toHaveLength(3);
  });

  it('refuses unknown time zones', () => {
    expect(() => r('week', 'Mars/Olympus')).toThrow(ValidationError);
  });
});

describe('shiftPeriod', () => {
  it('moves a week to date to the whole weeks around it and back', () => {
    const prev = shiftPeriod(r('week'), -1);
    expect([iso(prev.start), iso(prev.end)]).toEqual(['2026-11-16T03:00:00.000Z', '2026-11-23T03:00:00.000Z']);
    expect(iso(prev.previous.start)).toBe('2026-11-09T03:00:00.000Z');
    const back = shiftPeriod(prev, 1);
    expect(iso(back.start)).toBe('2026-11-23T03:00:00.000Z');
    const twice = shiftPeriod(shiftPeriod(prev, -1), 1);
    expect(iso(twice.start)).toBe(iso(prev.start));
  });

  it('moves ranges by their length', () => {
    const p = shiftPeriod(r('2026-11-01..2026-11-10', 'UTC'), 1);
    expect([iso(p.start), iso(p.end)]).toEqual(['2026-11-11T00:00:00.000Z', '2026-11-21T00:00:00.000Z']);
  });
});

describe('periodLabel', () => {
  it('says the period in words and dates in both languages', () => {
    expect(periodLabel(r('week'), 'en')).toBe('This week (Nov 23 – Nov 25, 2026)');
    expect(periodLabel(r('semana'), 'pt-BR')).toMatch(/^Esta semana \(23 de nov\.? – 25 de nov\.? de 2026\)$/);
    expect(periodLabel(r('today'), 'en')).toBe('Today (Nov 25, 2026)');
    expect(periodLabel(r('7d'), 'pt-BR')).toMatch(/^Últimos 7 dias/);
    expect(periodLabel(r('2025-12-20..2026-01-05', 'UTC'), 'en')).toBe('Dec 20, 2025 – Jan 5, 2026');
  });
});

describe('parseKpiArgs', () => {
  it('reads periods, filters and flags in any order and either language', () => {
    expect(parseKpiArgs('')).toEqual({ period: { kind: 'week' }, filters: {}, live: false });
    expect(parseKpiArgs('canal:email semana passada live')).toEqual({ period: { kind: 'last_week' }, filters: { channel: 'email' }, live: true });
    expect(parseKpiArgs('7d agent:<@U123|ana> team:Billing por:canal')).toEqual({
      period: { kind: 'rolling', days: 7 }, filters: { agent: 'U123', team: 'Billing' }, live: false, breakdown: 'channel',
    });
    expect(parseKpiArgs('mês canal:telefone categoria:reembolso agente:@ana').filters).toEqual({ channel: 'phone', category: 'reembolso', agent: 'ana' });
  });

  it.each(['fortnight', 'channel:pigeon', 'colour:blue', 'week channel:email canal:chat', 'by:planet', 'week month'])('refuses %s', (text) => {
    expect(() => parseKpiArgs(text)).toThrow(ValidationError);
  });
});
