/** Building blocks shared by the interaction and survey-response input schemas. */
import { z } from 'zod';
import { MAX_DEPTH } from './depth.js';
import { withoutMentionMarks } from '../cards/card.js';

export const DAY_MS = 86_400_000;
/** Earliest accepted date-time: catches "0001-01-01T00:00:00Z"-style sentinels from other systems. */
export const MIN_YEAR = 1970;

export type DateTimeParse = { ok: true; date: Date } | { ok: false; key: string };

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

/**
 * Strict ISO 8601 / RFC 3339 date-time: `YYYY-MM-DDThh:mm[:ss[.fff]]` followed by `Z` or an offset
 * (`-03:00` / `-0300`). `T` may be a space. Calendar fields are checked (no 2026-02-30, no 25:00);
 * a time without zone is rejected on purpose, since it would be read in an arbitrary server zone.
 */
export function parseIsoDateTime(text: string): DateTimeParse {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return { ok: false, key: 'ingest.invalid_datetime' };
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, oms] = m;
  if (!zulu && !sign) return { ok: false, key: 'ingest.datetime_no_zone' };
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  const oh = ohs === undefined ? 0 : Number(ohs);
  const om = oms === undefined ? 0 : Number(oms);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) {
    return { ok: false, key: 'ingest.datetime_nonexistent' };
  }
  if (y < MIN_YEAR) return { ok: false, key: 'ingest.datetime_too_old' };
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const offsetMin = sign ? (sign === '-' ? -1 : 1) * (oh * 60 + om) : 0;
  return { ok: true, date: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000) };
}

/** zod schema: ISO date-time string → Date (see parseIsoDateTime). */
export const isoDateTime = z.string().transform((text, ctx) => {
  const r = parseIsoDateTime(text);
  if (r.ok) return r.date;
  ctx.addIssue({ code: 'custom', message: r.key, params: { min: MIN_YEAR } });
  return z.NEVER;
});

/** Integration source id: lower-cased, [a-z0-9_.-], 1..50 chars. */
export const sourceSchema = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().min(1).max(50).regex(/^[a-z0-9_.-]+$/, 'ingest.invalid_source'))
  .default('api');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' ? undefined : s;
  }
  if (value === null) return undefined;
  // deeper than any field of ours: left as it is for the schema to refuse, never walked
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1)).filter((v) => v !== undefined);
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, clean(v, depth + 1)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/**
 * Input normalisation before schema validation (never mutates its argument): strings trimmed;
 * blank strings and nulls treated as absent; blank list items dropped; nested objects left empty
 * by that dropped. A non-object record is returned unchanged (the schema rejects it).
 */
export function cleanRecord(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  return clean(raw, 0) ?? {};
}

/** Free text shown on cards (names, comments, causes): without mention marks (cards/card.ts). */
export const shownText = (max: number) => z.string().max(max).transform(withoutMentionMarks);
export const optionalText = (max: number) => shownText(max).optional();
