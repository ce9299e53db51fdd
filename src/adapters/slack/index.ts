import type { Express } from 'express';
import { t, type Locale } from '../../core/i18n/index.js';
import { requestLocale, sendError } from '../http/respond.js';
import type { MountedPlatform, PlatformMountOptions } from '../platform.js';
import { SLACK_PROFILE } from './profile.js';
import { createSlackApp, SLACK_PATHS, SlackSetupError, type SlackRuntime } from './app.js';

/** /slack/events answers 503 with the reason when Slack cannot take HTTP requests here. */
function unavailable(app: Express, code: string, message: (locale: Locale) => string): void {
  app.all(SLACK_PATHS.events, (req, res) => {
    sendError(res, 503, code, message(requestLocale(req)));
  });
}

const nothing: MountedPlatform = { stop: async () => undefined, chat: SLACK_PROFILE };

/**
 * Mounts the Slack app on the service's HTTP app: Bolt over HTTP at /slack/events (signing
 * secret), or Socket Mode when SLACK_APP_TOKEN is set; one workspace (SLACK_BOT_TOKEN) or many
 * (OAuth at /slack/install with installations in MongoDB).
 */
export async function mountSlack(options: PlatformMountOptions): Promise<MountedPlatform> {
  const { app, config, logger } = options;
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    unavailable(app, 'slack_not_configured', (l) => t(l, 'slack.not_configured'));
    return nothing;
  }
  let runtime: SlackRuntime;
  try {
    runtime = createSlackApp(options);
  } catch (err) {
    if (!(err instanceof SlackSetupError)) throw err;
    logger.error({ reason: err.message }, 'slack is not usable');
    unavailable(app, 'slack_misconfigured', (l) => t(l, 'slack.misconfigured', { reason: err.message }));
    return nothing;
  }
  if (runtime.mode === 'socket') {
    unavailable(app, 'slack_socket_mode', (l) => t(l, 'slack.socket_mode'));
    // connecting may take long (or retry for a while): the service does not wait for it, and a bad
    // app token does not take it down; the log says what failed
    runtime.start().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'slack socket mode could not connect'));
  }
  logger.info({ mode: runtime.mode, workspaces: runtime.workspaces }, 'slack app mounted');
  return { stop: () => runtime.stop(), chat: runtime.chat };
}
