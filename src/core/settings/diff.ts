import type { SettingsChange } from '../ports/tenants.js';

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

/** A target reads as one value ({op, value}); its KPI path has dots of its own. */
const isWhole = (path: string) => path.startsWith('targets.');

/**
 * What changed between two versions of (part of) the settings document, one entry per changed
 * leaf: objects are walked, lists and targets compared whole; absent reads as null.
 */
export function changesBetween(before: unknown, after: unknown, path = ''): SettingsChange[] {
  if (isPlain(before) && isPlain(after) && !isWhole(path)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => changesBetween(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (same(before ?? null, after ?? null)) return [];
  return [{ path, before: before ?? null, after: after ?? null }];
}
