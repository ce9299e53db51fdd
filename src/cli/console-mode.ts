import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import type { ConsoleOptions } from '../adapters/console/index.js';
import { CONSOLE_TENANT, CONSOLE_USERS } from '../adapters/console/users.js';
import type { Service } from '../service.js';
import { seedDemoOnce } from './seed-demo.js';

/**
 * The console runs when enabled (default: not in production) and Slack is not configured: the
 * service then signs its own Slack requests and sends the Slack app's Web API calls to the
 * console's emulator on its own port.
 */
export function consoleSetup(config: Config): { config: Config; console?: ConsoleOptions; reason?: string } {
  const enabled = config.CONSOLE_ENABLED ? config.CONSOLE_ENABLED === 'true' : config.NODE_ENV !== 'production';
  if (!enabled) return { config };
  if (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID) {
    return { config, reason: 'the console is off because Slack is configured (it would need to sign requests as your Slack app)' };
  }
  const base = `http://127.0.0.1:${config.PORT}`;
  const secret = randomBytes(24).toString('hex');
  return {
    config: { ...config, SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-console', SLACK_API_URL: `${base}/console/slack/api/` },
    console: { base, slackSigningSecret: secret },
  };
}

/** The console's tenant: its supervisor, and demo data the first time. */
export async function prepareConsoleTenant(service: Service): Promise<boolean> {
  await service.deps.tenants.update(CONSOLE_TENANT, { supervisorIds: [CONSOLE_USERS[0].slackId, CONSOLE_USERS[0].teamsId] });
  return seedDemoOnce(service, CONSOLE_TENANT);
}
