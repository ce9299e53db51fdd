/**
 * Deeply nested JSON for the hostile-input tests, built as text (building it as a value and
 * stringifying it would itself overflow the stack past ~5,000 levels).
 */
export const DEPTHS = [100, 1_000, 5_000, 20_000, 100_000] as const;
export const SHAPES = ['array', 'object', 'mixed'] as const;
export type Shape = (typeof SHAPES)[number];

/** `depth` levels of `[`, `{"a":` or both alternating, around `leaf`. */
export function deepJson(depth: number, shape: Shape, leaf = '"x"'): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const array = shape === 'array' || (shape === 'mixed' && i % 2 === 0);
    open.push(array ? '[' : '{"a":');
    close.push(array ? ']' : '}');
  }
  return open.join('') + leaf + close.reverse().join('');
}

export interface DeepCase {
  depth: number;
  shape: Shape;
  json: string;
  name: string;
}

/** Every depth × shape. */
export const deepCases = (): DeepCase[] =>
  DEPTHS.flatMap((depth) => SHAPES.map((shape) => ({ depth, shape, json: deepJson(depth, shape), name: `${shape} ${depth}` })));

/** JSON text of `template` with the string "@DEEP@" replaced by `deep` (a JSON text). */
export const withDeep = (template: unknown, deep: string): string => JSON.stringify(template).replace('"@DEEP@"', deep);
export const DEEP = '@DEEP@';
