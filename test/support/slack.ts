/**
 * Slack as the tests see it: correctly signed requests of Slack's real shapes (slash command
 * form bodies, `payload=` interactivity, Events API envelopes) and a recording stand-in for the
 * Web API and response_url.
 */
import { createHmac } from 'node:crypto';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from './recording-server.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed with the signing secret. */
export function signSlack(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  secret?: string;
  /** seconds since the epoch; default now */
  timestamp?: number;
  /** overrides the computed signature (a forged request) */
  signature?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface SlackHttpResult {
  status: number;
  text: string;
  /** time until the HTTP answer (Slack's 3-second acknowledgement window) */
  ms: number;
}

export async function postSigned(url: string, body: string, o: SignedOptions = {}): Promise<SlackHttpResult> {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': o.signature ?? signSlack(o.secret ?? SIGNING_SECRET, timestamp, body),
      ...o.headers,
    },
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

export interface SlashCommand {
  token?: string;
  team_id: string;
  team_domain?: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  command: string;
  text: string;
  api_app_id?: string;
  is_enterprise_install?: boolean;
  enterprise_id?: string;
  enterprise_name?: string;
  response_url: string;
  trigger_id?: string;
}

/** The form body Slack sends for a slash command, fields in Slack's order. */
export function slashCommandBody(c: SlashCommand): string {
  const fields: [string, string | undefined][] = [
    ['token', c.token ?? 'xyzz0WbapA4vBCDEFasx0q6G'],
    ['team_id', c.team_id],
    ['team_domain', c.team_domain ?? 'testteam'],
    ['channel_id', c.channel_id],
    ['channel_name', c.channel_name ?? 'cs-ops'],
    ['user_id', c.user_id],
    ['user_name', c.user_name ?? c.user_id.toLowerCase()],
    ['command', c.command],
    ['text', c.text],
    ['api_app_id', c.api_app_id],
    ['is_enterprise_install', c.is_enterprise_install === undefined ? undefined : String(c.is_enterprise_install)],
    ['enterprise_id', c.enterprise_id],
    ['enterprise_name', c.enterprise_name],
    ['response_url', c.response_url],
    ['trigger_id', c.trigger_id ?? '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'],
  ];
  return new URLSearchParams(fields.filter((f): f is [string, string] => f[1] !== undefined)).toString();
}

export interface ButtonClick {
  team: string;
  user: string;
  channel: string;
  /** the message the button is in (its blocks as Slack stored them) */
  message: { ts: string; text: string; blocks: unknown[] };
  action: { action_id: string; block_id?: string; value?: string; text: string };
  response_url?: string;
}

/** A `block_actions` payload for a button in a channel message, shaped like Slack's. */
export function blockActionsPayload(c: ButtonClick): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: c.user, username: c.user.toLowerCase(), name: c.user.toLowerCase(), team_id: c.team },
    api_app_id: 'A111',
    token: 'verification-token',
    container: { type: 'message', message_ts: c.message.ts, channel_id: c.channel, is_ephemeral: false },
    trigger_id: '4916855695380.xxx.yyy',
    team: { id: c.team, domain: 'testteam' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: c.channel, name: 'cs-ops' },
    message: { bot_id: 'BBOT', type: 'message', text: c.message.text, user: 'UBOT', ts: c.message.ts, app_id: 'A111', blocks: c.message.blocks, team: c.team },
    state: { values: {} },
    ...(c.response_url ? { response_url: c.response_url } : {}),
    actions: [
      {
        action_id: c.action.action_id,
        block_id: c.action.block_id ?? 'blk',
        text: { type: 'plain_text', text: c.action.text, emoji: true },
        ...(c.action.value === undefined ? {} : { value: c.action.value }),
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
  };
}

/** Interactivity arrives as one form field: `payload=<url-encoded JSON>`. */
export const interactivityBody = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** An Events API envelope (`event_callback`) around an inner event. */
export function eventEnvelope(event: Record<string, unknown>, o: { team: string; enterprise?: string; orgInstall?: boolean; eventId?: string }): string {
  return JSON.stringify({
    token: 'verification-token',
    team_id: o.team,
    ...(o.enterprise ? { enterprise_id: o.enterprise } : {}),
    api_app_id: 'A111',
    event,
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: o.enterprise ?? null, team_id: o.orgInstall ? null : o.team, user_id: 'UBOT', is_bot: true, is_enterprise_install: Boolean(o.orgInstall) }],
    is_ext_shared_channel: false,
  });
}

/** A Web API call's arguments: form fields, with JSON-valued ones (blocks, view) decoded. */
export function webApiArgs(req: RecordedRequest): Record<string, unknown> {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => {
      if (typeof v === 'string' && /^[[{]/.test(v)) {
        try {
          return [k, JSON.parse(v) as unknown];
        } catch {
          return [k, v];
        }
      }
      return [k, v];
    }),
  );
}

let tsCounter = 0;
const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

export interface SlackApiOptions {
  /** users.info locale per user id; others get en-US */
  locales?: Record<string, string>;
  /** usergroups.users.list members per group id */
  groups?: Record<string, string[]>;
}

/**
 * A recording server answering like Slack's Web API under /api/ (auth.test, chat.*, users.info,
 * views.publish, usergroups.users.list) and `ok` on any other path (response_url hooks).
 */
export async function startSlackApi(o: SlackApiOptions = {}): Promise<RecordingServer & { apiUrl: string; hook(name: string): string }> {
  const server = await startRecordingServer({
    fallback: (req) => {
      const args = webApiArgs(req);
      switch (req.path) {
        case '/api/auth.test':
          return { body: { ok: true, url: 'https://testteam.slack.com/', team: 'Test team', user: 'csops', team_id: 'TA', user_id: 'UBOT', bot_id: 'BBOT' } };
        case '/api/chat.postMessage':
          return { body: { ok: true, channel: args['channel'], ts: nextTs(), message: { type: 'message', text: args['text'], bot_id: 'BBOT' } } };
        case '/api/chat.update':
          return { body: { ok: true, channel: args['channel'], ts: args['ts'], text: args['text'] } };
        case '/api/chat.postEphemeral':
          return { body: { ok: true, message_ts: nextTs() } };
        case '/api/users.info':
          return { body: { ok: true, user: { id: args['user'], locale: o.locales?.[String(args['user'])] ?? 'en-US' } } };
        case '/api/files.getUploadURLExternal':
          return { body: { ok: true, upload_url: `${server.url}/upload/${String(args['filename'])}`, file_id: `F${String(args['filename']).length}` } };
        case '/api/files.completeUploadExternal':
          return { body: { ok: true, files: [{ id: 'F1', title: 'annex' }] } };
        case '/api/conversations.info':
          // the app is a member everywhere except channels whose id says NOTIN
          return { body: { ok: true, channel: { id: args['channel'], is_member: !String(args['channel']).includes('NOTIN') } } };
        case '/api/views.publish':
          return { body: { ok: true, view: { id: 'VHOME', type: 'home' } } };
        case '/api/usergroups.users.list':
          return { body: { ok: true, users: o.groups?.[String(args['usergroup'])] ?? [] } };
        default:
          return { body: req.path.startsWith('/api/') ? { ok: true } : 'ok' };
      }
    },
  });
  return Object.assign(server, { apiUrl: `${server.url}/api/`, hook: (name: string) => `${server.url}/hooks/${name}` });
}
