import { App, webApi, type AnyMiddlewareArgs, type Authorize, type Middleware } from '@slack/bolt';
import type { Config } from '../../config/index.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import { PlatformError } from '../../core/errors.js';
import { DataKeyError } from '../../infra/security/key-ring.js';
import type { Logger } from '../../infra/observability/logger.js';
import type { PlatformMountOptions } from '../platform.js';
import { createContextResolver, errorCode } from './context.js';
import type { SlackDeps } from './deliver.js';
import { createInstallationStore, type SlackInstallationStore } from './installation-store.js';
import { withInstallerAdmin } from './installer-admin.js';
import { appHomeOpened } from './listeners/app-home.js';
import { appUninstalled } from './listeners/app-uninstalled.js';
import { cardActions } from './listeners/card-actions.js';
import { helpCommand, OTHER_COMMANDS } from './listeners/help-command.js';
import { kpiCommand } from './listeners/kpi-command.js';
import { appMention, directMessage } from './listeners/messages.js';
import { boltLogger } from './logger.js';
import { createSlackPlatform } from './chat-platform.js';
import { ACTION_ID_PATTERN } from './render/block-kit.js';
import { FORM_CALLBACK_ID } from './render/modal.js';
import { formSubmit } from './listeners/form-submit.js';
import { tokensRevoked } from './listeners/tokens-revoked.js';
import { refuseDeepPayloads } from './listeners/deep-payload.js';
import { SlackReceiver } from './receiver.js';
import { SETTINGS_COMMAND, settingsCommand, settingsOpenAction, settingsSubmit } from './listeners/settings.js';
import { SETTINGS_CALLBACK_ID, SETTINGS_OPEN_ACTION } from './render/settings-modal.js';

export const SLACK_PATHS = { events: '/slack/events', install: '/slack/install', redirect: '/slack/oauth_redirect' } as const;

/** Bot scopes this service uses (manifests/slack/manifest.json asks for the same). */
export const BOT_SCOPES = [
  'app_mentions:read',
  // history: only to find the bot's own post again when Slack's answer to it was lost
  'channels:history',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  // conversations.info on DMs and group DMs (where a command or a post happens)
  'im:read',
  'im:write',
  'mpim:history',
  'mpim:read',
  'usergroups:read',
  'users:read',
] as const;

/** A configuration that cannot work: the service still starts and /slack/events says why. */
export class SlackSetupError extends Error {}

export interface SlackRuntime {
  mode: 'http' | 'socket';
  workspaces: 'single' | 'oauth';
  app: App;
  chat: ChatPlatform;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Interactive answers must not wait half an hour: a few quick retries, 429s waited out. */
const clientOptionsFor = (config: Config): webApi.WebClientOptions => ({
  slackApiUrl: config.SLACK_API_URL,
  retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true },
  timeout: config.SLACK_API_TIMEOUT_MS,
});

const PROACTIVE_RETRIES = { retries: 8, factor: 2, minTimeout: 1000, maxTimeout: 30_000, randomize: true };

/** Events were acknowledged on arrival; a redelivery (X-Slack-Retry-Num) would run them twice. */
const skipEventRetries: Middleware<AnyMiddlewareArgs> = async ({ body, context, next }) => {
  if (context.retryNum !== undefined && (body as { type?: unknown }).type === 'event_callback') return;
  await next();
};

/** One workspace: the token is known, the bot's ids arrive in the background (auth.test). */
function singleWorkspace(client: webApi.WebClient, token: string, log: Logger): Authorize<boolean> {
  let identity: { botId?: string; botUserId?: string } = {};
  client.auth.test({ token }).then(
    (r) => {
      identity = { ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) };
    },
    (err: unknown) => log.warn({ err: errorCode(err) }, 'slack auth.test failed; is SLACK_BOT_TOKEN valid?'),
  );
  return async () => ({ botToken: token, ...identity });
}

/** Socket Mode with many workspaces: tokens come from installations made over HTTP. */
function fromStore(store: SlackInstallationStore): Authorize<boolean> {
  return async (source) => {
    const i = await store.fetchInstallation({ teamId: source.teamId, enterpriseId: source.enterpriseId, isEnterpriseInstall: source.isEnterpriseInstall });
    return {
      ...(i.bot?.token ? { botToken: i.bot.token } : {}),
      ...(i.bot?.id ? { botId: i.bot.id } : {}),
      ...(i.bot?.userId ? { botUserId: i.bot.userId } : {}),
    };
  };
}

function checkSetup(config: Config, socket: boolean, oauth: boolean): void {
  if (!config.SLACK_BOT_TOKEN && !oauth) throw new SlackSetupError('set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth, many workspaces)');
  if (!socket && !config.SLACK_SIGNING_SECRET) throw new SlackSetupError('SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP');
  if (!socket && oauth && !config.SLACK_STATE_SECRET) throw new SlackSetupError('SLACK_STATE_SECRET is required for OAuth installs (/slack/install)');
}

function createBoltApp(options: PlatformMountOptions, store: SlackInstallationStore, log: Logger) {
  const { config } = options;
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const oauthConfigured = Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET);
  checkSetup(config, socket, oauthConfigured);
  // over HTTP, OAuth wins when configured; Socket Mode (development) prefers the bot token
  const oauth = socket ? oauthConfigured && !config.SLACK_BOT_TOKEN : oauthConfigured;
  if (oauth && config.SLACK_BOT_TOKEN) log.warn('SLACK_BOT_TOKEN is ignored: SLACK_CLIENT_ID is set, so workspaces install through /slack/install');
  const logger = boltLogger(log);
  const clientOptions = clientOptionsFor(config);
  const token = oauth ? undefined : config.SLACK_BOT_TOKEN;
  const authorize = token ? singleWorkspace(new webApi.WebClient(undefined, { ...clientOptions, logger }), token, log) : oauth && socket ? fromStore(store) : undefined;
  const common = { logger, clientOptions, convoStore: false as const, ...(authorize ? { authorize } : {}) };

  if (socket) return { app: new App({ ...common, socketMode: true, appToken: config.SLACK_APP_TOKEN! }), mode: 'socket' as const, oauth, token };
  const receiver = new SlackReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET!,
    logger,
    endpoints: SLACK_PATHS.events,
    processBeforeResponse: false,
    ...(oauth
      ? {
          clientId: config.SLACK_CLIENT_ID!,
          clientSecret: config.SLACK_CLIENT_SECRET!,
          stateSecret: config.SLACK_STATE_SECRET!,
          installationStore: store,
          scopes: [...BOT_SCOPES],
          ...(config.PUBLIC_URL ? { redirectUri: new URL(SLACK_PATHS.redirect, config.PUBLIC_URL).href } : {}),
          // /slack/install sends the browser straight to Slack's consent screen (state cookie set)
          installerOptions: { installPath: SLACK_PATHS.install, redirectUriPath: SLACK_PATHS.redirect, directInstall: true, clientOptions },
        }
      : {}),
  }, log);
  // the receiver's routes (events, install, OAuth redirect) live on the service's own server
  options.app.use(receiver.router);
  return { app: new App({ ...common, receiver }), mode: 'http' as const, oauth, token };
}

/** Builds the Bolt app with every listener; HTTP mode mounts it on the service's Express app. */
export function createSlackApp(options: PlatformMountOptions): SlackRuntime {
  const log = options.logger.child({ component: 'slack' });
  const store = withInstallerAdmin(createInstallationStore(options.installations, options.keyRing, log), options.bot, log);
  const { app, mode, oauth, token } = createBoltApp(options, store, log);
  const deps: SlackDeps = {
    bot: options.bot,
    logger: log,
    fallbackLocale: options.config.DEFAULT_LOCALE,
    ...(options.settings ? { settings: options.settings } : {}),
    resolveContext: createContextResolver({ tenants: options.tenants, isSupervisor: options.isSupervisor, supervisorIdsIn: options.supervisorIdsIn ?? (() => []), now: options.now, logger: log, ...(options.localeCacheMs !== undefined ? { localeCacheMs: options.localeCacheMs } : {}) }),
  };
  app.use(refuseDeepPayloads(log));
  app.use(skipEventRetries);
  app.command('/kpi', kpiCommand(deps));
  for (const name of OTHER_COMMANDS) app.command(name, helpCommand(deps));
  app.command(SETTINGS_COMMAND, settingsCommand(deps));
  app.action({ type: 'block_actions', action_id: SETTINGS_OPEN_ACTION }, settingsOpenAction(deps));
  app.view(SETTINGS_CALLBACK_ID, settingsSubmit(deps));
  app.action({ type: 'block_actions', action_id: ACTION_ID_PATTERN }, cardActions(deps));
  app.view(FORM_CALLBACK_ID, formSubmit(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  app.event('app_mention', appMention(deps));
  app.message(directMessage(deps));
  if (oauth) app.event('app_uninstalled', appUninstalled(store, log));
  app.event('tokens_revoked', tokensRevoked(oauth ? store : null, log));
  app.error(async (error) => {
    log.warn({ err: errorCode(error.original ?? error) }, 'slack listener failed');
  });

  const tokenFor = async (tenantId: string) => {
    if (token) return token;
    try {
      return (await store.fetchByTenant(tenantId))?.bot?.token ?? null;
    } catch (e) {
      // a token sealed under a data key this server lacks: a failure with a code, logged by the store
      throw e instanceof DataKeyError ? new PlatformError(e.code) : e;
    }
  };
  return {
    mode,
    workspaces: oauth ? 'oauth' : 'single',
    app,
    // proactive posts (reports, surveys, alerts) nobody waits for: more patience with rate limits
    chat: createSlackPlatform(new webApi.WebClient(undefined, { ...clientOptionsFor(options.config), retryConfig: PROACTIVE_RETRIES, logger: boltLogger(log) }), tokenFor, {
      // keyed posts retry themselves: they look for the message before posting again
      client: new webApi.WebClient(undefined, { ...clientOptionsFor(options.config), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(log) }),
      warn: (code) => log.warn({ code }, 'a post whose outcome was unknown is sent again: the conversation cannot be read (history scope)'),
    }),
    start: async () => {
      if (mode === 'socket') await app.start();
    },
    stop: async () => {
      if (mode === 'socket') await app.stop();
    },
  };
}
