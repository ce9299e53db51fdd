/**
 * Splits an HTTP request body into raw records, before any per-record validation.
 *
 * Formats, by Content-Type (parameters such as charset are ignored):
 * - `application/json` (and `application/*+json`): an object → one record (index 0); an array →
 *   one record per element ({ index }). Anything else, invalid JSON, or records nested more than
 *   MAX_DEPTH levels deep → body-level error.
 * - `application/x-ndjson`, `application/ndjson`, `application/jsonl`, `application/x-jsonlines`:
 *   one JSON value per non-blank line ({ line }, 1-based); a line that is not JSON, or nests more
 *   than MAX_DEPTH levels, is a per-record error, the other lines still go through.
 * - `text/csv` (`application/csv`): header row required, columns are the JSON names with dots for
 *   nesting; delimiter `,`, `;` (Excel pt-BR) or tab, detected from the header row; UTF-8 BOM
 *   skipped; empty cells = absent; typed columns converted (see convertCell); unknown, duplicate
 *   or blank column names → body-level error; a row with the wrong number of cells or an unclosed
 *   quote → per-record error. `line` is the physical line where the record starts (header = 1),
 *   also when quoted cells span lines. Rows whose cells are all blank are skipped. Stray quotes
 *   inside unquoted cells are kept literally (csv-parse `relax_quotes`).
 *
 * `kind` is the family the endpoint accepts: 'json' → JSON or NDJSON, 'csv' → CSV. A missing
 * Content-Type means JSON resp. CSV; a type from the other family → `ingest.unsupported_media`.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { IssueParams } from './issues.js';
import { INTERACTION_CSV_COLUMNS } from './interaction-input.js';
import { MAX_DEPTH, nestsDeeperThan } from './depth.js';

export type RecordRef = { index: number } | { line: number };

/** A record-level problem found while splitting (bad NDJSON line, malformed CSV row). */
export interface RecordParseError {
  key: string;
  params: IssueParams;
}

export type SplitRecord = { ref: RecordRef; raw: unknown } | { ref: RecordRef; parseError: RecordParseError };

export type BodyFormat = 'json' | 'ndjson' | 'csv';

export type BodySplit =
  | { ok: true; format: BodyFormat; records: SplitRecord[] }
  | { ok: false; key: string; params: IssueParams };

export type CsvColumnType = 'string' | 'number' | 'boolean' | 'list';
export type CsvColumns = Readonly<Record<string, CsvColumnType>>;

const JSON_TYPES = new Set(['application/json']);
const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
]);
const CSV_TYPES = new Set(['text/csv', 'application/csv']);

function formatOf(mediaType: string): BodyFormat | undefined {
  if (JSON_TYPES.has(mediaType) || /^application\/[\w.-]+\+json$/.test(mediaType)) return 'json';
  if (NDJSON_TYPES.has(mediaType)) return 'ndjson';
  if (CSV_TYPES.has(mediaType)) return 'csv';
  return undefined;
}

const fail = (key: string, params: IssueParams = {}): BodySplit => ({ ok: false, key, params });
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function splitBody(
  contentType: string | undefined,
  body: string,
  kind: 'json' | 'csv',
  columns: CsvColumns = INTERACTION_CSV_COLUMNS,
): BodySplit {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const format: BodyFormat | undefined = mediaType === '' ? kind : formatOf(mediaType);
  const family = format === 'csv' ? 'csv' : 'json';
  if (format === undefined || family !== kind) {
    return fail('ingest.unsupported_media', {
      type: mediaType,
      expected: kind === 'csv' ? 'text/csv' : 'application/json, application/x-ndjson',
    });
  }
  const text = body.startsWith('\uFEFF') ? body.slice(1) : body;
  if (text.trim() === '') return fail('ingest.empty_body');
  if (format === 'json') return splitJson(text);
  if (format === 'ndjson') return splitNdjson(text);
  return splitCsv(text, columns);
}

function splitJson(text: string): BodySplit {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('ingest.invalid_json', { reason: errorText(e) });
  }
  // refused whole, before anything walks it (a record is 1 level deeper inside an array)
  if (nestsDeeperThan(value, Array.isArray(value) ? MAX_DEPTH + 1 : MAX_DEPTH)) return fail('ingest.too_deep', { max: MAX_DEPTH });
  if (Array.isArray(value)) return { ok: true, format: 'json', records: value.map((raw, index) => ({ ref: { index }, raw })) };
  if (value !== null && typeof value === 'object') return { ok: true, format: 'json', records: [{ ref: { index: 0 }, raw: value }] };
  return fail('ingest.json_not_object_or_array', { got: value === null ? 'null' : typeof value });
}

function splitNdjson(text: string): BodySplit {
  const records: SplitRecord[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    try {
      const raw = JSON.parse(line) as unknown;
      if (nestsDeeperThan(raw)) records.push({ ref: { line: i + 1 }, parseError: { key: 'ingest.too_deep_line', params: { max: MAX_DEPTH } } });
      else records.push({ ref: { line: i + 1 }, raw });
    } catch (e) {
      records.push({ ref: { line: i + 1 }, parseError: { key: 'ingest.invalid_json_line', params: { reason: errorText(e) } } });
    }
  });
  return { ok: true, format: 'ndjson', records };
}

// ---------------------------------------------------------------------------------------------- CSV

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter used most (outside quotes) in the header row; ',' when none appears. Not
 * csv-parse's `delimiter: [',', ';', '\t']`: any of them would split every cell ("90,5" in a ';'
 * file, "a;b" lists in a ',' file); its `delimiter_auto` (7.0.3) throws on quoted cells.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: ',' | ';' | '\t' = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'sim', 's', 'verdadeiro']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'não', 'nao', 'falso']);
const NUMBER_CELL = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/**
 * Converts one non-blank, trimmed cell. Numbers accept `.` or `,` as decimal separator; booleans
 * accept true/false, 1/0, yes/no, sim/não. A cell that does not convert is passed on as text, so
 * the record validation reports it with its value.
 */
export function convertCell(cell: string, type: CsvColumnType): unknown {
  switch (type) {
    case 'number':
      return NUMBER_CELL.test(cell) ? Number(cell.replace(',', '.')) : cell;
    case 'boolean': {
      const w = cell.toLowerCase();
      return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : cell;
    }
    case 'list':
      return cell
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    default:
      return cell;
  }
}

interface CsvRow {
  record: string[];
  info: { bytes: number };
}
interface CsvSkip {
  /** Byte offset where the parser was when the bad record began (end of the previous record). */
  bytes: number;
  code: string;
  message: string;
}

/** Offsets of the first byte of each physical line (CRLF, LF and lone CR all end a line). */
function lineStarts(buf: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function splitCsv(text: string, columns: CsvColumns): BodySplit {
  const buf = Buffer.from(text, 'utf8');
  const delimiter = detectDelimiter(text);
  const skips: CsvSkip[] = [];
  let rows: CsvRow[];
  try {
    rows = parseCsv(buf, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { bytes?: number; code?: string; message?: string } | undefined) => {
        if (err) skips.push({ bytes: err.bytes ?? 0, code: err.code ?? 'CSV_ERROR', message: err.message ?? '' });
        return undefined;
      },
    }) as unknown as CsvRow[];
  } catch (e) {
    return fail('ingest.csv_malformed_body', { reason: errorText(e) });
  }

  // Physical line of the record starting right after byte `offset` (blank lines skipped).
  const starts = lineStarts(buf);
  const lineAt = (offset: number): number => {
    let pos = offset;
    while (pos < buf.length && (buf[pos] === 0x0a || buf[pos] === 0x0d)) pos++;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const header = rows[0];
  if (!header || (skips[0] && skips[0].bytes < header.info.bytes)) {
    return skips.length > 0 ? fail('ingest.csv_malformed_header', { reason: skips[0]!.message }) : fail('ingest.csv_no_header');
  }

  // Header → canonical column names (case-insensitive match).
  const canonical = new Map(Object.keys(columns).map((c) => [c.toLowerCase(), c]));
  const names: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const [i, cell] of header.record.entries()) {
    const name = cell.trim();
    if (name === '') return fail('ingest.csv_blank_column', { position: i + 1 });
    const c = canonical.get(name.toLowerCase());
    if (!c) unknown.push(name);
    else if (seen.has(c)) duplicates.push(name);
    else seen.add(c);
    names.push(c ?? name);
  }
  if (unknown.length > 0) {
    return fail('ingest.csv_unknown_columns', {
      columns: unknown.map((u) => `"${u}"`).join(', '),
      count: unknown.length,
      allowed: Object.keys(columns).join(', '),
    });
  }
  if (duplicates.length > 0) return fail('ingest.csv_duplicate_columns', { columns: duplicates.map((u) => `"${u}"`).join(', ') });

  const out: { at: number; rec: SplitRecord }[] = [];
  let prevEnd = header.info.bytes;
  for (const row of rows.slice(1)) {
    const startOffset = prevEnd;
    prevEnd = row.info.bytes;
    const cells = row.record;
    if (cells.every((c) => c.trim() === '')) continue;
    const line = lineAt(startOffset);
    if (cells.length !== names.length) {
      out.push({
        at: startOffset,
        rec: {
          ref: { line },
          parseError: { key: 'ingest.csv_column_count', params: { expected: names.length, got: cells.length } },
        },
      });
      continue;
    }
    out.push({ at: startOffset, rec: { ref: { line }, raw: rowToObject(names, cells, columns) } });
  }
  for (const skip of skips) {
    const parseError: RecordParseError =
      skip.code === 'CSV_QUOTE_NOT_CLOSED'
        ? { key: 'ingest.csv_unclosed_quote', params: {} }
        : { key: 'ingest.csv_malformed_row', params: { reason: skip.message } };
    out.push({ at: skip.bytes, rec: { ref: { line: lineAt(skip.bytes) }, parseError } });
  }
  out.sort((a, b) => a.at - b.at);
  return { ok: true, format: 'csv', records: out.map((o) => o.rec) };
}

function rowToObject(names: readonly string[], cells: readonly string[], columns: CsvColumns): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const cell = (cells[i] ?? '').trim();
    if (cell === '') return;
    const value = convertCell(cell, columns[name] ?? 'string');
    const parts = name.split('.');
    let target = obj;
    for (const p of parts.slice(0, -1)) {
      const next = target[p];
      if (next !== null && typeof next === 'object') target = next as Record<string, unknown>;
      else target = target[p] = {};
    }
    target[parts.at(-1)!] = value;
  });
  return obj;
}
