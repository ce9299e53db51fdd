/**
 * Which calendar and targets an interaction's SLA is judged with: the ones of its write, stored
 * on the record (ingest), re-judged on demand (recompute); records from before keep the wall clock.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type InteractionRecord, type SlaPolicy } from '../../src/core/domain/interaction.js';
import { parseInteraction } from '../../src/core/ingest/interaction-input.js';
import { isSlaMet } from '../../src/core/kpi/contributions.js';
import { givenTargets, rejudgeSla, slaClock, type SlaCalendar } from '../../src/core/sla/judge.js';
import type { ValidationError } from '../../src/core/errors.js';
import { parseRecomputeRange } from '../../src/core/sla/recompute-sla.js';

const office: SlaCalendar = { timezone: 'America/Sao_Paulo', hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }, holidays: ['2026-11-20'] };
const always: SlaCalendar = { timezone: 'America/Sao_Paulo', hours: null, holidays: [] };
const now = new Date('2026-12-01T00:00:00Z');
// Friday 17:30 → Monday 09:20 (first response) → Monday 11:00 (resolved), São Paulo
const weekend = {
  externalId: 'W-1', channel: 'email', customer: { id: 'c1' }, status: 'resolved', priority: 'normal',
  createdAt: '2026-11-06T20:30:00Z', firstResponseAt: '2026-11-09T12:20:00Z', resolvedAt: '2026-11-09T14:00:00Z',
};
const parse = (raw: unknown, calendar?: SlaCalendar, slaPolicy: SlaPolicy = DEFAULT_SLA_POLICY) => {
  const r = parseInteraction(raw, { slaPolicy, now, ...(calendar ? { calendar } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('ingest stores the SLA clock of the calendar in force', () => {
  it('business minutes to the first response and the resolution; met within business hours', () => {
    const r = parse(weekend, office);
    expect(r.sla).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1440, given: [], businessMinutes: { firstResponse: 50, resolution: 150 } });
    expect(isSlaMet(r)).toBe(true);
  });
  it('24×7 stores nothing and the wall clock judges (2 days > 60 minutes)', () => {
    const r = parse(weekend, always);
    expect(r.sla.businessMinutes).toBeUndefined();
    expect(isSlaMet(r)).toBe(false);
    expect(parse(weekend).sla.businessMinutes).toBeUndefined();
  });
  it('nothing to time yet: no clock; only a first response: that one', () => {
    expect(parse({ ...weekend, status: 'open', firstResponseAt: undefined, resolvedAt: undefined }, office).sla.businessMinutes).toBeUndefined();
    expect(parse({ ...weekend, status: 'open', resolvedAt: undefined }, office).sla.businessMinutes).toEqual({ firstResponse: 50 });
  });
  it('without a first response the resolution answers first', () => {
    const r = parse({ ...weekend, firstResponseAt: undefined, resolvedAt: '2026-11-09T12:50:00Z' }, office);
    expect(r.sla.businessMinutes).toEqual({ resolution: 80 });
    expect(isSlaMet(r)).toBe(false); // 80 > 60
  });
  it('a record stored before (no clock) keeps the wall clock', () => {
    const { businessMinutes: _, ...old } = parse(weekend, office).sla;
    expect(isSlaMet({ ...parse(weekend, office), sla: old })).toBe(false);
  });
});

describe('rejudgeSla', () => {
  const strict: SlaPolicy = { ...DEFAULT_SLA_POLICY, normal: { firstResponseMinutes: 30, resolutionMinutes: 120 } };
  it('targets from the new policy unless the help desk sent them; clock of the new calendar', () => {
    const r = parse({ ...weekend, sla: { resolutionMinutes: 600 } });
    const next = rejudgeSla(r, strict, office);
    expect(next.sla).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 600, given: ['resolutionMinutes'], businessMinutes: { firstResponse: 50, resolution: 150 } });
    expect(isSlaMet(next)).toBe(false); // 50 > 30
    expect(rejudgeSla(next, strict, office)).toEqual(next);
    const back = rejudgeSla(next, DEFAULT_SLA_POLICY, always);
    expect(back.sla).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 600, given: ['resolutionMinutes'] });
  });
  it('records stored before `given` existed: a target other than the built-in policy was sent', () => {
    const legacy = { ...parse(weekend), sla: { firstResponseMinutes: 60, resolutionMinutes: 90 } } as InteractionRecord;
    expect(givenTargets(legacy.sla, 'normal')).toEqual(['resolutionMinutes']);
    expect(rejudgeSla(legacy, strict, always).sla).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 90, given: ['resolutionMinutes'] });
  });
  it('slaClock of an open record is empty', () => {
    expect(slaClock({ createdAt: new Date('2026-03-02T10:00:00Z') }, office)).toBeUndefined();
  });
});

describe('parseRecomputeRange', () => {
  const key = (body: unknown) => {
    try {
      parseRecomputeRange(body);
      return 'ok';
    } catch (e) {
      return (e as ValidationError).messageKey;
    }
  };
  it('takes existing local dates, from ≤ to, at most 1,096 days both included', () => {
    expect(parseRecomputeRange({ from: '2026-10-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(key({ from: '2024-01-01', to: '2026-12-31' })).toBe('ok');
    expect(key({ from: '2024-01-01', to: '2027-01-01' })).toBe('sla.recompute.too_long');
    expect(key({ from: '2026-11-30', to: '2026-11-30' })).toBe('ok');
    expect(key({ from: '2024-02-29', to: '2024-03-01' })).toBe('ok');
    expect(key({ from: '2025-02-29', to: '2025-03-01' })).toBe('sla.recompute.invalid_date');
    expect(key({ from: '2026-10-01T00:00:00Z', to: '2026-11-30' })).toBe('sla.recompute.invalid_date');
    expect(key({ from: '2026-12-01', to: '2026-11-30' })).toBe('sla.recompute.reversed');
    expect(key({ from: 20261001, to: '2026-11-30' })).toBe('sla.recompute.invalid_body');
    expect(key(null)).toBe('sla.recompute.invalid_body');
  });
});
