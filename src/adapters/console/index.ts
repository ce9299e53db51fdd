/**
 * The local console (/console): a chat-like page to try every command, button, modal and card
 * without Slack or Teams. It drives the real endpoints — signed Slack requests to
 * /slack/events, Teams activities to /api/messages — and the apps' outgoing calls land in the
 * emulators (./emulators.ts), whose feed the page polls.
 */
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { createFeed } from './feed.js';
import { slackApiEmulator, teamsConnectorEmulator, type EmulatorState } from './emulators.js';
import { CONSOLE_CHANNEL, CONSOLE_TENANTS, CONSOLE_USERS, slackDmOf, teamsDmOf, userByKey, type ConsoleUser } from './users.js';
import { signSlackRequest } from './sign.js';
import { jsonBody } from '../http/json-body.js';
import type { SettingsDeps } from '../../core/settings/index.js';
import { consoleSettingsRoutes } from './settings.js';

export interface ConsoleOptions {
  /** where the service listens, as the apps must call it back (http://127.0.0.1:3000) */
  base: string;
  slackSigningSecret: string;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const platform = z.enum(['slack', 'teams']);
const common = { user: z.enum(['supervisor', 'agent', 'customer']), locale: z.enum(['pt-BR', 'en']), conversation: z.string().min(1).max(100) };
const sendSchema = z.strictObject({ platform, ...common, text: z.string().trim().min(1).max(3000) });
const actionSchema = z.discriminatedUnion('platform', [
  z.strictObject({ platform: z.literal('slack'), ...common, messageId: z.string().max(100), actionId: z.string().max(255), value: z.string().max(3000) }),
  z.strictObject({ platform: z.literal('teams'), ...common, messageId: z.string().max(100), verb: z.string().max(255), data: z.record(z.string(), z.unknown()) }),
]);
const submitSchema = z.strictObject({ platform: z.literal('slack'), user: common.user, locale: common.locale, viewId: z.string().max(50), values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))) });

let triggers = 0;
const SLACK_COMMANDS = ['kpi', 'survey', 'meeting', 'actions', 'report'];

/** "@ana", "@sofia", "@customer": the demo user meant (Slack escapes mentions; the console does it here) */
const findUser = (name: string) => CONSOLE_USERS.find((x) => x.key === name || x.slackId === name || x.name.toLowerCase().startsWith(name.toLowerCase()));

/** `settings`: the demo tenants' settings page (the same use-cases as /api/v1/settings) */
export function mountConsole(app: express.Express, o: ConsoleOptions, settings?: SettingsDeps) {
  const state: EmulatorState = { feed: createFeed(), triggers: new Map(), views: new Map(), locales: new Map() };
  app.use(slackApiEmulator(state, () => o.base));
  app.use(teamsConnectorEmulator(state));
  const router = Router();
  const json = jsonBody({ limit: '256kb' });
  const fail = (res: Response, status: number, message: string) => res.status(status).json({ error: { message } });

  const slackConversation = (u: ConsoleUser, conversation: string) => (conversation === 'DM' ? slackDmOf(u.slackId) : conversation);
  const teamsConversation = (u: ConsoleUser, conversation: string) => (conversation === 'DM' ? teamsDmOf(u.key) : conversation);
  const hook = (conversation: string, message: string, u: ConsoleUser) => `${o.base}/console/slack/hook/${encodeURIComponent(conversation)}/${encodeURIComponent(message)}/${u.key}`;
  const trigger = (u: ConsoleUser, conversation: string) => {
    const id = `console.${++triggers}.${Date.now()}`;
    state.triggers.set(id, { user: u.key, conversation });
    return id;
  };
  const toSlack = (body: string) => fetch(`${o.base}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(o.slackSigningSecret, body) } });
  const activity = (u: ConsoleUser, conversation: string, locale: string, extra: Record<string, unknown>) => ({
    id: `console-${++triggers}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${o.base}/console/teams`,
    channelId: 'msteams',
    from: { id: `29:${u.key}`, aadObjectId: u.teamsId, name: u.name.replace(/ \(.*\)$/, '') },
    conversation: { id: conversation, tenantId: CONSOLE_TENANTS.teams, conversationType: conversation.startsWith('a:') ? 'personal' : 'channel' },
    recipient: { id: '28:console-bot', name: 'CS Ops Bot' },
    channelData: { tenant: { id: CONSOLE_TENANTS.teams } },
    locale,
    ...extra,
  });
  const toTeams = (body: unknown) => fetch(`${o.base}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  router.get('/console/api/session', (_req, res) => {
    res.json({
      tenants: CONSOLE_TENANTS,
      users: CONSOLE_USERS.map((u) => ({ key: u.key, name: u.name, slackId: u.slackId, teamsId: u.teamsId })),
      conversations: [{ id: CONSOLE_CHANNEL, name: '#cs-ops' }, { id: 'DM', name: 'DM' }],
    });
  });

  router.get('/console/api/feed', (req, res) => {
    res.json(state.feed.since(Number(req.query['since'] ?? 0) || 0));
  });

  router.post('/console/api/send', ...json, async (req: Request, res: Response) => {
    const parsed = sendSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'platform, user, locale, conversation and text are required');
    const { text, locale } = parsed.data;
    const u = userByKey(parsed.data.user)!;
    state.locales.set(u.key, locale);
    if (parsed.data.platform === 'slack') {
      const m = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
      if (!m) return fail(res, 400, 'In Slack, commands start with a slash: /kpi semana, /survey send csat @ana, /meeting new, /report preview');
      // only the manifest's commands exist in Slack (manifests/slack/manifest.json)
      if (!SLACK_COMMANDS.includes(m[1]!)) return fail(res, 400, `Slack has no /${m[1]!} command here. Try ${SLACK_COMMANDS.map((c) => `/${c}`).join(', ')} (/kpi help explains them).`);
      const conversation = slackConversation(u, parsed.data.conversation);
      const body = new URLSearchParams({
        token: 'console', team_id: CONSOLE_TENANTS.slack, team_domain: 'demo', channel_id: conversation, channel_name: 'cs-ops', user_id: u.slackId, user_name: u.key,
        command: `/${m[1]!}`, text: m[2]!.replace(/@(\w+)/g, (w, name: string) => { const target = findUser(name); return target ? `<@${target.slackId}|${name}>` : w; }),
        api_app_id: 'ACONSOLE', response_url: hook(conversation, 'new', u), trigger_id: trigger(u, conversation),
      }).toString();
      const answer = await toSlack(body);
      return answer.ok ? res.status(202).json({ ok: true }) : fail(res, 502, `The Slack endpoint answered ${answer.status}.`);
    }
    const conversation = teamsConversation(u, parsed.data.conversation);
    // "@ana" in the console becomes a Teams mention of that demo user
    const entities: unknown[] = [];
    const withMentions = text.replace(/^\//, '').replace(/@(\w+)/g, (w, name: string) => {
      const target = findUser(name);
      if (!target) return w;
      const tag = `<at>${target.name.replace(/ \(.*\)$/, '')}</at>`;
      entities.push({ type: 'mention', text: tag, mentioned: { id: target.teamsId, name: target.name.replace(/ \(.*\)$/, '') } });
      return tag;
    });
    const answer = await toTeams(activity(u, conversation, locale, { type: 'message', text: withMentions, entities }));
    return answer.ok ? res.status(202).json({ ok: true }) : fail(res, 502, `The Teams endpoint answered ${answer.status}.`);
  });

  router.post('/console/api/action', ...json, async (req: Request, res: Response) => {
    const parsed = actionSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'not a valid action');
    const a = parsed.data;
    const u = userByKey(a.user)!;
    state.locales.set(u.key, a.locale);
    if (a.platform === 'slack') {
      const conversation = slackConversation(u, a.conversation);
      const latest = state.feed.latest('slack', a.messageId);
      const payload = {
        type: 'block_actions', user: { id: u.slackId, username: u.key, team_id: CONSOLE_TENANTS.slack }, api_app_id: 'ACONSOLE', token: 'console',
        container: { type: 'message', message_ts: a.messageId, channel_id: conversation, is_ephemeral: latest?.kind === 'ephemeral' },
        trigger_id: trigger(u, conversation), team: { id: CONSOLE_TENANTS.slack, domain: 'demo' }, enterprise: null, is_enterprise_install: false,
        channel: { id: conversation, name: 'cs-ops' },
        message: { type: 'message', ts: a.messageId, text: '', blocks: (latest?.payload as { blocks?: unknown[] } | undefined)?.blocks ?? [] },
        state: { values: {} }, response_url: hook(conversation, a.messageId, u),
        actions: [{ action_id: a.actionId, block_id: 'console', text: { type: 'plain_text', text: '' }, value: a.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
      };
      const answer = await toSlack(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      return res.status(answer.ok ? 200 : 502).json({ ok: answer.ok });
    }
    const conversation = teamsConversation(u, a.conversation);
    const answer = await toTeams(activity(u, conversation, a.locale, { type: 'invoke', name: 'adaptiveCard/action', replyToId: a.messageId, value: { action: { type: 'Action.Execute', verb: a.verb, data: a.data }, trigger: 'manual' } }));
    const reply = (await answer.json().catch(() => ({}))) as { type?: string; value?: unknown };
    // Teams replaces the card with the invoke's answer; a text answer shows beside it
    if (reply.type === 'application/vnd.microsoft.card.adaptive') {
      state.feed.add({ kind: 'update', platform: 'teams', conversation, id: a.messageId, payload: { attachments: [{ contentType: reply.type, content: reply.value }] } });
    } else if (typeof reply.value === 'string') {
      state.feed.add({ kind: 'ephemeral', platform: 'teams', conversation, id: `note-${++triggers}`, forUser: u.key, payload: { text: reply.value } });
    }
    return res.json({ ok: answer.ok });
  });

  router.post('/console/api/submit', ...json, async (req: Request, res: Response) => {
    const parsed = submitSchema.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'not a valid form');
    const view = state.views.get(parsed.data.viewId);
    const u = userByKey(parsed.data.user)!;
    if (!view || view.user !== u.key) return fail(res, 404, 'this form is closed');
    const payload = {
      type: 'view_submission', team: { id: CONSOLE_TENANTS.slack, domain: 'demo' }, user: { id: u.slackId, team_id: CONSOLE_TENANTS.slack }, api_app_id: 'ACONSOLE', token: 'console', trigger_id: trigger(u, 'modal'),
      view: { id: parsed.data.viewId, type: 'modal', team_id: CONSOLE_TENANTS.slack, callback_id: view.callbackId, private_metadata: view.privateMetadata, state: { values: parsed.data.values } },
    };
    const answer = await toSlack(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    const text = await answer.text();
    const errors = text ? ((JSON.parse(text) as { errors?: Record<string, string> }).errors ?? null) : null;
    if (!errors) state.views.delete(parsed.data.viewId);
    return res.json(errors ? { errors } : { ok: true });
  });

  if (settings) router.use(consoleSettingsRoutes(settings));
  router.get('/console', (_req, res) => res.sendFile(`${ROOT}console/index.html`));
  router.use('/console/assets', express.static(`${ROOT}console`, { fallthrough: false }));
  router.get('/console/vendor/adaptivecards.js', (_req, res) => res.sendFile(`${ROOT}node_modules/adaptivecards/dist/adaptivecards.min.js`));
  router.get('/console/vendor/chart.js', (_req, res) => res.sendFile(`${ROOT}node_modules/chart.js/dist/chart.umd.min.js`));
  router.get('/console/vendor/json5.js', (_req, res) => res.sendFile(`${ROOT}node_modules/json5/dist/index.min.js`));
  app.use(router);
  return { feed: state.feed };
}
