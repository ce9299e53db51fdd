import { pino, type Logger } from 'pino';

export type { Logger };

/** A platform SDK's debug line that prints a payload (bodies, activities): kept out of the logs. */
export const PAYLOAD = /\bbody\b|[{[]/i;

/** One argument of an SDK's log call as text; never throws (circular or too deep to stringify). */
export function printable(m: unknown): string {
  if (typeof m === 'string') return m;
  if (m instanceof Error) return m.message;
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return '[unprintable]';
  }
}

/** JSON logs; credentials and personal data fields are redacted wherever they appear. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'cs-ops-bot' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-slack-signature"]',
          '*.token',
          '*.botToken',
          '*.clientSecret',
          '*.email',
          '*.customer',
          '*.comment',
        ],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
}
