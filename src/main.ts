import { ConfigError, defaultNodeEnv, loadConfig, type Config } from './config/index.js';
import { createLogger } from './infra/observability/logger.js';
import { createService } from './service.js';
import { resolveMongoUri } from './cli/mongo-uri.js';
import { consoleSetup, prepareConsoleTenant } from './cli/console-mode.js';
import { logUnhandledRejections, runInBackground } from './cli/background.js';

async function main() {
  let config: Config;
  try {
    // libraries read it too (Express, the Teams SDK)
    process.env['NODE_ENV'] ||= defaultNodeEnv(import.meta.url);
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const mongoUri = await resolveMongoUri(config);
  const setup = consoleSetup(config);
  for (const note of setup.notes) logger.info(note);
  const service = await createService({ config: setup.config, mongoUri, logger, ...(setup.console ? { console: setup.console } : {}) });
  const { url } = await service.start();
  process.stdout.write(`cs-ops-bot listening on ${url}\n`);
  // from here on nothing may end the process but a signal
  logUnhandledRejections(logger);
  const stopping = new AbortController();
  if (setup.console) {
    process.stdout.write(`console: ${url}/console\n`);
    void runInBackground('demo data', async () => {
      if (await prepareConsoleTenant(service)) process.stdout.write('demo data seeded (90 days)\n');
    }, { logger, signal: stopping.signal });
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopping.abort();
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${(e as Error).message}\n`);
  }
  process.exit(1);
});
