import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { splitBody, type BodySplit, type SplitRecord } from '../../src/core/ingest/body.js';
import { InteractionInputSchema, INTERACTION_CSV_COLUMNS, parseInteraction } from '../../src/core/ingest/interaction-input.js';
import { SURVEY_CSV_COLUMNS, SurveyResponseInputSchema } from '../../src/core/ingest/survey-response-input.js';

function records(split: BodySplit): SplitRecord[] {
  if (!split.ok) throw new Error(`body error ${split.key} ${JSON.stringify(split.params)}`);
  return split.records;
}
const raws = (split: BodySplit) => records(split).map((r) => ('raw' in r ? r.raw : r.parseError));

describe('splitBody — content types', () => {
  it('picks the format from the content type, ignoring parameters', () => {
    expect(splitBody('application/json; charset=utf-8', '{"a":1}', 'json')).toMatchObject({ ok: true, format: 'json' });
    expect(splitBody('Application/X-NDJSON', '{"a":1}', 'json')).toMatchObject({ ok: true, format: 'ndjson' });
    expect(splitBody('application/jsonl', '{"a":1}', 'json')).toMatchObject({ ok: true, format: 'ndjson' });
    expect(splitBody('text/csv;charset=utf-8', 'externalId\nT-1', 'csv')).toMatchObject({ ok: true, format: 'csv' });
  });
  it('defaults to the endpoint kind and refuses the other family', () => {
    expect(splitBody(undefined, '{"a":1}', 'json')).toMatchObject({ ok: true, format: 'json' });
    expect(splitBody(undefined, 'externalId\nT-1', 'csv')).toMatchObject({ ok: true, format: 'csv' });
    expect(splitBody('text/csv', 'externalId\nT-1', 'json')).toEqual({
      ok: false,
      key: 'ingest.unsupported_media',
      params: { type: 'text/csv', expected: 'application/json, application/x-ndjson' },
    });
    expect(splitBody('application/xml', '<a/>', 'csv')).toMatchObject({ ok: false, key: 'ingest.unsupported_media' });
  });
  it('rejects an empty body', () => {
    expect(splitBody('application/json', '  \n', 'json')).toMatchObject({ ok: false, key: 'ingest.empty_body' });
    expect(splitBody('text/csv', '\uFEFF', 'csv')).toMatchObject({ ok: false, key: 'ingest.empty_body' });
  });
});

describe('splitBody — JSON', () => {
  it('one object → index 0', () => {
    expect(records(splitBody('application/json', '{"externalId":"T-1"}', 'json'))).toEqual([
      { ref: { index: 0 }, raw: { externalId: 'T-1' } },
    ]);
  });
  it('array → indexes, including non-object elements (rejected later per record)', () => {
    const split = splitBody('application/json', '[{"externalId":"A"}, 5, {"externalId":"C"}]', 'json');
    expect(records(split)).toEqual([
      { ref: { index: 0 }, raw: { externalId: 'A' } },
      { ref: { index: 1 }, raw: 5 },
      { ref: { index: 2 }, raw: { externalId: 'C' } },
    ]);
    const second = records(split)[1]!;
    expect('raw' in second && parseInteraction(second.raw, { slaPolicy: DEFAULT_SLA_POLICY, now: new Date('2026-03-01T12:00:00Z') })).toMatchObject({
      ok: false,
      errors: [{ field: '', key: 'ingest.not_object' }],
    });
  });
  it('BOM tolerated; invalid JSON and scalars are body errors', () => {
    expect(records(splitBody('application/json', '\uFEFF[]', 'json'))).toEqual([]);
    expect(splitBody('application/json', '{"a":', 'json')).toMatchObject({ ok: false, key: 'ingest.invalid_json' });
    expect(splitBody('application/json', '"x"', 'json')).toEqual({
      ok: false,
      key: 'ingest.json_not_object_or_array',
      params: { got: 'string' },
    });
    expect(splitBody('application/json', 'null', 'json')).toMatchObject({ params: { got: 'null' } });
  });
});

describe('splitBody — NDJSON', () => {
  it('a broken line in the middle is a per-record error with its line number', () => {
    const body = '{"externalId":"A"}\r\n\n{"externalId": "B",\n   \n{"externalId":"C"}\n';
    const recs = records(splitBody('application/x-ndjson', body, 'json'));
    expect(recs.map((r) => r.ref)).toEqual([{ line: 1 }, { line: 3 }, { line: 5 }]);
    expect(recs[0]).toEqual({ ref: { line: 1 }, raw: { externalId: 'A' } });
    expect(recs[1]).toMatchObject({ ref: { line: 3 }, parseError: { key: 'ingest.invalid_json_line' } });
    expect(recs[2]).toEqual({ ref: { line: 5 }, raw: { externalId: 'C' } });
  });
});

describe('splitBody — CSV', () => {
  it('builds nested records, drops empty cells, converts typed columns', () => {
    const csv = [
      'externalId,channel,customer.id,customer.name,status,createdAt,contactCount,firstContactResolution,sla.firstResponseMinutes,product.brand,reopenedAt',
      'T-1,email,C-1,,resolved,2026-03-01T09:00:00Z,2,sim,"7,5",Acme,2026-03-02T10:00:00Z;2026-03-03T10:00:00Z',
      'T-2,chat,C-2,Ana,open,2026-03-01T09:00:00Z,,Não,,,2026-03-02T10:00:00Z | 2026-03-04T10:00:00Z',
      'T-3,chat,C-3,Bia,open,2026-03-01T09:00:00Z,x,talvez,,,',
    ].join('\n');
    expect(raws(splitBody('text/csv', csv, 'csv'))).toEqual([
      {
        externalId: 'T-1',
        channel: 'email',
        customer: { id: 'C-1' },
        status: 'resolved',
        createdAt: '2026-03-01T09:00:00Z',
        contactCount: 2,
        firstContactResolution: true,
        sla: { firstResponseMinutes: 7.5 },
        product: { brand: 'Acme' },
        reopenedAt: ['2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z'],
      },
      {
        externalId: 'T-2',
        channel: 'chat',
        customer: { id: 'C-2', name: 'Ana' },
        status: 'open',
        createdAt: '2026-03-01T09:00:00Z',
        firstContactResolution: false,
        reopenedAt: ['2026-03-02T10:00:00Z', '2026-03-04T10:00:00Z'],
      },
      // unconvertible cells pass through as text so validation reports them with their value
      {
        externalId: 'T-3',
        channel: 'chat',
        customer: { id: 'C-3', name: 'Bia' },
        status: 'open',
        createdAt: '2026-03-01T09:00:00Z',
        contactCount: 'x',
        firstContactResolution: 'talvez',
      },
    ]);
  });

  it.each([
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['false', false],
    ['yes', true],
    ['no', false],
    ['Sim', true],
    ['NÃO', false],
    ['nao', false],
  ])('boolean cell %s → %s', (cell, value) => {
    expect(raws(splitBody('text/csv', `firstContactResolution\n${cell}`, 'csv'))).toEqual([{ firstContactResolution: value }]);
  });

  it('reports the physical start line of records with quoted multi-line cells (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const csv = [
        'externalId,notes',
        'A,"first line',
        'second line',
        'third line"',
        '',
        'B,plain',
        'C,"x ""quoted""',
        'y"',
        'D,last',
      ].join(eol);
      const recs = records(splitBody('text/csv', csv, 'csv'));
      expect(recs.map((r) => r.ref)).toEqual([{ line: 2 }, { line: 6 }, { line: 7 }, { line: 9 }]);
      expect(raws(splitBody('text/csv', csv, 'csv'))[0]).toEqual({
        externalId: 'A',
        notes: ['first line', 'second line', 'third line'].join(eol),
      });
      expect(raws(splitBody('text/csv', csv, 'csv'))[2]).toEqual({ externalId: 'C', notes: `x "quoted"${eol}y` });
    }
  });

  it('auto-detects ";" (Excel pt-BR) from the header row and tolerates a BOM', () => {
    const csv = '\uFEFFexternalId;customer.id;notes;sla.resolutionMinutes;reopenedAt\r\nT-1;C-1;"a, b; c";90,5;"2026-03-02T10:00:00Z;2026-03-03T10:00:00Z"\r\n';
    const split = splitBody('text/csv', csv, 'csv');
    expect(records(split)).toEqual([
      {
        ref: { line: 2 },
        raw: {
          externalId: 'T-1',
          customer: { id: 'C-1' },
          notes: 'a, b; c',
          sla: { resolutionMinutes: 90.5 },
          reopenedAt: ['2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z'],
        },
      },
    ]);
  });

  it('matches column names case-insensitively and skips rows whose cells are all blank', () => {
    expect(records(splitBody('text/csv', 'ExternalID , Customer.Id\nT-1,C-1\n , \n\nT-2,C-2\n', 'csv'))).toEqual([
      { ref: { line: 2 }, raw: { externalId: 'T-1', customer: { id: 'C-1' } } },
      { ref: { line: 5 }, raw: { externalId: 'T-2', customer: { id: 'C-2' } } },
    ]);
    // Excel pt-BR exports emptied rows as ";;"
    expect(records(splitBody('text/csv', 'externalId;status;notes\r\nT-1;open;\r\n;;\r\nT-2;open;x\r\n', 'csv'))).toEqual([
      { ref: { line: 2 }, raw: { externalId: 'T-1', status: 'open' } },
      { ref: { line: 4 }, raw: { externalId: 'T-2', status: 'open', notes: 'x' } },
    ]);
  });

  it('unknown, duplicate and blank columns are body-level errors naming them', () => {
    expect(splitBody('text/csv', 'externalId,cliente,customer.id,foo.bar\nT,1,2,3', 'csv')).toEqual({
      ok: false,
      key: 'ingest.csv_unknown_columns',
      params: { columns: '"cliente", "foo.bar"', count: 2, allowed: Object.keys(INTERACTION_CSV_COLUMNS).join(', ') },
    });
    expect(splitBody('text/csv', 'externalId,ExternalId\nT,1', 'csv')).toMatchObject({
      ok: false,
      key: 'ingest.csv_duplicate_columns',
      params: { columns: '"ExternalId"' },
    });
    expect(splitBody('text/csv', 'externalId,,status\nT,1,open', 'csv')).toMatchObject({
      ok: false,
      key: 'ingest.csv_blank_column',
      params: { position: 2 },
    });
  });

  it('a row with the wrong number of cells is a per-record error; other rows still pass', () => {
    const csv = 'externalId,status\nT-1,open\nT-2,open,extra\nT-3\nT-4,closed\n';
    const recs = records(splitBody('text/csv', csv, 'csv'));
    expect(recs).toEqual([
      { ref: { line: 2 }, raw: { externalId: 'T-1', status: 'open' } },
      { ref: { line: 3 }, parseError: { key: 'ingest.csv_column_count', params: { expected: 2, got: 3 } } },
      { ref: { line: 4 }, parseError: { key: 'ingest.csv_column_count', params: { expected: 2, got: 1 } } },
      { ref: { line: 5 }, raw: { externalId: 'T-4', status: 'closed' } },
    ]);
  });

  it('an unclosed quote is a per-record error at the line where that record starts', () => {
    const csv = 'externalId,notes\nT-1,ok\n\nT-2,"never closed\nT-3,x\nT-4,y\n';
    expect(records(splitBody('text/csv', csv, 'csv'))).toEqual([
      { ref: { line: 2 }, raw: { externalId: 'T-1', notes: 'ok' } },
      { ref: { line: 4 }, parseError: { key: 'ingest.csv_unclosed_quote', params: {} } },
    ]);
  });

  it('stray quotes inside unquoted cells are kept literally', () => {
    expect(raws(splitBody('text/csv', 'externalId,notes\nT-1,tela 15" quebrada\nT-2,ok', 'csv'))).toEqual([
      { externalId: 'T-1', notes: 'tela 15" quebrada' },
      { externalId: 'T-2', notes: 'ok' },
    ]);
  });

  it('header-only CSV has no records; a broken header is a body error', () => {
    expect(records(splitBody('text/csv', 'externalId,status\r\n', 'csv'))).toEqual([]);
    expect(splitBody('text/csv', '"externalId,status\nT,open', 'csv')).toMatchObject({ ok: false, key: 'ingest.csv_malformed_header' });
  });

  it('survey responses use their own column set', () => {
    const csv = 'externalId;type;score;respondedAt;comment\nS-1;nps;9;2026-03-01T10:00:00Z;Ótimo atendimento';
    expect(raws(splitBody('text/csv', csv, 'csv', SURVEY_CSV_COLUMNS))).toEqual([
      { externalId: 'S-1', type: 'nps', score: 9, respondedAt: '2026-03-01T10:00:00Z', comment: 'Ótimo atendimento' },
    ]);
    expect(splitBody('text/csv', csv, 'csv')).toMatchObject({ ok: false, key: 'ingest.csv_unknown_columns' });
  });

  it('CSV columns cover exactly the schema fields', () => {
    const top = (cols: object) => [...new Set(Object.keys(cols).map((c) => c.split('.')[0]))].sort();
    expect(top(INTERACTION_CSV_COLUMNS)).toEqual(Object.keys(InteractionInputSchema.shape).sort());
    expect(top(SURVEY_CSV_COLUMNS)).toEqual(Object.keys(SurveyResponseInputSchema.shape).sort());
  });
});
