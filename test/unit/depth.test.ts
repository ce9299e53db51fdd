/** The nesting guard every boundary runs before code that walks input recursively. */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, nestsDeeperThan, textNestsDeeperThan } from '../../src/core/ingest/depth.js';
import { splitBody } from '../../src/core/ingest/body.js';
import { parseInteraction } from '../../src/core/ingest/interaction-input.js';
import { showValue } from '../../src/core/ingest/issues.js';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { deepJson, SHAPES } from '../support/deep-json.js';

const deep = (levels: number, shape: (typeof SHAPES)[number] = 'mixed'): unknown => JSON.parse(deepJson(levels, shape));

describe('nestsDeeperThan', () => {
  it('allows exactly MAX_DEPTH levels and refuses one more, whatever the shape', () => {
    expect(MAX_DEPTH).toBe(32);
    for (const shape of SHAPES) {
      expect(nestsDeeperThan(deep(MAX_DEPTH, shape)), shape).toBe(false);
      expect(nestsDeeperThan(deep(MAX_DEPTH + 1, shape)), shape).toBe(true);
    }
    expect(nestsDeeperThan('text')).toBe(false);
    expect(nestsDeeperThan(null)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 'x' }] }, 2)).toBe(true);
  });

  it('finds a deep branch beside shallow ones, and walks 200,000 levels without recursion', () => {
    expect(nestsDeeperThan({ ok: 1, list: [1, 2, { x: deep(40) }] })).toBe(true);
    expect(nestsDeeperThan(deep(200_000))).toBe(true);
    expect(nestsDeeperThan(deep(200_000, 'array'))).toBe(true);
  });

  it('with embeddedJson, measures strings holding JSON (button values, modal metadata)', () => {
    const value = deepJson(MAX_DEPTH + 1, 'object');
    expect(nestsDeeperThan({ actions: [{ value }] })).toBe(false);
    expect(nestsDeeperThan({ actions: [{ value }] }, MAX_DEPTH, { embeddedJson: true })).toBe(true);
    expect(nestsDeeperThan({ actions: [{ value: deepJson(MAX_DEPTH, 'object') }] }, MAX_DEPTH, { embeddedJson: true })).toBe(false);
    // a chat text that merely starts with brackets is not JSON
    expect(nestsDeeperThan({ text: `${'['.repeat(50)} oops` }, MAX_DEPTH, { embeddedJson: true })).toBe(false);
  });
});

describe('textNestsDeeperThan', () => {
  it('counts brackets outside string literals only', () => {
    expect(textNestsDeeperThan(deepJson(33, 'array'))).toBe(true);
    expect(textNestsDeeperThan(deepJson(32, 'array'))).toBe(false);
    expect(textNestsDeeperThan(JSON.stringify({ s: '['.repeat(100), t: 'a\\"[[[' }))).toBe(false);
    expect(textNestsDeeperThan(deepJson(200_000, 'array'))).toBe(true);
  });
});

describe('ingest bodies', () => {
  it('a JSON body nested too deep is refused whole, naming the limit', () => {
    for (const shape of SHAPES) {
      expect(splitBody('application/json', deepJson(100_000, shape), 'json')).toEqual({ ok: false, key: 'ingest.too_deep', params: { max: 32 } });
    }
    const record = (extra: string) => `{"externalId":"T-1","customer":{"id":"c","x":${extra}}}`;
    expect(splitBody('application/json', `[${record(deepJson(30, 'object'))}]`, 'json')).toMatchObject({ ok: true });
    expect(splitBody('application/json', `[${record(deepJson(31, 'object'))}]`, 'json')).toMatchObject({ ok: false, key: 'ingest.too_deep' });
  });

  it('an NDJSON line nested too deep is a per-line error; the other lines go through', () => {
    const split = splitBody('application/x-ndjson', `{"externalId":"T-1"}\n${deepJson(20_000, 'mixed')}\n`, 'json');
    expect(split).toEqual({
      ok: true,
      format: 'ndjson',
      records: [
        { ref: { line: 1 }, raw: { externalId: 'T-1' } },
        { ref: { line: 2 }, parseError: { key: 'ingest.too_deep_line', params: { max: 32 } } },
      ],
    });
  });

  it('a record parser handed a deep value directly refuses it without overflowing the stack', () => {
    const r = parseInteraction({ externalId: 'T-1', channel: 'chat', customer: { id: 'c', x: deep(100_000) }, status: 'open', createdAt: '2026-01-05T10:00:00Z' }, { slaPolicy: DEFAULT_SLA_POLICY, now: new Date('2026-01-06T00:00:00Z') });
    expect(r.ok).toBe(false);
  });

  it('showValue never throws on values too deep to print', () => {
    expect(showValue(deep(100_000, 'array'))).toBe('(array)');
    expect(showValue(deep(100_000, 'object'))).toBe('(object)');
  });
});

describe('SDK log lines', () => {
  it('never throw on objects too deep or circular to print', async () => {
    const { createLogger } = await import('../../src/infra/observability/logger.js');
    const { boltLogger } = await import('../../src/adapters/slack/logger.js');
    const { teamsLogger } = await import('../../src/adapters/teams/logger.js');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const log = createLogger('silent');
    for (const m of [deep(100_000, 'array'), circular]) {
      expect(() => boltLogger(log).warn('x', m)).not.toThrow();
      expect(() => teamsLogger(log).error('x', m)).not.toThrow();
    }
  });
});
