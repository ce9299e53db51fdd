/** Coded domain errors; each platform has exactly one translator into a localized message. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'conflict'
  | 'unavailable'
  | 'platform';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** i18n message key, rendered by the platform translator */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number> = {}, readonly details: string[] = []) {
    super('validation', messageKey, params);
  }
}
/**
 * Words of a command that no part of it understood: refused with those words and an example of
 * the right form (`exampleKey`, a message with {s} for the slash), shown in the user's language.
 */
export class UnknownWordsError extends ValidationError {
  constructor(readonly words: string[], readonly exampleKey: string) {
    super('bot.unknown_words', { words: quoteWords(words) });
  }
}

/** `"foo", "bar"`: at most five words of at most 40 characters each, as typed. */
function quoteWords(words: string[]): string {
  const shown = [...new Set(words)].slice(0, 5).map((w) => `"${w.length > 40 ? `${w.slice(0, 40)}…` : w}"`);
  return shown.join(', ') + (new Set(words).size > 5 ? ', …' : '');
}

export class NotFoundError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number> = {}) {
    super('not_found', messageKey, params);
  }
}
export class ForbiddenError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number> = {}) {
    super('forbidden', messageKey, params);
  }
}
export class RateLimitError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'error.rate_limited', { seconds: retryAfterSeconds });
  }
}
export class UnavailableError extends DomainError {
  constructor(readonly retryAfterSeconds = 5) {
    super('unavailable', 'error.unavailable', { seconds: retryAfterSeconds });
  }
}
export class PlatformError extends DomainError {
  constructor(readonly platformCode: string, readonly retryAfterSeconds?: number) {
    super('platform', 'error.platform', { code: platformCode });
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/**
 * The database could not be reached (stopped, restarting, network): worth a "try again in a few
 * seconds" rather than an internal error. Recognised by the driver's error names (and the bare
 * socket errors it sometimes passes on), so the core needs no driver import.
 */
const UNREACHABLE = /^(MongoServerSelectionError|MongooseServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|MongoPoolClearedError|PoolClearedOnNetworkError|MongoWaitQueueTimeoutError)$/;
const SOCKET = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);
export function asUnavailable(e: unknown): UnavailableError | null {
  if (e instanceof UnavailableError) return e;
  const { name, code } = (e ?? {}) as { name?: unknown; code?: unknown };
  if (UNREACHABLE.test(String(name)) || SOCKET.has(String(code))) return new UnavailableError();
  // a bulk write the driver cut short with a network error of its own (no write errors) wraps it
  const { writeErrors, message } = e as { writeErrors?: unknown; message?: unknown };
  const wrapped = name === 'MongoBulkWriteError' && Array.isArray(writeErrors) && writeErrors.length === 0;
  return wrapped && /connect|closed|timed out|ECONN|EPIPE|pool|server selection|network|socket/i.test(String(message)) ? new UnavailableError() : null;
}
