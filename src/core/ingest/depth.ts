/**
 * How deep input may nest. Code that walks a value recursively (cleaning, validation messages,
 * JSON.stringify, BSON) overflows the stack somewhere past a few thousand levels, so every
 * boundary checks this first, without recursion itself.
 */

/** Our own shapes need 4 levels; the deepest real Slack/Teams payloads measured need 8. */
export const MAX_DEPTH = 32;

export interface DepthOptions {
  /** also look inside strings that hold JSON (button values, modal metadata) */
  embeddedJson?: boolean;
}

/** True when `value` has arrays/objects nested more than `max` levels deep (a scalar has none). */
export function nestsDeeperThan(value: unknown, max = MAX_DEPTH, o: DepthOptions = {}): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (o.embeddedJson && textNestsDeeperThan(v, max)) return true;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}

/** Starts with `[` or `{` and ends with `]` or `}` (spaces aside): worth measuring. */
function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return /^[[{]/.test(t) && /[\]}]$/.test(t);
}

/**
 * The same for JSON text, read without parsing it: brackets outside string literals. Text that
 * is not JSON is measured all the same (it is refused elsewhere anyway).
 */
export function textNestsDeeperThan(text: string, max = MAX_DEPTH): boolean {
  if (!looksLikeJson(text)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
