import { DIMENSIONS, levelDims, type DimValues, type Filters, type Level } from './dimensions.js';

/**
 * Keys inside a rollup document's `v` map: "<level>:<value>". Values are escaped so that
 * MongoDB field names never contain '.', '$', ':' or '|'.
 */
export function escapeValue(value: string): string {
  return value.replace(/[%.$:|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
export function unescapeValue(value: string): string {
  return value.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function levelKey(level: Level, dims: DimValues): string {
  const d = levelDims(dims, level);
  if (level === 'all') return 'all:*';
  if (level === 'full') return `full:${DIMENSIONS.map((k) => escapeValue(d[k])).join('|')}`;
  return `${level}:${escapeValue(d[level])}`;
}

/** Dimension values a key stands for (aggregated-away dimensions are undefined). */
export function keyDims(key: string): { level: Level; dims: Filters } {
  const sep = key.indexOf(':');
  const level = key.slice(0, sep) as Level;
  const rest = key.slice(sep + 1);
  if (level === 'all') return { level, dims: {} };
  if (level === 'full') {
    const parts = rest.split('|').map(unescapeValue);
    return { level, dims: Object.fromEntries(DIMENSIONS.map((d, i) => [d, parts[i]])) as Filters };
  }
  return { level, dims: { [level]: unescapeValue(rest) } as Filters };
}

/** Whether a key of the given level matches every filter. */
export function keyMatches(key: string, filters: Filters): boolean {
  const { dims } = keyDims(key);
  return DIMENSIONS.every((d) => filters[d] === undefined || dims[d] === filters[d]);
}
