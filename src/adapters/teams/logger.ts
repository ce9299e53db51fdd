import type { ILogger, LogLevel } from '@microsoft/teams.common';
import { PAYLOAD, printable, type Logger } from '../../infra/observability/logger.js';

/** The Teams SDK logs through pino (never the console), at debug level except problems. */
export function teamsLogger(log: Logger): ILogger {
  const at = (level: LogLevel) => (...msg: unknown[]) => {
    const text = msg.map(printable).join(' ').slice(0, 500);
    if (level === 'error') log.error({ sdk: 'teams' }, text);
    else if (level === 'warn') log.warn({ sdk: 'teams' }, text);
    // debug lines may carry activities (message texts, names): payloads stay out of the logs
    else if (!PAYLOAD.test(text)) log.debug({ sdk: 'teams' }, text);
  };
  const logger: ILogger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    log: (level, ...msg) => at(level)(...msg),
    child: () => logger,
  };
  return logger;
}
