import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import type { ConsoleOptions } from '../adapters/console/index.js';

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
