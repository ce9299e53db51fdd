import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { PAYLOAD, printable, type Logger } from '../../infra/observability/logger.js';

const LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** Bolt and the Web API client log through the service's pino logger (never the console). */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map(printable).join(' ');
  let name = 'bolt';
  return {
    // the Web API client's debug lines print request and response bodies (user ids, message
    // texts, comments): those never reach the logs
    debug: (...msg: unknown[]) => {
      const text = line(msg);
      if (!PAYLOAD.test(text)) logger.debug({ component: name }, text);
    },
    info: (...msg: unknown[]) => logger.info({ component: name }, line(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: name }, line(msg)),
    error: (...msg: unknown[]) => logger.error({ component: name }, line(msg)),
    // the level is the service's LOG_LEVEL; Bolt may ask but does not change it
    setLevel: () => undefined,
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: (n: string) => {
      name = n;
    },
  };
}
