/**
 * A map bounded in size and time: entries expire `ttlMs` after they were set (a hit does not
 * extend them) and, beyond `max` entries, the least recently used goes first.
 */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  readonly size: number;
}

export function createBoundedCache<V>(o: { max: number; ttlMs: number; now: () => number }): BoundedCache<V> {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      if (hit.until <= o.now()) return undefined;
      // Map order is insertion order: re-inserting marks it most recently used
      entries.set(key, hit);
      return hit.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, until: o.now() + o.ttlMs });
      while (entries.size > o.max) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
