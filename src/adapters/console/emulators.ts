/**
 * Stand-ins for Slack's Web API and Teams' Bot Connector, so that the console runs the real
 * Bolt and Teams SDK apps with no network: what the apps send lands in the console's feed.
 */
import express, { Router } from 'express';
import type { Feed } from './feed.js';
import { CONSOLE_TENANTS, slackDmOf, teamsDmOf, userBySlackId, userByTeamsId } from './users.js';

export interface EmulatorState {
  feed: Feed;
  /** trigger_id → who clicked where (modals open for them) */
  triggers: Map<string, { user: string; conversation: string }>;
  /** open Slack modals by view id */
  views: Map<string, { user: string; callbackId: string; privateMetadata: string }>;
  /** language each console user picked last */
  locales: Map<string, string>;
}

let counter = 0;
const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
const decode = (args: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? safeJson(v) : v]));
function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** A user id (or a D… channel) → the conversation the console shows. */
const slackConversation = (channel: string) => (userBySlackId(channel) ? slackDmOf(channel) : channel);

export function slackApiEmulator(state: EmulatorState, base: () => string): Router {
  const router = Router();
  const body = [express.urlencoded({ extended: false, limit: '5mb' }), express.json({ limit: '5mb' })];
  router.post('/console/slack/upload/:file', express.raw({ type: () => true, limit: '5mb' }), (_req, res) => {
    res.send('OK');
  });
  router.post('/console/slack/api/:method', ...body, (req, res) => {
    const args = decode((req.body ?? {}) as Record<string, unknown>);
    const channel = slackConversation(String(args['channel'] ?? args['channel_id'] ?? ''));
    const payload = { text: args['text'] ?? '', blocks: args['blocks'] ?? [] };
    switch (req.params['method']) {
      case 'auth.test':
        return res.json({ ok: true, team_id: CONSOLE_TENANTS.slack, user_id: 'UBOT', bot_id: 'BBOT', url: 'https://console.local/' });
      case 'chat.postMessage': {
        const ts = nextTs();
        state.feed.add({ kind: 'message', platform: 'slack', conversation: channel, id: ts, payload });
        return res.json({ ok: true, channel, ts });
      }
      case 'chat.update':
        state.feed.add({ kind: 'update', platform: 'slack', conversation: channel, id: String(args['ts']), payload });
        return res.json({ ok: true, channel, ts: args['ts'] });
      case 'chat.postEphemeral': {
        const user = userBySlackId(String(args['user']))?.key;
        state.feed.add({ kind: 'ephemeral', platform: 'slack', conversation: channel, id: nextTs(), ...(user ? { forUser: user } : {}), payload });
        return res.json({ ok: true, message_ts: nextTs() });
      }
      case 'views.open': {
        const trigger = state.triggers.get(String(args['trigger_id']));
        const view = args['view'] as { callback_id?: string; private_metadata?: string };
        const id = `V${++counter}`;
        if (!trigger) return res.json({ ok: false, error: 'expired_trigger_id' });
        state.views.set(id, { user: trigger.user, callbackId: view.callback_id ?? '', privateMetadata: view.private_metadata ?? '' });
        state.feed.add({ kind: 'modal', platform: 'slack', conversation: trigger.conversation, id, forUser: trigger.user, payload: view });
        return res.json({ ok: true, view: { id } });
      }
      case 'users.info': {
        const user = userBySlackId(String(args['user']));
        return res.json({ ok: true, user: { id: args['user'], locale: user ? (state.locales.get(user.key) ?? user.locale) : 'en-US' } });
      }
      case 'conversations.info':
        return res.json({ ok: true, channel: { id: args['channel'], is_member: true, is_im: String(args['channel']).startsWith('D') } });
      case 'usergroups.users.list':
        return res.json({ ok: true, users: [] });
      case 'files.getUploadURLExternal':
        return res.json({ ok: true, upload_url: `${base()}/console/slack/upload/${encodeURIComponent(String(args['filename']))}`, file_id: `F${++counter}` });
      case 'files.completeUploadExternal': {
        const files = (args['files'] as { title?: string }[] | undefined) ?? [];
        const text = `📎 ${files.map((f) => f.title ?? 'file').join(', ')}`;
        state.feed.add({ kind: 'message', platform: 'slack', conversation: channel, id: nextTs(), payload: { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] } });
        return res.json({ ok: true, files: files.map((f, i) => ({ id: `F${i}`, title: f.title })) });
      }
      default:
        return res.json({ ok: true });
    }
  });
  // response_url of a command or a click: /console/slack/hook/<conversation>/<message ts or "new">/<user key>
  router.post('/console/slack/hook/:conversation/:message/:user', express.json({ limit: '5mb' }), (req, res) => {
    const { conversation = '', message = 'new', user = '' } = req.params;
    const b = (req.body ?? {}) as { text?: string; blocks?: unknown[]; response_type?: string; replace_original?: boolean };
    const payload = { text: b.text ?? '', blocks: b.blocks ?? [] };
    if (b.replace_original && message !== 'new') state.feed.add({ kind: 'update', platform: 'slack', conversation, id: message, payload });
    else if (b.response_type === 'in_channel') state.feed.add({ kind: 'message', platform: 'slack', conversation, id: nextTs(), payload });
    else state.feed.add({ kind: 'ephemeral', platform: 'slack', conversation, id: nextTs(), forUser: user, payload });
    res.send('ok');
  });
  return router;
}

export function teamsConnectorEmulator(state: EmulatorState): Router {
  const router = Router();
  const json = express.json({ limit: '5mb' });
  router.post('/console/teams/v3/conversations', json, (req, res) => {
    const member = ((req.body as { members?: { id: string }[] }).members ?? [])[0]?.id ?? '';
    const user = userByTeamsId(member);
    res.json({ id: teamsDmOf(user?.key ?? member), activityId: '', serviceUrl: '' });
  });
  router.post('/console/teams/v3/conversations/:conversation/activities', json, (req, res) => {
    const activity = req.body as { type?: string; text?: string; attachments?: unknown[] };
    const id = `act-${++counter}`;
    if (activity.type === 'message') state.feed.add({ kind: 'message', platform: 'teams', conversation: req.params['conversation'] ?? '', id, payload: { text: activity.text, attachments: activity.attachments } });
    res.json({ id });
  });
  router.put('/console/teams/v3/conversations/:conversation/activities/:id', json, (req, res) => {
    const activity = req.body as { text?: string; attachments?: unknown[] };
    state.feed.add({ kind: 'update', platform: 'teams', conversation: req.params['conversation'] ?? '', id: req.params['id'] ?? '', payload: { text: activity.text, attachments: activity.attachments } });
    res.json({ id: req.params['id'] });
  });
  return router;
}
