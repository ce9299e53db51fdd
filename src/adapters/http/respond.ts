import type { Request, Response } from 'express';
import { asUnavailable, isDomainError, RateLimitError, UnavailableError, type DomainError } from '../../core/errors.js';
import { t, toLocale, type Locale } from '../../core/i18n/index.js';
import type { Logger } from '../../infra/observability/logger.js';

/** API answers default to English unless the client asks for pt-BR (Accept-Language). */
export const requestLocale = (req: Request): Locale => toLocale(req.get('accept-language'), 'en');

const STATUS: Record<DomainError['code'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  platform: 502,
};

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** The one translator from domain errors to HTTP answers. */
export function sendDomainError(req: Request, res: Response, cause: unknown, log: Logger): void {
  const locale = requestLocale(req);
  // MongoDB away: 503 with Retry-After, the client sends again (ingest batches are finished either way)
  const err = asUnavailable(cause) ?? cause;
  if (err !== cause) log.warn({ err: (cause as Error).message }, 'database unavailable');
  if (isDomainError(err)) {
    if (err instanceof RateLimitError || err instanceof UnavailableError) res.set('Retry-After', String(err.retryAfterSeconds));
    const details = 'details' in err && Array.isArray(err.details) && err.details.length > 0 ? err.details : undefined;
    sendError(res, STATUS[err.code], err.code, t(locale, err.messageKey, err.params), details);
    return;
  }
  log.error({ err }, 'unhandled error');
  sendError(res, 500, 'internal', t(locale, 'error.internal'));
}
