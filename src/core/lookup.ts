/**
 * A word looked up in a table of words: own entries only, so `constructor`, `__proto__` or
 * `toString` typed by someone find nothing instead of Object's own members.
 */
export const lookup = <T>(table: Readonly<Record<string, T>>, word: string): T | undefined => (Object.hasOwn(table, word) ? table[word] : undefined);
