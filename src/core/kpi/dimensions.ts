/** Rollup dimensions. A bucket is kept per level: all, each single dimension, and the full combination. */
export const DIMENSIONS = ['channel', 'team', 'agent', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimValues = Record<Dimension, string>;
export type Level = 'all' | Dimension | 'full';
export type Filters = Partial<Record<Dimension, string>>;

/** Value stored for "any" in levels that aggregate a dimension away. */
export const ANY = '*';
/** Value stored when an interaction has no team / agent / category. */
export const NONE = '-';

export const NO_DIMS: DimValues = { channel: NONE, team: NONE, agent: NONE, category: NONE };

/** Dimension values of one record as stored at each level. */
export function levelDims(dims: DimValues, level: Level): DimValues {
  if (level === 'full') return dims;
  const out: DimValues = { channel: ANY, team: ANY, agent: ANY, category: ANY };
  if (level !== 'all') out[level] = dims[level];
  return out;
}

/** The level that answers a query with these filters and this breakdown. */
export function levelFor(filters: Filters, breakdown?: Dimension): Level {
  const used = new Set<Dimension>(DIMENSIONS.filter((d) => filters[d] !== undefined));
  if (breakdown) used.add(breakdown);
  if (used.size === 0) return 'all';
  if (used.size === 1) return [...used][0]!;
  return 'full';
}

export const SINGLE_LEVELS: readonly Level[] = ['all', ...DIMENSIONS];
export const ALL_LEVELS: readonly Level[] = ['all', ...DIMENSIONS, 'full'];
