import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { ValidationError } from '../../src/core/errors.js';
import { ingest } from '../../src/core/ingest/catalog/ingest.js';
import { splitBody } from '../../src/core/ingest/body.js';
import { parseInteraction } from '../../src/core/ingest/interaction-input.js';
import type { FieldIssue } from '../../src/core/ingest/issues.js';
import { bodyError, buildRejected, formatIssues, validateRecords, type IngestReport } from '../../src/core/ingest/batch-outcome.js';

const ctx = { slaPolicy: DEFAULT_SLA_POLICY, now: new Date('2026-03-10T12:00:00Z') };

describe('ingest catalog', () => {
  it('has the same keys in en and pt-BR, with the same placeholders', () => {
    expect(Object.keys(ingest['pt-BR']).sort()).toEqual(Object.keys(ingest.en).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, en] of Object.entries(ingest.en)) {
      expect(placeholders(ingest['pt-BR'][key]!), key).toEqual(placeholders(en));
    }
  });

  it('has every ingest.* key used by src/core/ingest', () => {
    const dir = new URL('../../src/core/ingest/', import.meta.url);
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/'(ingest\.[a-z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const k of used) expect(Object.keys(ingest.en), k).toContain(k);
  });
});

describe('report', () => {
  it('formats issues in both locales', () => {
    const issues: FieldIssue[] = [
      { field: 'resolvedAt', key: 'ingest.before_created', params: { field: 'resolvedAt', value: '2026-01-01T00:00:00Z', createdAt: '2026-02-01T00:00:00Z' } },
      { field: 'channel', key: 'ingest.unknown_channel', params: { field: 'channel', value: 'fax', allowed: 'phone, email' } },
    ];
    expect(formatIssues(issues, 'en')).toEqual([
      { field: 'resolvedAt', message: 'resolvedAt (2026-01-01T00:00:00Z) is before createdAt (2026-02-01T00:00:00Z).' },
      { field: 'channel', message: 'Unknown channel "fax"; expected one of phone, email.' },
    ]);
    expect(formatIssues(issues, 'pt-BR')).toEqual([
      { field: 'resolvedAt', message: 'resolvedAt (2026-01-01T00:00:00Z) é anterior a createdAt (2026-02-01T00:00:00Z).' },
      { field: 'channel', message: 'Canal desconhecido "fax"; use um destes: phone, email.' },
    ]);
  });

  it('validates a split body and builds the rejected part with refs and externalIds', () => {
    const ndjson = [
      '{"externalId":"T-1","channel":"email","customer":{"id":"C"},"status":"open","createdAt":"2026-03-01T10:00:00Z"}',
      '{"externalId":"T-2","channel":"fax","customer":{"id":"C"},"status":"open","createdAt":"2026-03-01T10:00:00Z"}',
      'not json',
    ].join('\n');
    const split = splitBody('application/x-ndjson', ndjson, 'json');
    if (!split.ok) throw new Error('split failed');
    const { valid, failed } = validateRecords(split, (raw) => parseInteraction(raw, ctx));
    expect(valid.map((v) => [v.ref, v.value.externalId])).toEqual([[{ line: 1 }, 'T-1']]);
    const rejected = buildRejected(failed, 'pt-BR');
    expect(rejected).toEqual([
      {
        line: 2,
        externalId: 'T-2',
        errors: [{ field: 'channel', message: expect.stringContaining('Canal desconhecido "fax"') as unknown }],
      },
      { line: 3, errors: [{ field: '', message: expect.stringContaining('Esta linha não é um JSON válido') as unknown }] },
    ]);
    const report: IngestReport = { accepted: valid.length, created: 1, updated: 0, unchanged: 0, rejected };
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ accepted: 1, rejected: [{ line: 2 }, { line: 3 }] });

    const json = splitBody('application/json', '[{"externalId":"X"}]', 'json');
    if (!json.ok) throw new Error('split failed');
    const r = validateRecords(json, (raw) => parseInteraction(raw, ctx));
    expect(buildRejected(r.failed, 'en')[0]).toMatchObject({ index: 0, externalId: 'X' });
    expect(buildRejected(r.failed, 'en')[0]!.errors.map((e) => e.message)).toContain('channel is required.');
  });

  it('turns a body-level failure into a ValidationError', () => {
    const split = splitBody('text/csv', 'externalId,nope\nT,1', 'csv');
    if (split.ok) throw new Error('expected failure');
    const err = bodyError(split);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.messageKey).toBe('ingest.csv_unknown_columns');
    expect(err.params.columns).toBe('"nope"');
  });
});
