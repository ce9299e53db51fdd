import { z } from 'zod';
import { isTeamsTenantId } from '../core/domain/tenant.js';
import { parseSupervisorIds } from './roles.js';

const intIn = (min: number, max: number) =>
  z.coerce.number({ message: `must be an integer between ${min} and ${max}` }).int(`must be an integer between ${min} and ${max}`).min(min, `must be an integer between ${min} and ${max}`).max(max, `must be an integer between ${min} and ${max}`);

const isZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const url = z.url({ message: 'must be an absolute http(s) URL' });

/** "tenant:key,tenant2:key2" — keys for development and tests; stored hashed at start-up. */
const apiKeys = z
  .string()
  .transform((s, ctx) => {
    const pairs: { tenantId: string; key: string }[] = [];
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf(':');
      if (i <= 0 || i === part.length - 1) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of tenant:key pairs' });
        return z.NEVER;
      }
      if (part.slice(i + 1).length < 16) {
        ctx.addIssue({ code: 'custom', message: 'each key must be at least 16 characters long' });
        return z.NEVER;
      }
      pairs.push({ tenantId: part.slice(0, i), key: part.slice(i + 1) });
    }
    return pairs;
  });

/**
 * "kid:base64,kid2:base64" — 32-byte AES keys for secrets at rest; the first encrypts, every one
 * decrypts (rotation: put a new key first, keep the old ones after it). Messages never quote it.
 */
const dataKeys = z.string().transform((s, ctx) => {
  const keys: { kid: string; key: Buffer }[] = [];
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return fail('must list at least one kid:base64 key');
  for (const [n, part] of parts.entries()) {
    const i = part.indexOf(':');
    const kid = part.slice(0, i);
    const b64 = part.slice(i + 1);
    if (i <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) return fail(`entry ${n + 1} must be kid:base64, the kid made of 1-32 letters, digits, _ or -`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64) || Buffer.from(b64, 'base64').length !== 32) return fail(`entry ${n + 1} must hold a 32-byte key in base64 (e.g. openssl rand -base64 32)`);
    if (keys.some((k) => k.kid === kid)) return fail(`entry ${n + 1} repeats a key id; each kid must be unique`);
    keys.push({ kid, key: Buffer.from(b64, 'base64') });
  }
  return keys;
});

const list = z.string().transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean));
const flag = z.enum(['true', 'false'], { message: 'must be true or false' });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: intIn(0, 65535).default(3000),
  /** unset: 0.0.0.0, or 127.0.0.1 while anything unauthenticated runs (the console, TEAMS_ALLOW_UNAUTHENTICATED) */
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: url.optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a MongoDB connection string (mongodb://host:port/db)')
    .optional(),
  API_KEYS: apiKeys.default([]),
  /** encrypts stored secrets (Slack tokens, webhook secrets, the link key); required in production */
  DATA_KEYS: dataKeys.optional(),
  BODY_LIMIT_BYTES: intIn(1024, 1024 ** 3).default(10 * 1024 * 1024),
  DEFAULT_TIMEZONE: z.string().refine(isZone, 'must be an IANA time zone such as America/Sao_Paulo').default('America/Sao_Paulo'),
  DEFAULT_LOCALE: z.enum(['pt-BR', 'en'], { message: 'must be pt-BR or en' }).default('pt-BR'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SLACK_API_URL: url.default('https://slack.com/api/'),
  SLACK_API_TIMEOUT_MS: intIn(100, 120_000).default(10_000),
  TEAMS_CLIENT_ID: z.string().min(1).optional(),
  TEAMS_CLIENT_SECRET: z.string().min(1).optional(),
  TEAMS_TENANT_ID: z.string().refine(isTeamsTenantId, "must be the bot's Microsoft Entra tenant id (a GUID)").optional(),
  /** Teams requests without a Bot Framework token (Agents Playground, the console); never in production */
  TEAMS_ALLOW_UNAUTHENTICATED: flag.default('false'),
  /** user ids, or tenant-scoped `<tenant>:<user>` (T0123:U1, <tenant guid>:<AAD object id>) */
  SUPERVISOR_IDS: list.default([]).refine((ids) => parseSupervisorIds(ids).bad === undefined, 'must be user ids or tenant:user pairs separated by commas'),
  /** a separate listener for /metrics only (unset: none) */
  METRICS_PORT: intIn(0, 65535).optional(),
  /** /metrics on the public port with "Authorization: Bearer <token>" (unset: not served there) */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  QUICKCHART_BASE_URL: url.default('https://quickchart.io'),
  /** quickchart: image URLs of QuickChart; local: PNGs drawn by the service (needs PUBLIC_URL) */
  CHART_RENDERER: z.enum(['quickchart', 'local'], { message: 'must be quickchart or local' }).default('quickchart'),
  /** the local console at /console (default: on except in production) */
  CONSOLE_ENABLED: flag.optional(),
  /** REST API requests per API key (tenant) and minute, per instance */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** commands and button clicks per workspace (tenant) and minute, per instance */
  WORKSPACE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** report webhooks may use plain http and private addresses (tools inside the network, tests) */
  WEBHOOK_ALLOW_PRIVATE: flag.default('false'),
  /** shortest interval between two runs of one report schedule */
  REPORT_MIN_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
});

export type Config = z.infer<typeof configSchema>;

/**
 * NODE_ENV when unset, from the entry point: compiled code (`node dist/main.js`, the Docker
 * image) runs as production, the TypeScript source (`npm start`, tsx) as development — so a
 * deployment never gets development's conveniences (the console, unauthenticated Teams) by
 * forgetting a variable.
 */
export const defaultNodeEnv = (entryUrl: string): 'development' | 'production' => (entryUrl.endsWith('.ts') ? 'development' : 'production');

export class ConfigError extends Error {}

/** Parses the environment once. The first problem becomes one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return crossCheck(parsed.data);
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const got = present[name];
  const shown = got === undefined ? 'it is missing' : name.match(/SECRET|TOKEN|KEYS|URI/) ? 'got a value that does not fit' : `got "${got}"`;
  throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (${shown}).`);
}

function crossCheck(c: Config): Config {
  const need = (cond: boolean, message: string) => {
    if (!cond) throw new ConfigError(`Invalid configuration: ${message}.`);
  };
  need(!(c.SLACK_CLIENT_ID && !c.SLACK_CLIENT_SECRET), 'SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set');
  need(!(c.TEAMS_CLIENT_ID && !c.TEAMS_CLIENT_SECRET), 'TEAMS_CLIENT_SECRET is required when TEAMS_CLIENT_ID is set');
  need(!((c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN), 'SLACK_SIGNING_SECRET is required to receive Slack requests over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  // nothing unauthenticated in production, even when asked for
  const prod = c.NODE_ENV === 'production';
  need(!(prod && c.TEAMS_ALLOW_UNAUTHENTICATED === 'true'), 'TEAMS_ALLOW_UNAUTHENTICATED=true is refused in production (NODE_ENV=production); set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET so Teams requests are authenticated');
  need(!(prod && c.CONSOLE_ENABLED === 'true'), 'CONSOLE_ENABLED=true is refused in production (NODE_ENV=production); the console signs its own Slack and Teams requests');
  need(!(c.TEAMS_CLIENT_ID && c.TEAMS_ALLOW_UNAUTHENTICATED === 'true'), 'TEAMS_ALLOW_UNAUTHENTICATED=true cannot be combined with TEAMS_CLIENT_ID (with a client id every Teams request must carry a Bot Framework token); unset one of them');
  need(!(c.NODE_ENV === 'production' && !c.MONGODB_URI), 'MONGODB_URI is required in production (e.g. mongodb://mongo:27017/csops)');
  need(!(c.NODE_ENV === 'production' && !c.DATA_KEYS), 'DATA_KEYS is required in production to encrypt stored secrets (kid:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32); npm run compose:env writes one)');
  return c;
}
