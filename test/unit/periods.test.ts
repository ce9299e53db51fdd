import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';
import {
  comparedText,
  readRange,
  parsePeriod,
  periodDates,
  periodDays,
  periodLabel,
  resolvePeriod,
  shiftPeriod,
  type PeriodSpec,
  type ResolvedPeriod,
} from '../../src/core/periods/index.js';

const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';
const IN = 'Asia/Kolkata';
/** Wednesday, Nov 25 2026, 12:00 in São Paulo (UTC−3) */
const AT = new Date('2026-11-25T15:00:00Z');
const iso = (d: Date) => d.toISOString();
const r = (text: string, tz = SP, at = AT) => resolvePeriod(parsePeriod(text), tz, at);
/** [start, end, previous.start, previous.end] as ISO strings */
const bounds = (p: ResolvedPeriod) => [iso(p.start), iso(p.end), iso(p.previous.start), iso(p.previous.end)];
/** São Paulo midnight of a date (UTC−3, no DST since 2019) */
const sp = (date: string) => `${date}T03:00:00.000Z`;
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('parsePeriod', () => {
  it.each([
    ['today', 'today'], ['TODAY', 'today'], ['hoje', 'today'], ['Hoje', 'today'],
    ['yesterday', 'yesterday'], ['ontem', 'yesterday'], ['ONTEM', 'yesterday'],
    ['week', 'week'], ['this week', 'week'], ['semana', 'week'], ['Semana', 'week'], ['esta semana', 'week'],
    ['last week', 'last_week'], ['Last  Week', 'last_week'], ['semana passada', 'last_week'], ['Semana Passada', 'last_week'], ['última semana', 'last_week'],
    ['month', 'month'], ['this month', 'month'], ['mês', 'month'], ['mes', 'month'], ['MÊS', 'month'], ['este mês', 'month'],
    ['last month', 'last_month'], ['mês passado', 'last_month'], ['mes passado', 'last_month'], ['MÊS PASSADO', 'last_month'], ['último mês', 'last_month'],
    ['quarter', 'quarter'], ['trimestre', 'quarter'], ['Trimestre', 'quarter'],
    ['year', 'year'], ['ano', 'year'], ['Ano', 'year'],
    ['', 'week'], ['   ', 'week'],
  ])('%j → %s', (text, kind) => expect(parsePeriod(text)).toEqual({ kind }));

  it.each([
    ['7d', 7], ['30d', 30], ['90d', 90], ['1d', 1], ['366d', 366], ['1096d', 1096], ['14D', 14], ['30dias', 30], ['7 dias', 7], ['1 dia', 1], ['14 days', 14], ['045d', 45],
  ])('%s → rolling %i days', (text, days) => expect(parsePeriod(text)).toEqual({ kind: 'rolling', days }));

  it.each([
    ['2026-11-01..2026-11-15', '2026-11-01', '2026-11-15'],
    [' 2026-11-01 .. 2026-11-15 ', '2026-11-01', '2026-11-15'],
    ['2026-11-01 a 2026-11-15', '2026-11-01', '2026-11-15'],
    ['2026-11-01 até 2026-11-15', '2026-11-01', '2026-11-15'],
    ['2026-11-01 to 2026-11-15', '2026-11-01', '2026-11-15'],
    ['2026-11-01 – 2026-11-15', '2026-11-01', '2026-11-15'],
    ['2026-11-05', '2026-11-05', '2026-11-05'],
    ['2026-11-05..2026-11-05', '2026-11-05', '2026-11-05'],
    ['2028-02-29..2028-03-01', '2028-02-29', '2028-03-01'],
    ['2024-01-01..2024-12-31', '2024-01-01', '2024-12-31'], // 366 days
    ['2025-01-01..2026-01-01', '2025-01-01', '2026-01-01'], // 366 days
    ['2024-01-01..2026-12-31', '2024-01-01', '2026-12-31'], // 1096 days, the most allowed
  ])('%j → range %s..%s', (text, from, to) => expect(parsePeriod(text)).toEqual({ kind: 'range', from, to }));

  it.each([
    'fortnight', 'last', 'passada', 'semana passada passada', 'last quarter', '0d', '1097d', '5000d', '-7d', '7h', '7',
    '2026-02-30..2026-03-01', '2026-02-29', '2026-13-01', '2026-11-1..2026-11-15', '2026-11-15..2026-11-01',
    '2024-01-01..2027-01-01', '2023-01-01..2026-01-02', '2026-11-01..', '..2026-11-15',
  ])('refuses %j as period.invalid with the text', (text) => {
    const e = refusal(() => parsePeriod(text));
    expect(e.messageKey).toBe('period.invalid');
    expect(e.params).toEqual({ text: text.trim() });
  });

  it('explains the accepted forms in each language', () => {
    const en = t('en', 'period.invalid', { text: 'fortnight' });
    const pt = t('pt-BR', 'period.invalid', { text: 'quinzena' });
    expect(en).toContain('"fortnight"');
    for (const form of ['today', 'yesterday', 'week', 'last week', 'month', 'last month', 'quarter', 'year', 'last year', '7d', '30d', '90d', '1096', '2026-11-01..2026-11-15', 'yoy']) {
      expect(en).toContain(form);
    }
    expect(pt).toContain('"quinzena"');
    for (const form of ['hoje', 'ontem', 'semana', 'semana passada', 'mês', 'mês passado', 'trimestre', 'ano', 'ano passado', '7d', '30d', '90d', '1096', '2026-11-01..2026-11-15', 'aa']) {
      expect(pt).toContain(form);
    }
  });
});

describe('resolvePeriod (São Paulo, Wednesday Nov 25 2026, 12:00)', () => {
  /** a São Paulo wall time (UTC−3) as ISO */
  const spAt = (local: string) => new Date(`${local}-03:00`).toISOString();
  it.each<[string, string[]]>([
    // so far: until now, against the same span of the one before, up to the same day and time
    ['today', [sp('2026-11-25'), iso(AT), sp('2026-11-24'), spAt('2026-11-24T12:00')]],
    ['week', [sp('2026-11-23'), iso(AT), sp('2026-11-16'), spAt('2026-11-18T12:00')]],
    ['month', [sp('2026-11-01'), iso(AT), sp('2026-10-01'), spAt('2026-10-25T12:00')]],
    ['quarter', [sp('2026-10-01'), iso(AT), sp('2026-07-01'), spAt('2026-08-25T12:00')]],
    ['year', [sp('2026-01-01'), iso(AT), sp('2025-01-01'), spAt('2025-11-25T12:00')]],
    // Nd = today (so far) and the N−1 days before, against the same span N days earlier
    ['7d', [sp('2026-11-19'), iso(AT), sp('2026-11-12'), spAt('2026-11-18T12:00')]],
    ['30d', [sp('2026-10-27'), iso(AT), sp('2026-09-27'), spAt('2026-10-26T12:00')]],
    ['90d', [sp('2026-08-28'), iso(AT), sp('2026-05-30'), spAt('2026-08-27T12:00')]],
    ['1d', [sp('2026-11-25'), iso(AT), sp('2026-11-24'), spAt('2026-11-24T12:00')]],
    // complete periods: the one before
    ['yesterday', [sp('2026-11-24'), sp('2026-11-25'), sp('2026-11-23'), sp('2026-11-24')]],
    ['last week', [sp('2026-11-16'), sp('2026-11-23'), sp('2026-11-09'), sp('2026-11-16')]],
    ['last month', [sp('2026-10-01'), sp('2026-11-01'), sp('2026-09-01'), sp('2026-10-01')]],
    ['last year', [sp('2025-01-01'), sp('2026-01-01'), sp('2024-01-01'), sp('2025-01-01')]],
    ['ano passado', [sp('2025-01-01'), sp('2026-01-01'), sp('2024-01-01'), sp('2025-01-01')]],
    // explicit ranges: inclusive end date, against the equal-length span just before
    ['2026-11-01..2026-11-15', [sp('2026-11-01'), sp('2026-11-16'), sp('2026-10-17'), sp('2026-11-01')]],
    ['2026-10-01..2026-10-20', [sp('2026-10-01'), sp('2026-10-21'), sp('2026-09-11'), sp('2026-10-01')]],
    ['2026-10-01..2026-11-30', [sp('2026-10-01'), sp('2026-12-01'), sp('2026-08-01'), sp('2026-10-01')]],
    ['2026-11-05', [sp('2026-11-05'), sp('2026-11-06'), sp('2026-11-04'), sp('2026-11-05')]],
    // … unless the range is exactly one calendar unit: then the unit before
    ['2026-10-01..2026-10-31', [sp('2026-10-01'), sp('2026-11-01'), sp('2026-09-01'), sp('2026-10-01')]],
    ['2026-11-16..2026-11-22', [sp('2026-11-16'), sp('2026-11-23'), sp('2026-11-09'), sp('2026-11-16')]],
    ['2026-07-01..2026-09-30', [sp('2026-07-01'), sp('2026-10-01'), sp('2026-04-01'), sp('2026-07-01')]],
    ['2024-01-01..2024-12-31', [sp('2024-01-01'), sp('2025-01-01'), sp('2023-01-01'), sp('2024-01-01')]],
    // up to three years
    ['2023-11-26..2026-11-25', [sp('2023-11-26'), sp('2026-11-26'), sp('2020-11-25'), sp('2023-11-26')]],
  ])('%s', (text, expected) => {
    const p = r(text);
    expect(bounds(p)).toEqual(expected);
    expect(p.timezone).toBe(SP);
    expect(p.spec).toEqual(parsePeriod(text));
    expect(p.toDate).toBe(['today', 'week', 'month', 'quarter', 'year', '7d', '30d', '90d', '1d'].includes(text));
  });

  it('on Thursday 03:58 compares the week so far with last week until Thursday 04:00, not with whole days', () => {
    const at = new Date(spAt('2026-11-26T03:58'));
    const p = r('semana', SP, at);
    expect(bounds(p)).toEqual([sp('2026-11-23'), iso(at), sp('2026-11-16'), spAt('2026-11-19T04:00')]);
    // the same elapsed time, to the nearest hour
    expect(Math.abs(hours(p.start, p.end) - hours(p.previous.start, p.previous.end))).toBeLessThanOrEqual(0.5);
    expect(bounds(r('month', SP, new Date(spAt('2026-11-18T15:00'))))).toEqual([sp('2026-11-01'), spAt('2026-11-18T15:00'), sp('2026-10-01'), spAt('2026-10-18T15:00')]);
  });

  it('week on a Monday is that Monday so far, against the Monday before until the same time', () => {
    expect(bounds(r('semana', SP, new Date('2026-11-23T15:00:00Z')))).toEqual([sp('2026-11-23'), '2026-11-23T15:00:00.000Z', sp('2026-11-16'), '2026-11-16T15:00:00.000Z']);
    // Monday 00:30 local: already the new week, against last Monday until 01:00 (the hour in progress)
    const p = r('week', SP, new Date('2026-11-30T03:30:00Z'));
    expect(iso(p.start)).toBe(sp('2026-11-30'));
    expect(iso(p.previous.end)).toBe('2026-11-23T04:00:00.000Z');
  });

  it('week on a Sunday evening is the week until then, against last week until Sunday the same time', () => {
    const sunday = r('week', SP, new Date('2026-11-29T20:00:00Z'));
    expect(bounds(sunday)).toEqual([sp('2026-11-23'), '2026-11-29T20:00:00.000Z', sp('2026-11-16'), '2026-11-22T20:00:00.000Z']);
    // last week on a Sunday is the week before, not the current one
    expect(iso(r('last week', SP, new Date('2026-11-29T20:00:00Z')).start)).toBe(sp('2026-11-16'));
  });

  describe('month so far compares with last month over the same elapsed time, clipped to its length', () => {
    it.each([
      ['2027-03-31', '2027-02-01', sp('2027-03-01')], // past Feb 28: all of February
      ['2028-03-31', '2028-02-01', sp('2028-03-01')], // leap year: all of February (29 days)
      ['2028-03-30', '2028-02-01', sp('2028-03-01')],
      ['2028-03-28', '2028-02-01', '2028-02-28T15:00:00.000Z'],
      ['2026-11-30', '2026-10-01', '2026-10-30T15:00:00.000Z'],
      ['2026-12-31', '2026-11-01', sp('2026-12-01')],
      ['2027-01-01', '2026-12-01', '2026-12-01T15:00:00.000Z'],
    ])('on %s at 12:00', (date, prevStart, prevEnd) => {
      const at = new Date(`${date}T12:00:00-03:00`);
      expect(bounds(r('mês', SP, at))).toEqual([sp(`${date.slice(0, 8)}01`), iso(at), sp(prevStart), prevEnd]);
    });
  });

  it('quarter and year so far compare with the same elapsed time one quarter / year back', () => {
    const q = (date: string) => bounds(r('trimestre', SP, new Date(`${date}T12:00:00-03:00`))).slice(2);
    expect(q('2026-10-01')).toEqual([sp('2026-07-01'), spAt('2026-07-01T12:00')]);
    expect(q('2027-01-15')).toEqual([sp('2026-10-01'), spAt('2026-10-15T12:00')]);
    expect(q('2026-05-31')).toEqual([sp('2026-01-01'), spAt('2026-03-02T12:00')]); // 60.5 days from Jan 1
    const y = (date: string) => bounds(r('ano', SP, new Date(`${date}T12:00:00-03:00`))).slice(2);
    expect(y('2028-02-29')).toEqual([sp('2027-01-01'), spAt('2027-03-01T12:00')]);
    expect(y('2027-12-31')).toEqual([sp('2026-01-01'), spAt('2026-12-31T12:00')]);
  });

  it('reads both spans to the end of the hour in progress (buckets keep hours)', () => {
    expect(iso(r('today', SP, new Date(spAt('2026-11-25T10:00'))).previous.end)).toBe(spAt('2026-11-24T10:00'));
    expect(iso(r('today', SP, new Date(spAt('2026-11-25T10:01'))).previous.end)).toBe(spAt('2026-11-24T11:00'));
    expect(iso(r('today', SP, new Date(spAt('2026-11-25T10:59'))).previous.end)).toBe(spAt('2026-11-24T11:00'));
    expect(iso(r('today', SP, new Date(spAt('2026-11-25T23:50'))).previous.end)).toBe(sp('2026-11-25'));
    const p = r('today', SP, new Date(spAt('2026-11-25T10:01')));
    expect(readRange(p)).toEqual({ start: p.start, end: new Date(spAt('2026-11-25T11:00')) });
    expect(readRange(r('yesterday'))).toEqual({ start: r('yesterday').start, end: r('yesterday').end });
  });

  it('compares year over year: the same span a year earlier', () => {
    const yoy = (text: string, at = AT) => bounds(resolvePeriod(parsePeriod(text), SP, at, 'yoy')).slice(2);
    expect(yoy('month')).toEqual([sp('2025-11-01'), spAt('2025-11-25T12:00')]);
    expect(yoy('last month')).toEqual([sp('2025-10-01'), sp('2025-11-01')]);
    expect(yoy('2026-11-01..2026-11-15')).toEqual([sp('2025-11-01'), sp('2025-11-16')]);
    expect(yoy('week')).toEqual([sp('2025-11-23'), spAt('2025-11-25T12:00')]);
    expect(resolvePeriod(parsePeriod('month'), SP, AT, 'yoy').compare).toBe('yoy');
  });

  it('keeps every bound on a local midnight (so far: ends now, previous on an hour), the previous period before the current one, for every kind, zone and day', () => {
    const specs: PeriodSpec[] = [
      ...(['today', 'yesterday', 'week', 'last_week', 'month', 'last_month', 'quarter', 'year', 'last_year'] as const).map((kind) => ({ kind })),
      { kind: 'rolling', days: 7 },
      { kind: 'rolling', days: 90 },
      { kind: 'range', from: '2027-02-27', to: '2027-03-15' },
    ];
    for (const zone of [SP, NY, IN, 'UTC', 'Australia/Lord_Howe', 'Europe/Lisbon']) {
      for (let at = DateTime.fromISO('2027-12-20T12:17', { zone }); at.year < 2029; at = at.plus({ days: 11, hours: 5 })) {
        for (const spec of specs) {
          const p = resolvePeriod(spec, zone, at.toJSDate());
          const local = (d: Date) => DateTime.fromJSDate(d, { zone });
          const midnight = (d: Date) => local(d).startOf('day').toMillis() === d.getTime();
          expect([p.start, p.previous.start].every(midnight)).toBe(true);
          if (p.toDate) {
            expect(p.end).toEqual(at.toJSDate());
            expect(local(p.previous.end).startOf('hour').toMillis()).toBe(p.previous.end.getTime());
          } else expect([p.end, p.previous.end].every(midnight)).toBe(true);
          expect(p.start < p.end && p.previous.start <= p.previous.end && p.previous.end <= p.start).toBe(true);
          if (spec.kind !== 'range') expect(p.start <= at.toJSDate()).toBe(true);
          const days = periodDays(p);
          expect(days[0]).toEqual(p.start);
        }
      }
    }
  });

  describe('daylight saving time', () => {
    it('so far compares the same elapsed hours across a change (New York, Mar 8 2026 lasts 23 hours)', () => {
      const spring = r('today', NY, new Date('2026-03-08T15:00:00Z')); // 11:00 EDT
      // 10 hours since midnight (the 02:00–03:00 hour does not exist): 10:00 EST the day before
      expect(bounds(spring)).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-08T15:00:00.000Z', '2026-03-07T05:00:00.000Z', '2026-03-07T15:00:00.000Z']);
      const fall = r('hoje', NY, new Date('2026-11-01T15:00:00Z')); // 10:00 EST
      expect(bounds(fall)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T15:00:00.000Z', '2026-10-31T04:00:00.000Z', '2026-10-31T15:00:00.000Z']); // 11 hours each
      // 23:30 on Mar 8 (EDT) is 03:30 UTC on Mar 9: still Mar 8 locally
      expect(iso(r('today', NY, new Date('2026-03-09T03:30:00Z')).start)).toBe('2026-03-08T05:00:00.000Z');
      expect(hours(...(({ start, end }) => [start, end] as const)(r('yesterday', NY, new Date('2026-03-09T15:00:00Z'))))).toBe(23);
    });

    it('Lisbon: the week of a change so far against the week before, as many hours', () => {
      const LX = 'Europe/Lisbon';
      // Sunday Mar 29 2026: clocks go from 01:00 WET to 02:00 WEST; at 12:00 WEST
      const p = r('week', LX, new Date('2026-03-29T11:00:00Z'));
      expect(bounds(p)).toEqual(['2026-03-23T00:00:00.000Z', '2026-03-29T11:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-22T11:00:00.000Z']);
      expect(hours(p.start, p.end)).toBe(hours(p.previous.start, p.previous.end));
      // the Wednesday after: both weeks in summer time except last week's Monday–Saturday
      const wed = r('week', LX, new Date('2026-04-01T09:00:00Z'));
      expect(bounds(wed)).toEqual(['2026-03-29T23:00:00.000Z', '2026-04-01T09:00:00.000Z', '2026-03-23T00:00:00.000Z', '2026-03-25T10:00:00.000Z']);
      // October: back to WET on Sunday Oct 25 2026
      const oct = r('week', LX, new Date('2026-10-28T10:00:00Z'));
      expect(bounds(oct)).toEqual(['2026-10-26T00:00:00.000Z', '2026-10-28T10:00:00.000Z', '2026-10-18T23:00:00.000Z', '2026-10-21T09:00:00.000Z']);
    });

    it('São Paulo history: weeks so far across the Nov 4 2018 change (midnight did not exist)', () => {
      const p = r('today', SP, new Date('2018-11-04T15:00:00Z')); // 13:00 −02
      expect(bounds(p)).toEqual(['2018-11-04T03:00:00.000Z', '2018-11-04T15:00:00.000Z', '2018-11-03T03:00:00.000Z', '2018-11-03T15:00:00.000Z']); // 12 hours each
      const week = r('week', SP, new Date('2018-11-07T15:00:00Z')); // Wed 13:00 −02
      expect(bounds(week)).toEqual(['2018-11-05T02:00:00.000Z', '2018-11-07T15:00:00.000Z', '2018-10-29T03:00:00.000Z', '2018-10-31T16:00:00.000Z']);
      expect(periodDays(r('2018-11-03..2018-11-05', SP)).map(iso)).toEqual(['2018-11-03T03:00:00.000Z', '2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z']);
    });
  });

  it('follows half-hour zones (Asia/Kolkata, UTC+5:30)', () => {
    expect(bounds(r('yesterday', IN))).toEqual(['2026-11-23T18:30:00.000Z', '2026-11-24T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-23T18:30:00.000Z']);
    // 00:30 on Nov 26 in India
    expect(iso(r('today', IN, new Date('2026-11-25T19:00:00Z')).start)).toBe('2026-11-25T18:30:00.000Z');
    expect(bounds(r('week', IN)).slice(0, 3)).toEqual(['2026-11-22T18:30:00.000Z', iso(AT), '2026-11-15T18:30:00.000Z']);
  });

  it('refuses unknown time zones with period.bad_timezone', () => {
    for (const tz of ['Mars/Olympus', '', 'UTC+3', 'local', 'America/Sao Paulo']) {
      const e = refusal(() => r('week', tz));
      expect(e.messageKey).toBe('period.bad_timezone');
      expect(e.params).toEqual({ tz });
    }
    expect(r('today', 'UTC').start.toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('refuses specs that break the rules when they come from elsewhere (button values)', () => {
    for (const spec of [
      { kind: 'rolling', days: 0 },
      { kind: 'rolling', days: 1097 },
      { kind: 'rolling', days: 1.5 },
      { kind: 'range', from: '2026-02-30', to: '2026-03-01' },
      { kind: 'range', from: '2026-11-15', to: '2026-11-01' },
      { kind: 'range', from: '2024-01-01', to: '2027-01-01' },
    ] as PeriodSpec[]) {
      expect(refusal(() => resolvePeriod(spec, SP, AT)).messageKey).toBe('period.invalid');
    }
  });
});

describe('shiftPeriod', () => {
  const range = (p: ResolvedPeriod) => (p.spec.kind === 'range' ? `${p.spec.from}..${p.spec.to}` : p.spec.kind);

  it('turns a week to date into the whole weeks before and after, each with its own previous week', () => {
    const week = r('week');
    const prev = shiftPeriod(week, -1);
    expect(prev.spec).toEqual({ kind: 'range', from: '2026-11-16', to: '2026-11-22' });
    expect(bounds(prev)).toEqual([sp('2026-11-16'), sp('2026-11-23'), sp('2026-11-09'), sp('2026-11-16')]);
    expect(bounds(prev)).toEqual(bounds(r('last week')));
    expect(range(shiftPeriod(prev, -1))).toBe('2026-11-09..2026-11-15');
    // forward from the previous week: the whole current week (not only to date)
    expect(range(shiftPeriod(prev, 1))).toBe('2026-11-23..2026-11-29');
    expect(range(shiftPeriod(week, 1))).toBe('2026-11-30..2026-12-06');
  });

  it('turns month, quarter and year to date into the whole unit before, with the unit before that as previous', () => {
    const month = shiftPeriod(r('month'), -1);
    expect(bounds(month)).toEqual([sp('2026-10-01'), sp('2026-11-01'), sp('2026-09-01'), sp('2026-10-01')]);
    expect(range(month)).toBe('2026-10-01..2026-10-31');
    expect(bounds(month)).toEqual(bounds(r('last month')));
    expect(range(shiftPeriod(month, -1))).toBe('2026-09-01..2026-09-30');
    expect(bounds(shiftPeriod(month, -1)).slice(2)).toEqual([sp('2026-08-01'), sp('2026-09-01')]);
    const quarter = shiftPeriod(r('quarter'), -1);
    expect(range(quarter)).toBe('2026-07-01..2026-09-30');
    expect(bounds(quarter).slice(2)).toEqual([sp('2026-04-01'), sp('2026-07-01')]);
    const year = shiftPeriod(r('year'), -1);
    expect(range(year)).toBe('2025-01-01..2025-12-31');
    expect(bounds(year).slice(2)).toEqual([sp('2024-01-01'), sp('2025-01-01')]);
    expect(range(shiftPeriod(year, -1))).toBe('2024-01-01..2024-12-31'); // 366 days
    expect(range(shiftPeriod(r('mês', SP, new Date('2027-03-31T12:00:00-03:00')), -1))).toBe('2027-02-01..2027-02-28');
  });

  it('moves days, rolling windows and other ranges by their length', () => {
    expect(range(shiftPeriod(r('today'), -1))).toBe('2026-11-24..2026-11-24');
    expect(range(shiftPeriod(r('today'), 1))).toBe('2026-11-26..2026-11-26');
    expect(range(shiftPeriod(r('ontem'), -1))).toBe('2026-11-23..2026-11-23');
    expect(range(shiftPeriod(r('7d'), -1))).toBe('2026-11-12..2026-11-18');
    expect(range(shiftPeriod(r('30d'), 1))).toBe('2026-11-26..2026-12-25');
    expect(range(shiftPeriod(r('2026-11-01..2026-11-10', 'UTC'), 1))).toBe('2026-11-11..2026-11-20');
    expect(range(shiftPeriod(r('2026-11-01..2026-11-10', 'UTC'), -1))).toBe('2026-10-22..2026-10-31');
  });

  it('moves last week / last month and whole-unit ranges by their unit', () => {
    expect(range(shiftPeriod(r('last week'), 1))).toBe('2026-11-23..2026-11-29');
    expect(range(shiftPeriod(r('last month'), -1))).toBe('2026-09-01..2026-09-30');
    expect(range(shiftPeriod(r('last month'), 1))).toBe('2026-11-01..2026-11-30');
    expect(range(shiftPeriod(r('2026-01-01..2026-01-31'), -1))).toBe('2025-12-01..2025-12-31');
    expect(range(shiftPeriod(r('2026-02-01..2026-02-28'), 1))).toBe('2026-03-01..2026-03-31');
    expect(range(shiftPeriod(r('2026-01-01..2026-03-31'), 1))).toBe('2026-04-01..2026-06-30');
  });

  it('for complete periods, −1 is the previous period and −1 then +1 comes back', () => {
    const complete = ['yesterday', 'last week', 'last month', 'last year', '2026-11-01..2026-11-15', '2026-10-01..2026-10-31', '2025-12-20..2026-01-05', '2024-01-01..2024-12-31'];
    for (const zone of [SP, NY, IN]) {
      for (const text of complete) {
        const p = r(text, zone);
        const before = shiftPeriod(p, -1);
        expect([iso(before.start), iso(before.end)], `${text} ${zone}`).toEqual([iso(p.previous.start), iso(p.previous.end)]);
        for (const there of [shiftPeriod(before, 1), shiftPeriod(shiftPeriod(p, 1), -1)]) {
          expect(bounds(there), `${text} ${zone}`).toEqual(bounds(p));
        }
      }
    }
  });

  it('gives results that resolve to themselves again later (button values) and round-trip', () => {
    let p = r('week', NY, new Date('2026-03-11T15:00:00Z'));
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      p = shiftPeriod(p, -1);
      expect(resolvePeriod(p.spec, NY, new Date('2030-01-01T00:00:00Z'))).toEqual(p);
      expect(hours(p.start, p.end)).toBeGreaterThanOrEqual(7 * 24 - 1);
      expect(hours(p.start, p.end)).toBeLessThanOrEqual(7 * 24 + 1);
      seen.push(range(p));
    }
    for (let i = 58; i >= 0; i--) {
      p = shiftPeriod(p, 1);
      expect(range(p)).toBe(seen[i]);
    }
    const month = shiftPeriod(shiftPeriod(r('month', IN), -1), -1);
    expect(shiftPeriod(shiftPeriod(month, 1), -1)).toEqual(month);
  });

  it('shifts across daylight saving changes by local days', () => {
    const week = r('2026-03-02..2026-03-08', NY);
    expect(bounds(shiftPeriod(week, 1))).toEqual(['2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
    expect(bounds(shiftPeriod(week, -1))).toEqual(['2026-02-23T05:00:00.000Z', '2026-03-02T05:00:00.000Z', '2026-02-16T05:00:00.000Z', '2026-02-23T05:00:00.000Z']);
    const day = r('today', NY, new Date('2026-11-01T15:00:00Z'));
    expect(bounds(shiftPeriod(day, 1))).toEqual(['2026-11-02T05:00:00.000Z', '2026-11-03T05:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });
});

describe('periodDays', () => {
  it('lists the start of each local day', () => {
    expect(periodDays(r('week')).map(iso)).toEqual([sp('2026-11-23'), sp('2026-11-24'), sp('2026-11-25')]);
    expect(periodDays(r('2028-01-01..2028-12-31', 'UTC'))).toHaveLength(366);
    expect(periodDays(r('90d', IN))).toHaveLength(90);
    expect(periodDays(r('today'))).toEqual([r('today').start]);
  });
});

describe('periodLabel', () => {
  it.each<[string, string, string]>([
    ['today', 'Today so far (Nov 25, 2026)', 'Hoje até agora (25 de nov. de 2026)'],
    ['yesterday', 'Yesterday (Nov 24, 2026)', 'Ontem (24 de nov. de 2026)'],
    ['week', 'This week so far (Nov 23 – 25, 2026)', 'Esta semana até agora (23 – 25 de nov. de 2026)'],
    ['last week', 'Last week (Nov 16 – 22, 2026)', 'Semana passada (16 – 22 de nov. de 2026)'],
    ['month', 'This month so far (Nov 1 – 25, 2026)', 'Este mês até agora (1 – 25 de nov. de 2026)'],
    ['last month', 'Last month (Oct 1 – 31, 2026)', 'Mês passado (1 – 31 de out. de 2026)'],
    ['quarter', 'This quarter so far (Oct 1 – Nov 25, 2026)', 'Este trimestre até agora (1 de out. – 25 de nov. de 2026)'],
    ['year', 'This year so far (Jan 1 – Nov 25, 2026)', 'Este ano até agora (1 de jan. – 25 de nov. de 2026)'],
    ['7d', 'Last 7 days so far (Nov 19 – 25, 2026)', 'Últimos 7 dias até agora (19 – 25 de nov. de 2026)'],
    ['1d', 'Last day so far (Nov 25, 2026)', 'Último dia até agora (25 de nov. de 2026)'],
    ['2026-11-01..2026-11-15', 'Nov 1 – 15, 2026', '1 – 15 de nov. de 2026'],
    ['2025-12-20..2026-01-05', 'Dec 20, 2025 – Jan 5, 2026', '20 de dez. de 2025 – 5 de jan. de 2026'],
    ['2026-11-05', 'Nov 5, 2026', '5 de nov. de 2026'],
    ['last year', 'Last year (Jan 1 – Dec 31, 2025)', 'Ano passado (1 de jan. – 31 de dez. de 2025)'],
  ])('%s', (text, en, pt) => {
    expect(periodLabel(r(text), 'en')).toBe(en);
    expect(periodLabel(r(text), 'pt-BR')).toBe(pt);
  });

  it('shows dates in the period’s zone, end date inclusive, with plain spaces', () => {
    expect(periodLabel(r('today', IN, new Date('2026-11-25T19:00:00Z')), 'en')).toBe('Today so far (Nov 26, 2026)');
    expect(periodLabel(r('today', NY, new Date('2026-11-01T15:00:00Z')), 'en')).toBe('Today so far (Nov 1, 2026)');
    expect(periodLabel(r('today', NY, new Date('2026-03-08T15:00:00Z')), 'pt-BR')).toBe('Hoje até agora (8 de mar. de 2026)');
    // at 00:05 the period so far is that day alone
    expect(periodLabel(r('today', SP, new Date('2026-11-25T03:05:00Z')), 'en')).toBe('Today so far (Nov 25, 2026)');
    expect(periodLabel(shiftPeriod(r('week'), -1), 'en')).toBe('Nov 16 – 22, 2026');
    expect(periodLabel(r('week'), 'pt-BR')).not.toMatch(/[\u2009\u202f\u00a0]/);
    const p = r('month');
    expect(periodDates({ ...p.previous, timezone: p.timezone }, 'en')).toBe('Oct 1 – 25, 2026');
    expect(periodDates({ ...p.previous, timezone: p.timezone }, 'pt-BR')).toBe('1 – 25 de out. de 2026');
    expect(comparedText(p, 'en')).toBe('Oct 1 – 25, 2026, until 12:00 PM');
    expect(comparedText(p, 'pt-BR')).toBe('1 – 25 de out. de 2026, até 12:00');
    expect(comparedText(r('last month'), 'en')).toBe('Sep 1 – 30, 2026');
    expect(comparedText(resolvePeriod(parsePeriod('month'), SP, AT, 'yoy'), 'en')).toBe('Nov 1 – 25, 2025, until 12:00 PM (a year earlier)');
  });
});
