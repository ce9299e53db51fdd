import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../src/core/domain/interaction.js';
import { parseInteraction } from '../../src/core/ingest/interaction-input.js';
import { parseIsoDateTime } from '../../src/core/ingest/fields.js';
import type { FieldIssue } from '../../src/core/ingest/issues.js';

const now = new Date('2026-03-10T12:00:00Z');
const ctx = { slaPolicy: DEFAULT_SLA_POLICY, now };

const minimal = {
  externalId: 'T-1',
  channel: 'email',
  customer: { id: 'C-1' },
  status: 'open',
  createdAt: '2026-03-01T09:00:00-03:00',
};

function ok(raw: unknown, c = ctx) {
  const r = parseInteraction(raw, c);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
}
function errors(raw: unknown, c = ctx): FieldIssue[] {
  const r = parseInteraction(raw, c);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const keys = (raw: unknown) => errors(raw).map((e) => `${e.field}:${e.key}`);

describe('parseInteraction — valid records and defaults', () => {
  it('accepts a minimal record and applies defaults', () => {
    const v = ok(minimal);
    expect(v).toEqual({
      externalId: 'T-1',
      source: 'api',
      channel: 'email',
      customer: { id: 'C-1' },
      priority: 'normal',
      status: 'open',
      createdAt: new Date('2026-03-01T12:00:00Z'),
      reopenedAt: [],
      contactCount: 1,
      firstContactResolution: false,
      sla: { firstResponseMinutes: 60, resolutionMinutes: 1440, given: [] },
    });
    expect(v.createdAt).toBeInstanceOf(Date);
  });

  it('accepts a full record, trims strings and keeps every field', () => {
    const v = ok({
      externalId: '  T-2 ',
      source: 'Zendesk',
      channel: 'whatsapp',
      customer: { id: 'C-2', name: ' Ana Souza ', email: 'ana@example.com.br' },
      agent: { id: 'A-9', name: 'Bruno' },
      team: 'N2',
      category: 'Garantia',
      priority: 'high',
      status: 'closed',
      createdAt: '2026-03-01T09:00:00Z',
      firstResponseAt: '2026-03-01T09:10:00Z',
      resolvedAt: '2026-03-03T10:00:00.250Z',
      reopenedAt: ['2026-03-02T10:00:00Z', '2026-03-01T18:00:00Z'],
      escalatedAt: '2026-03-01T12:00:00+00:00',
      contactCount: 3,
      firstContactResolution: false,
      sla: { firstResponseMinutes: 20, resolutionMinutes: 600 },
      product: { brand: 'Acme', model: 'X1', serial: 'SN123' },
      problem: 'Não liga',
      actionsTaken: 'Troca da fonte',
      rootCause: 'Fonte queimada',
      notes: 'linha 1\nlinha 2',
    });
    expect(v).toMatchObject({
      externalId: 'T-2',
      source: 'zendesk',
      customer: { id: 'C-2', name: 'Ana Souza', email: 'ana@example.com.br' },
      agent: { id: 'A-9', name: 'Bruno' },
      team: 'N2',
      category: 'Garantia',
      priority: 'high',
      status: 'closed',
      contactCount: 3,
      firstContactResolution: false,
      sla: { firstResponseMinutes: 20, resolutionMinutes: 600 },
      product: { brand: 'Acme', model: 'X1', serial: 'SN123' },
      problem: 'Não liga',
      actionsTaken: 'Troca da fonte',
      rootCause: 'Fonte queimada',
      notes: 'linha 1\nlinha 2',
    });
    expect(v.resolvedAt?.toISOString()).toBe('2026-03-03T10:00:00.250Z');
    expect(v.escalatedAt?.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    // sorted ascending
    expect(v.reopenedAt.map((d) => d.toISOString())).toEqual(['2026-03-01T18:00:00.000Z', '2026-03-02T10:00:00.000Z']);
  });

  it('treats blank strings and null as absent for optional fields', () => {
    const v = ok({ ...minimal, team: '  ', category: null, customer: { id: 'C-1', email: '' }, agent: { id: '', name: '' }, product: {} });
    expect(v.team).toBeUndefined();
    expect(v.category).toBeUndefined();
    expect(v.customer).toEqual({ id: 'C-1' });
    expect(v.agent).toBeUndefined();
    expect(v.product).toBeUndefined();
  });

  it('blank required strings are "required"', () => {
    expect(keys({ ...minimal, externalId: '   ' })).toEqual(['externalId:ingest.required']);
    expect(keys({ ...minimal, customer: { id: '' } })).toEqual(['customer:ingest.required']);
    expect(keys({ ...minimal, agent: { name: 'Bruno' } })).toEqual(['agent.id:ingest.required']);
  });

  it('derives firstContactResolution both ways', () => {
    const resolved = { ...minimal, status: 'resolved', resolvedAt: '2026-03-01T13:00:00Z' };
    expect(ok(resolved).firstContactResolution).toBe(true);
    expect(ok({ ...resolved, status: 'closed' }).firstContactResolution).toBe(true);
    expect(ok({ ...resolved, contactCount: 2 }).firstContactResolution).toBe(false);
    expect(ok(minimal).firstContactResolution).toBe(false);
    expect(ok({ ...minimal, status: 'pending' }).firstContactResolution).toBe(false);
    // the contract's derivation looks at status and contactCount only
    expect(ok({ ...resolved, reopenedAt: ['2026-03-01T12:30:00Z'] }).firstContactResolution).toBe(true);
    // explicit value wins
    expect(ok({ ...resolved, contactCount: 2, firstContactResolution: true }).firstContactResolution).toBe(true);
    expect(ok({ ...resolved, firstContactResolution: false }).firstContactResolution).toBe(false);
  });

  it('takes SLA targets from the tenant policy by priority, field by field; explicit values kept', () => {
    const policy: SlaPolicy = {
      urgent: { firstResponseMinutes: 5, resolutionMinutes: 60 },
      high: { firstResponseMinutes: 10, resolutionMinutes: 120 },
      normal: { firstResponseMinutes: 30, resolutionMinutes: 480 },
      low: { firstResponseMinutes: 120, resolutionMinutes: 2880 },
    };
    const c = { slaPolicy: policy, now };
    expect(ok(minimal, c).sla).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 480, given: [] });
    expect(ok({ ...minimal, priority: 'urgent' }, c).sla).toEqual({ firstResponseMinutes: 5, resolutionMinutes: 60, given: [] });
    expect(ok({ ...minimal, priority: 'low' }, c).sla).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 2880, given: [] });
    expect(ok({ ...minimal, priority: 'high', sla: { firstResponseMinutes: 7.5 } }, c).sla).toEqual({
      firstResponseMinutes: 7.5,
      resolutionMinutes: 120,
      given: ['firstResponseMinutes'],
    });
    expect(ok({ ...minimal, sla: { firstResponseMinutes: 1, resolutionMinutes: 2 } }, c).sla).toEqual({
      firstResponseMinutes: 1,
      resolutionMinutes: 2,
      given: ['firstResponseMinutes', 'resolutionMinutes'],
    });
  });

  it('rejects non-positive SLA, bad contactCount, bad email, bad source', () => {
    expect(keys({ ...minimal, sla: { firstResponseMinutes: 0 } })).toEqual(['sla.firstResponseMinutes:ingest.not_positive']);
    expect(keys({ ...minimal, contactCount: 0 })).toEqual(['contactCount:ingest.too_small']);
    expect(keys({ ...minimal, contactCount: 1.5 })).toEqual(['contactCount:ingest.not_integer']);
    expect(keys({ ...minimal, contactCount: '2' })).toEqual(['contactCount:ingest.expected_number']);
    expect(keys({ ...minimal, customer: { id: 'C', email: 'not-an-email' } })).toEqual(['customer.email:ingest.invalid_email']);
    expect(keys({ ...minimal, source: 'my source!' })).toEqual(['source:ingest.invalid_source']);
    expect(keys({ ...minimal, source: 'x'.repeat(51) })).toEqual(['source:ingest.too_long']);
    expect(keys({ ...minimal, notes: 'x'.repeat(5001) })).toEqual(['notes:ingest.too_long']);
    expect(keys({ ...minimal, team: 'x'.repeat(101) })).toEqual(['team:ingest.too_long']);
    expect(keys({ ...minimal, firstContactResolution: 'yes' })).toEqual(['firstContactResolution:ingest.expected_boolean']);
  });

  it('rejects an unknown channel, naming the allowed ones', () => {
    const [e, ...rest] = errors({ ...minimal, channel: 'fax' });
    expect(rest).toEqual([]);
    expect(e).toEqual({
      field: 'channel',
      key: 'ingest.unknown_channel',
      params: { field: 'channel', value: 'fax', allowed: 'phone, email, chat, whatsapp, social, in_person, other' },
    });
    expect(keys({ ...minimal, status: 'done' })).toEqual(['status:ingest.invalid_option']);
    expect(keys({ ...minimal, priority: 'p1' })).toEqual(['priority:ingest.invalid_option']);
  });

  it('rejects unknown fields (strict), with a suggestion for near-misses', () => {
    expect(errors({ ...minimal, createdat: '2026-03-01T09:00:00Z' }).find((e) => e.field === 'createdat')).toEqual({
      field: 'createdat',
      key: 'ingest.unknown_field_suggest',
      params: { field: 'createdat', suggestion: 'createdAt' },
    });
    const e = errors({ ...minimal, foo: 1 });
    expect(e).toHaveLength(1);
    expect(e[0]!.field).toBe('foo');
    expect(e[0]!.key).toBe('ingest.unknown_field');
    expect(String(e[0]!.params.allowed)).toContain('externalId');
    expect(keys({ ...minimal, customer: { id: 'C', phone: '123' } })).toEqual(['customer.phone:ingest.unknown_field']);
    expect(keys({ ...minimal, sla: { firstResponseMinute: 5 } })).toEqual(['sla.firstResponseMinute:ingest.unknown_field_suggest']);
  });

  it('rejects non-objects and reports all missing required fields', () => {
    expect(keys([minimal])).toEqual([':ingest.not_object']);
    expect(keys('x')).toEqual([':ingest.not_object']);
    expect(keys({})).toEqual([
      'externalId:ingest.required',
      'channel:ingest.required',
      'customer:ingest.required',
      'status:ingest.required',
      'createdAt:ingest.required',
    ]);
  });
});

describe('parseInteraction — dates', () => {
  it.each([
    ['2026-03-01T09:00:00', 'ingest.datetime_no_zone'],
    ['2026-03-01 09:00', 'ingest.datetime_no_zone'],
    ['2026-02-30T10:00:00Z', 'ingest.datetime_nonexistent'],
    ['2025-02-29T10:00:00Z', 'ingest.datetime_nonexistent'],
    ['2026-03-01T24:00:00Z', 'ingest.datetime_nonexistent'],
    ['2026-13-01T10:00:00Z', 'ingest.datetime_nonexistent'],
    ['2026-03-01T10:00:00+25:00', 'ingest.datetime_nonexistent'],
    ['yesterday', 'ingest.invalid_datetime'],
    ['2026-03-01', 'ingest.invalid_datetime'],
    ['01/03/2026 10:00', 'ingest.invalid_datetime'],
    ['0001-01-01T00:00:00Z', 'ingest.datetime_too_old'],
  ])('createdAt %s → %s', (value, key) => {
    expect(errors({ ...minimal, createdAt: value })).toEqual([
      { field: 'createdAt', key, params: expect.objectContaining({ field: 'createdAt', value }) as unknown },
    ]);
  });

  it('rejects a non-string date and bad items of reopenedAt with their index', () => {
    expect(keys({ ...minimal, createdAt: 1_700_000_000_000 })).toEqual(['createdAt:ingest.expected_text']);
    expect(keys({ ...minimal, reopenedAt: ['2026-03-02T10:00:00Z', 'soon'] })).toEqual(['reopenedAt[1]:ingest.invalid_datetime']);
    expect(keys({ ...minimal, reopenedAt: '2026-03-02T10:00:00Z' })).toEqual(['reopenedAt:ingest.expected_list']);
  });

  it('parses offsets, compact offsets, space separator, fractions, leap days', () => {
    expect(parseIsoDateTime('2024-02-29T23:59:59.999-03:00')).toEqual({ ok: true, date: new Date('2024-03-01T02:59:59.999Z') });
    expect(parseIsoDateTime('2026-03-01 10:00+0530')).toEqual({ ok: true, date: new Date('2026-03-01T04:30:00Z') });
    expect(parseIsoDateTime('2026-03-01T10:00:00.123456z')).toEqual({ ok: true, date: new Date('2026-03-01T10:00:00.123Z') });
  });
});

describe('parseInteraction — impossible data', () => {
  const resolved = { ...minimal, status: 'resolved', resolvedAt: '2026-03-02T10:00:00Z' };

  it.each(['firstResponseAt', 'resolvedAt', 'escalatedAt'])('%s before createdAt', (field) => {
    const e = errors({ ...resolved, [field]: '2026-03-01T11:59:59Z' });
    expect(e).toEqual([
      {
        field,
        key: 'ingest.before_created',
        params: { field, value: '2026-03-01T11:59:59Z', createdAt: '2026-03-01T09:00:00-03:00' },
      },
    ]);
  });

  it('a date equal to createdAt is fine', () => {
    expect(ok({ ...minimal, firstResponseAt: '2026-03-01T12:00:00Z' }).firstResponseAt).toEqual(new Date('2026-03-01T12:00:00Z'));
  });

  it('each reopenedAt before createdAt, with its index', () => {
    expect(keys({ ...minimal, reopenedAt: ['2026-03-02T00:00:00Z', '2026-02-01T00:00:00Z'] })).toEqual([
      'reopenedAt[1]:ingest.before_created',
    ]);
  });

  it('dates more than 1 day in the future (relative to now)', () => {
    const limit = '2026-03-11T12:00:00.000Z';
    expect(ok({ ...minimal, createdAt: limit }).createdAt.toISOString()).toBe(limit);
    expect(errors({ ...minimal, createdAt: '2026-03-11T12:00:01Z' })).toEqual([
      { field: 'createdAt', key: 'ingest.in_future', params: { field: 'createdAt', value: '2026-03-11T12:00:01Z', limit } },
    ]);
    expect(keys({ ...minimal, reopenedAt: ['2026-03-20T00:00:00Z'] })).toEqual(['reopenedAt[0]:ingest.in_future']);
    expect(keys({ ...minimal, escalatedAt: '2027-01-01T00:00:00Z' })).toEqual(['escalatedAt:ingest.in_future']);
    expect(keys({ ...resolved, resolvedAt: '2027-01-01T00:00:00Z' })).toEqual(['resolvedAt:ingest.in_future']);
  });

  it('resolved/closed require resolvedAt', () => {
    expect(keys({ ...minimal, status: 'resolved' })).toEqual(['resolvedAt:ingest.resolved_requires_resolved_at']);
    expect(keys({ ...minimal, status: 'closed' })).toEqual(['resolvedAt:ingest.resolved_requires_resolved_at']);
  });

  it('resolved with a resolvedAt earlier than the latest reopening is rejected', () => {
    expect(keys({ ...resolved, reopenedAt: ['2026-03-03T00:00:00Z'] })).toEqual(['resolvedAt:ingest.resolved_before_reopened']);
    expect(ok({ ...resolved, reopenedAt: ['2026-03-01T20:00:00Z'] }).resolvedAt).toEqual(new Date('2026-03-02T10:00:00Z'));
  });

  it('open/pending with resolvedAt is rejected unless reopened since (then normalised to no resolvedAt)', () => {
    expect(keys({ ...minimal, resolvedAt: '2026-03-02T10:00:00Z' })).toEqual(['resolvedAt:ingest.open_with_resolved_at']);
    expect(keys({ ...minimal, status: 'pending', resolvedAt: '2026-03-02T10:00:00Z' })).toEqual([
      'resolvedAt:ingest.open_with_resolved_at',
    ]);
    // reopened before the resolution: still contradictory
    expect(keys({ ...minimal, resolvedAt: '2026-03-02T10:00:00Z', reopenedAt: ['2026-03-01T20:00:00Z'] })).toEqual([
      'resolvedAt:ingest.open_with_resolved_at',
    ]);
    const v = ok({ ...minimal, resolvedAt: '2026-03-02T10:00:00Z', reopenedAt: ['2026-03-02T10:00:00Z'] });
    expect(v.resolvedAt).toBeUndefined();
    expect(v.reopenedAt).toEqual([new Date('2026-03-02T10:00:00Z')]);
    expect('resolvedAt' in v).toBe(false);
  });

  it('reports several impossible-data problems at once', () => {
    expect(
      keys({
        ...minimal,
        status: 'closed',
        firstResponseAt: '2026-02-01T00:00:00Z',
        escalatedAt: '2026-04-01T00:00:00Z',
      }),
    ).toEqual(['firstResponseAt:ingest.before_created', 'escalatedAt:ingest.in_future', 'resolvedAt:ingest.resolved_requires_resolved_at']);
  });
});
