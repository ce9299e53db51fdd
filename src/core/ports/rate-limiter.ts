/** Requests allowed per key (a tenant) and window; the core asks before doing work. */
export interface RateLimiter {
  /** null when allowed, else the seconds to wait */
  take(key: string): Promise<number | null>;
}
