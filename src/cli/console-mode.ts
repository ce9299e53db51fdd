import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config/index.js';
import type { ConsoleOptions } from '../adapters/console/index.js';
import { CONSOLE_TENANTS, CONSOLE_USERS } from '../adapters/console/users.js';
import type { Service } from '../service.js';
import { seedDemoOnce } from './seed-demo.js';

export interface ConsoleSetup {
  config: Config;
  console?: ConsoleOptions;
  /** why the console is off, or what it turned on: logged at start */
  notes: string[];
}

/**
 * The console runs when enabled (default: not in production; refused there) and Slack is not
 * configured: the service then signs its own Slack requests and sends the Slack app's Web API
 * calls to the console's emulator on its own port. Its Teams look posts activities with no
 * Bot Framework token, so without Teams credentials it turns on TEAMS_ALLOW_UNAUTHENTICATED
 * (and says so); the server then listens on 127.0.0.1 unless HOST is set.
 */
export function consoleSetup(config: Config): ConsoleSetup {
  const enabled = config.CONSOLE_ENABLED ? config.CONSOLE_ENABLED === 'true' : config.NODE_ENV !== 'production';
  if (!enabled) return { config, notes: [] };
  if (config.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: CONSOLE_ENABLED=true is refused in production (NODE_ENV=production).');
  if (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID) {
    return { config, notes: ['the console is off because Slack is configured (it would need to sign requests as your Slack app)'] };
  }
  const base = `http://127.0.0.1:${config.PORT}`;
  const secret = randomBytes(24).toString('hex');
  const teams = config.TEAMS_CLIENT_ID
    ? { notes: ['the console’s Teams look does not work: TEAMS_CLIENT_ID is set, so /api/messages wants Bot Framework tokens the console cannot sign'], config: {} }
    : { notes: ['console: Teams accepts unauthenticated activities on /api/messages for the console’s Teams look (TEAMS_ALLOW_UNAUTHENTICATED=true, development only)'], config: { TEAMS_ALLOW_UNAUTHENTICATED: 'true' as const } };
  return {
    config: { ...config, ...teams.config, SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-console', SLACK_API_URL: `${base}/console/slack/api/` },
    console: { base, slackSigningSecret: secret },
    notes: teams.notes,
  };
}

/** The console's tenants (one per look): its supervisor, and demo data the first time. */
export async function prepareConsoleTenant(service: Service): Promise<boolean> {
  const sofia = CONSOLE_USERS[0];
  let seeded = false;
  for (const [tenantId, userId] of [[CONSOLE_TENANTS.slack, sofia.slackId], [CONSOLE_TENANTS.teams, sofia.teamsId]] as const) {
    const { roles } = await service.deps.tenants.get(tenantId);
    await service.deps.tenants.update(tenantId, { roles: { admins: [...new Set([...roles.admins, userId])], supervisors: [...new Set([...roles.supervisors, userId])] } });
    if (await seedDemoOnce(service, tenantId)) seeded = true;
  }
  return seeded;
}
