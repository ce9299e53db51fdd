/**
 * The SLA clock: business minutes within hours, across nights, weekends, holidays, daylight
 * saving days (São Paulo 2018, New York) and 24×7; long spans counted fast; and, for random
 * calendars and spans, the same answer as counting minute by minute.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../src/core/domain/tenant.js';
import { businessMinutes, type SlaCalendar } from '../../src/core/sla/business-minutes.js';
import { WEEKDAYS } from '../../src/core/domain/tenant.js';

const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';
const office = (timezone = SP, holidays: string[] = [], from = '09:00', to = '18:00'): SlaCalendar => ({ timezone, hours: { days: WEEK, from, to }, holidays });
/** a local wall time in a zone */
const at = (iso: string, zone = SP) => DateTime.fromISO(iso, { zone }).toJSDate();
const bm = (from: string, to: string, cal: SlaCalendar) => businessMinutes(at(from, cal.timezone), at(to, cal.timezone), cal);

/** Minute by minute with luxon: the slow definition (instants on whole minutes). */
function countMinutes(from: Date, to: Date, cal: SlaCalendar): number {
  const [fromMin, toMin] = cal.hours ? [cal.hours.from, cal.hours.to].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))) : [0, 1440];
  let n = 0;
  for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
    const d = DateTime.fromMillis(t, { zone: cal.timezone });
    const open = cal.hours ? cal.hours.days.includes(WEEKDAYS[d.weekday - 1]!) : true;
    const minute = d.hour * 60 + d.minute;
    if (open && !cal.holidays.includes(d.toISODate()!) && minute >= fromMin! && minute < toMin!) n++;
  }
  return n;
}

/** Day by day with luxon: the business windows of each local day, intersected with the span. */
function walkDays(from: Date, to: Date, cal: SlaCalendar): number {
  let ms = 0;
  for (let day = DateTime.fromJSDate(from, { zone: cal.timezone }).startOf('day'); day.toMillis() < to.getTime(); day = day.plus({ days: 1 }).startOf('day')) {
    if (cal.hours && !cal.hours.days.includes(WEEKDAYS[day.weekday - 1]!)) continue;
    if (cal.holidays.includes(day.toISODate()!)) continue;
    const [h1, m1] = (cal.hours?.from ?? '00:00').split(':').map(Number);
    const start = h1 === 0 && m1 === 0 ? day.toMillis() : day.set({ hour: h1!, minute: m1! }).toMillis();
    const end = cal.hours?.to === '24:00' || !cal.hours ? day.plus({ days: 1 }).startOf('day').toMillis() : day.set({ hour: Number(cal.hours.to.slice(0, 2)), minute: Number(cal.hours.to.slice(3)) }).toMillis();
    ms += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
  }
  return ms / 60_000;
}

describe('businessMinutes — hours, nights, weekends, holidays', () => {
  const cal = office();
  it('counts within one day, and only the open part of it', () => {
    expect(bm('2026-11-09T10:00', '2026-11-09T11:30', cal)).toBe(90); // Monday
    expect(bm('2026-11-09T08:00', '2026-11-09T09:30', cal)).toBe(30);
    expect(bm('2026-11-09T17:45', '2026-11-09T19:00', cal)).toBe(15);
    expect(bm('2026-11-09T06:00', '2026-11-09T08:59', cal)).toBe(0);
    expect(bm('2026-11-09T10:00:30', '2026-11-09T10:01:00', cal)).toBe(0.5);
  });
  it('stops overnight', () => {
    expect(bm('2026-11-09T17:00', '2026-11-10T10:00', cal)).toBe(120);
    expect(bm('2026-11-09T18:30', '2026-11-10T08:00', cal)).toBe(0);
    expect(bm('2026-11-09T09:00', '2026-11-11T18:00', cal)).toBe(3 * 540);
  });
  it('stops over the weekend: Friday 17:30 → Monday 09:20 is 50 minutes', () => {
    expect(bm('2026-11-06T17:30', '2026-11-09T09:20', cal)).toBe(50);
    expect(bm('2026-11-07T10:00', '2026-11-08T23:00', cal)).toBe(0);
    expect(bm('2026-11-06T09:00', '2026-11-16T09:00', cal)).toBe(6 * 540); // Fri + Mon..Fri
  });
  it('stops all day on holidays, in the middle of a span or at its ends', () => {
    const withHoliday = office(SP, ['2026-11-20', '2026-11-02', 'not a date']);
    expect(bm('2026-11-19T17:00', '2026-11-23T10:00', withHoliday)).toBe(120); // Friday 20th off
    expect(bm('2026-11-20T10:00', '2026-11-20T12:00', withHoliday)).toBe(0);
    expect(bm('2026-10-30T17:00', '2026-11-03T09:30', withHoliday)).toBe(60 + 30); // Monday 2nd off
    expect(bm('2026-11-01T00:00', '2026-11-30T00:00', withHoliday)).toBe((20 - 2) * 540);
  });
  it('a holiday on a weekend changes nothing; another zone reads its own dates', () => {
    expect(bm('2026-11-13T17:00', '2026-11-16T10:00', office(SP, ['2026-11-15']))).toBe(120);
    const tokyo = office('Asia/Tokyo', ['2026-11-03']);
    expect(businessMinutes(new Date('2026-11-02T08:00:00Z'), new Date('2026-11-04T01:00:00Z'), tokyo)).toBe(60 + 60);
  });
  it('nothing when the end is not after the start', () => {
    expect(bm('2026-11-09T11:00', '2026-11-09T10:00', cal)).toBe(0);
    expect(bm('2026-11-09T11:00', '2026-11-09T11:00', cal)).toBe(0);
  });
});

describe('businessMinutes — 24×7', () => {
  it('null hours without holidays are plain minutes', () => {
    const always: SlaCalendar = { timezone: SP, hours: null, holidays: [] };
    expect(businessMinutes(new Date('2026-11-06T20:30:00Z'), new Date('2026-11-09T12:20:30Z'), always)).toBe(3830.5);
  });
  it('with a holiday, the whole local day is taken out', () => {
    const always: SlaCalendar = { timezone: SP, hours: null, holidays: ['2026-11-20'] };
    expect(bm('2026-11-19T12:00', '2026-11-21T12:00', always)).toBe(24 * 60);
  });
});

describe('businessMinutes — daylight saving days', () => {
  it('São Paulo, 2018-11-04 (00:00 → 01:00): that day is 23 hours long', () => {
    const allDay: SlaCalendar = { timezone: SP, hours: { days: [...WEEKDAYS], from: '00:00', to: '12:00' }, holidays: [] };
    // Sat 3rd 06:00–12:00, Sun 4th 01:00–12:00 (no midnight that day), Mon 5th 00:00–12:00
    expect(bm('2018-11-03T06:00', '2018-11-05T18:00', allDay)).toBe((6 + 11 + 12) * 60);
    const fullDays: SlaCalendar = { timezone: SP, hours: null, holidays: ['2018-11-06'] };
    expect(bm('2018-11-03T00:00', '2018-11-07T00:00', fullDays)).toBe((24 + 23 + 24) * 60);
  });
  it('São Paulo, 2018-02-17 (24:00 → 23:00): the evening is an hour longer', () => {
    const evenings: SlaCalendar = { timezone: SP, hours: { days: [...WEEKDAYS], from: '20:00', to: '24:00' }, holidays: [] };
    expect(businessMinutes(at('2018-02-16T00:00'), new Date('2018-02-19T03:00:00Z'), evenings)).toBe((4 + 5 + 4) * 60);
  });
  it('New York, 2026-03-08 and 2026-11-01: days of 23 and 25 hours; office hours untouched', () => {
    const days: SlaCalendar = { timezone: NY, hours: null, holidays: ['2026-03-10', '2026-11-02'] };
    expect(bm('2026-03-07T00:00', '2026-03-11T00:00', days)).toBe((24 + 23 + 24) * 60);
    expect(bm('2026-10-31T00:00', '2026-11-03T00:00', days)).toBe((24 + 25) * 60);
    const night: SlaCalendar = { timezone: NY, hours: { days: ['sun'], from: '00:00', to: '04:00' }, holidays: [] };
    expect(bm('2026-03-07T12:00', '2026-03-09T12:00', night)).toBe(3 * 60);
    expect(bm('2026-10-31T12:00', '2026-11-02T12:00', night)).toBe(5 * 60);
    expect(bm('2026-03-06T16:00', '2026-03-09T10:00', office(NY, [], '09:00', '17:00'))).toBe(120);
  });
});

describe('businessMinutes — long spans', () => {
  const holidays2026 = ['2026-01-01', '2026-04-03', '2026-04-21', '2026-05-01', '2026-06-04', '2026-09-07', '2026-10-12', '2026-11-02', '2026-11-15', '2026-11-20', '2026-12-25'];
  it('a year: 261 weekdays of 2026 less 10 weekday holidays, 9 hours each — a thousand times in well under a second', () => {
    const cal = office(SP, holidays2026);
    const [from, to] = [at('2026-01-01T00:00'), at('2027-01-01T00:00')];
    expect(businessMinutes(from, to, cal)).toBe(251 * 540);
    expect(walkDays(from, to, cal)).toBe(251 * 540);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) businessMinutes(new Date(from.getTime() + i * 61_000), to, { ...cal });
    expect(performance.now() - started).toBeLessThan(1000);
  });
  it('spans of years across DST changes equal the day-by-day walk', () => {
    for (const [zone, from, to] of [[SP, '2016-05-03T10:17', '2019-08-01T12:00'], [NY, '2024-02-29T23:00', '2027-03-14T03:30'], ['Europe/Lisbon', '2025-03-30T00:30', '2026-10-25T01:30']] as const) {
      for (const cal of [office(zone, holidays2026), { timezone: zone, hours: null, holidays: holidays2026 }, { timezone: zone, hours: { days: [...WEEKDAYS], from: '00:00', to: '24:00' }, holidays: ['2026-03-29'] }]) {
        expect(bm(from, to, cal), `${zone} ${JSON.stringify(cal.hours)}`).toBeCloseTo(walkDays(at(from, zone), at(to, zone), cal), 6);
      }
    }
  });
});

describe('businessMinutes — equals counting minute by minute', () => {
  // window edges avoid 01:00–03:00 and 23:00, where some of these zones repeat or skip an hour
  const edge = fc.constantFrom(0, 3, 6, 8, 9, 12, 14, 17, 18, 20, 22, 24);
  const calendar = fc
    .record({
      timezone: fc.constantFrom(SP, NY, 'Europe/Lisbon', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'),
      days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
      edges: fc.tuple(edge, edge).filter(([a, b]) => a !== b),
      always: fc.boolean(),
    })
    .map(({ timezone, days, edges, always }) => {
      const [a, b] = edges.sort((x, y) => x - y);
      const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
      return { timezone, days, hours: always ? null : { days, from: hh(a!), to: hh(b!) } };
    });
  // instants on whole minutes around São Paulo's last DST years, recent ones, and within days of DST changes
  const changes = ['2017-10-15T03:00Z', '2018-02-18T02:00Z', '2018-11-04T03:00Z', '2025-11-02T06:00Z', '2026-03-08T07:00Z', '2026-03-29T01:00Z', '2025-10-04T15:30Z', '2026-04-04T15:00Z'].map((iso) => Date.parse(iso) / 60_000);
  const nearChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 1440, max: 1440 })).map(([c, d]) => c + d);
  const minute = fc.oneof(fc.integer({ min: 24_900_000, max: 26_400_000 }), fc.integer({ min: 29_100_000, max: 29_700_000 }), nearChange);
  it('for random calendars, holidays and spans of up to 4 days', () => {
    fc.assert(
      fc.property(calendar, minute, fc.integer({ min: 0, max: 4 * 1440 }), fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 3 }), (c, start, length, offsets) => {
        const from = new Date(start * 60_000);
        const to = new Date((start + length) * 60_000);
        const holidays = offsets.map((o) => DateTime.fromJSDate(from, { zone: c.timezone }).plus({ days: o }).toISODate()!);
        const cal: SlaCalendar = { timezone: c.timezone, hours: c.hours, holidays };
        expect(businessMinutes(from, to, cal)).toBe(countMinutes(from, to, cal));
      }),
      { numRuns: 60 },
    );
  });
});
