import { pino, type Logger } from 'pino';

export type { Logger };

/** A platform SDK's debug line that prints a payload (bodies, activities): kept out of the logs. */
export const PAYLOAD = /\bbody\b|[{[]/i;

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
