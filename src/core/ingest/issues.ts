/**
 * Validation results shared by the ingest parsers. Issues carry an i18n key + params (catalog
 * `src/core/ingest/catalog/ingest.ts`), never final text: the HTTP/chat layer renders them with `t`.
 */
import type { z } from 'zod';

export type IssueParams = Record<string, string | number>;

/** One problem with one field of one record. `field` is a path like `customer.email` or `reopenedAt[1]`; '' = the record itself. */
export interface FieldIssue {
  field: string;
  key: string;
  params: IssueParams;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldIssue[] };

/** Longest text echoed back inside a message. */
const MAX_SHOWN = 80;

/** A value as shown inside a message: strings as-is (truncated), the rest as JSON. */
export function showValue(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === undefined) s = 'undefined';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      // too deep to stringify (String() of nested arrays recurses too)
      s = `(${describeType(value)})`;
    }
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

/** ['reopenedAt', 1] → "reopenedAt[1]"; ['customer', 'id'] → "customer.id". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, p)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

export const issue = (field: string, key: string, params: IssueParams = {}): FieldIssue => ({
  field,
  key,
  params: field === '' ? params : { field, ...params },
});

/** What a JSON value is, for "expected X, got Y" messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const EXPECTED_KEYS: Record<string, string> = {
  string: 'ingest.expected_text',
  number: 'ingest.expected_number',
  int: 'ingest.expected_number',
  boolean: 'ingest.expected_boolean',
  object: 'ingest.expected_object',
  array: 'ingest.expected_list',
};

/** Damerau-free Levenshtein distance, for "did you mean" on unknown fields. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.min(3, Math.floor(name.length / 3))) ? best : undefined;
}

/** The key names a (possibly wrapped) zod object schema accepts, for unknown-field suggestions. */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let x = s as { def?: { type?: string; innerType?: unknown; in?: unknown; out?: unknown } } | undefined;
    for (let i = 0; i < 10 && x?.def; i++) {
      const d = x.def;
      if (d.innerType) x = d.innerType as typeof x;
      else if (d.type === 'pipe') x = d.in as typeof x;
      else break;
    }
    return x;
  };
  for (const p of path) {
    const obj = unwrap(cur) as { shape?: Record<string, unknown> } | undefined;
    if (typeof p !== 'string' || !obj?.shape) return [];
    cur = obj.shape[p];
  }
  const obj = unwrap(cur) as { shape?: Record<string, unknown> } | undefined;
  return obj?.shape ? Object.keys(obj.shape) : [];
}

/**
 * Translates zod issues into FieldIssues. A check whose `message` is an `ingest.*` key uses that key
 * (so schemas can ask for a specific text); everything else is mapped by issue code.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown, schema: z.ZodType): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const zi of issues) {
    const path = zi.path;
    const field = formatPath(path);
    const value = valueAt(input, path);
    const custom = zi.message.startsWith('ingest.') ? zi.message : undefined;
    switch (zi.code) {
      case 'invalid_type': {
        if (path.length === 0) {
          out.push(issue('', 'ingest.not_object', { got: describeType(value) }));
        } else if (value === undefined) {
          out.push(issue(field, 'ingest.required'));
        } else if (zi.expected === 'int' && typeof value === 'number') {
          out.push(issue(field, 'ingest.not_integer', { value: showValue(value) }));
        } else {
          const key = custom ?? EXPECTED_KEYS[zi.expected] ?? 'ingest.invalid_value';
          out.push(issue(field, key, { value: showValue(value), got: describeType(value) }));
        }
        break;
      }
      case 'too_small': {
        const min = Number(zi.minimum);
        if (custom) out.push(issue(field, custom, { min, value: showValue(value) }));
        else if (zi.origin === 'string') out.push(issue(field, 'ingest.too_short', { min }));
        else if (zi.origin === 'array') out.push(issue(field, 'ingest.too_few', { min }));
        else if (min === 0 && zi.inclusive === false) out.push(issue(field, 'ingest.not_positive', { value: showValue(value) }));
        else out.push(issue(field, 'ingest.too_small', { min, value: showValue(value) }));
        break;
      }
      case 'too_big': {
        const max = Number(zi.maximum);
        if (custom) out.push(issue(field, custom, { max, value: showValue(value) }));
        else if (zi.origin === 'string') {
          out.push(issue(field, 'ingest.too_long', { max, length: typeof value === 'string' ? value.length : 0 }));
        } else if (zi.origin === 'array') out.push(issue(field, 'ingest.too_many', { max }));
        else out.push(issue(field, 'ingest.too_big', { max, value: showValue(value) }));
        break;
      }
      case 'invalid_format': {
        const key = custom ?? (zi.format === 'email' ? 'ingest.invalid_email' : 'ingest.invalid_value');
        out.push(issue(field, key, { value: showValue(value) }));
        break;
      }
      case 'invalid_value': {
        if (value === undefined) out.push(issue(field, 'ingest.required'));
        else {
          out.push(
            issue(field, custom ?? 'ingest.invalid_option', {
              value: showValue(value),
              allowed: zi.values.map(String).join(', '),
            }),
          );
        }
        break;
      }
      case 'unrecognized_keys': {
        const known = objectKeysAt(schema, path);
        for (const k of zi.keys) {
          const f = formatPath([...path, k]);
          const suggestion = closestName(k, known);
          out.push(
            suggestion
              ? issue(f, 'ingest.unknown_field_suggest', { suggestion })
              : issue(f, 'ingest.unknown_field', { allowed: known.join(', ') }),
          );
        }
        break;
      }
      case 'custom': {
        const params = (zi.params ?? {}) as IssueParams;
        out.push(issue(field, custom ?? 'ingest.invalid_value', { value: showValue(value), ...params }));
        break;
      }
      default:
        out.push(issue(field, custom ?? 'ingest.invalid_value', { value: showValue(value) }));
    }
  }
  return out;
}
