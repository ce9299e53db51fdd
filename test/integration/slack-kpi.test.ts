/**
 * The real service with the real Bolt app over HTTP on loopback: signed Slack requests in,
 * every outgoing call (Web API, response_url) captured by a local recording server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startTestService, type TestService } from '../support/service.js';
import type { RecordedRequest } from '../support/recording-server.js';
import {
  blockActionsPayload,
  eventEnvelope,
  interactivityBody,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
  startSlackApi,
  webApiArgs,
} from '../support/slack.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; text?: { text: string } | string; action_id?: string; value?: string }[];
}
interface SlackBody {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: Block[];
}

beforeAll(async () => {
  api = await startSlackApi({ locales: { U_SUP_PT: 'pt-BR', U_AGENT_PT: 'pt-BR' }, groups: { S0SUPERVISORS: ['U_GROUP_SUP'] } });
  api.on('/api/users.info', (req) => {
    const user = String(webApiArgs(req)['user']);
    return { delayMs: user === 'U_SLOW' ? 4000 : 0, body: { ok: true, user: { id: user, locale: user.endsWith('_PT') ? 'pt-BR' : 'en-US' } } };
  });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'U_SUP,U_SUP_PT,U_SLOW,S0SUPERVISORS' },
    () => NOW,
  );
  events = `${svc.url}/slack/events`;
  const records = Array.from({ length: 24 }, (_, i) => {
    const created = NOW.getTime() - (i + 1) * 6 * 3_600_000;
    return {
      externalId: `s${i}`,
      channel: i % 3 ? 'email' : 'chat',
      customer: { id: `cust-${i}` },
      agent: { id: i % 2 ? 'U_ANA' : 'U_BRUNO' },
      team: 'billing',
      status: 'resolved',
      createdAt: new Date(created).toISOString(),
      firstResponseAt: new Date(created + 25 * 60_000).toISOString(),
      resolvedAt: new Date(created + 80 * 60_000).toISOString(),
    };
  });
  const res = await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => api.clear());

let hooks = 0;
/** A signed `/kpi …` (or other command) whose response_url points at the recording server. */
async function command(text: string, user = 'U_SUP', name = '/kpi') {
  const hook = api.hook(`commands/TA/${++hooks}`);
  const res = await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: user, command: name, text, response_url: hook }));
  return { res, hook: new URL(hook).pathname };
}
const answerAt = async (path: string, timeoutMs = 8000) => (await api.waitFor((r) => r.path === path, timeoutMs)).body as SlackBody;

const buttonsOf = (blocks: Block[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const buttonText = (e: NonNullable<Block['elements']>[number]) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? ''));
const allText = (blocks: Block[]) =>
  blocks.map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : (e.text?.text ?? '')))].join('\n')).join('\n');

/** Clicks a button of a recorded message, the way Slack posts it. */
async function click(message: SlackBody, label: RegExp, user = 'U_SUP', value?: string) {
  const button = buttonsOf(message.blocks).find((e) => label.test(buttonText(e)));
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(buttonsOf(message.blocks).map(buttonText))}`);
  const hook = api.hook(`actions/TA/${++hooks}`);
  const payload = blockActionsPayload({
    team: 'TA',
    user,
    channel: 'C_OPS',
    message: { ts: '1764082800.000100', text: message.text, blocks: message.blocks },
    action: { action_id: button.action_id!, text: buttonText(button), value: value ?? button.value! },
    response_url: hook,
  });
  const res = await postSigned(events, interactivityBody(payload));
  return { res, hook: new URL(hook).pathname };
}

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('/kpi over Slack', () => {
  it('acknowledges at once and answers the supervisor in channel with the KPI card and its buttons', async () => {
    const { res, hook } = await command('week');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.ms).toBeLessThan(3000);
    const body = await answerAt(hook);
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Customer service KPIs — This week/) } });
    expect(body.text).toMatch(/Customer service KPIs/);
    expect(allText(body.blocks)).toMatch(/\*First response \(median\)\*/);
    expect(buttonsOf(body.blocks).map(buttonText)).toEqual(['◀ Previous', 'Next ▶', 'By channel', 'By team', 'By agent', 'Refresh']);
    expect(body.blocks.some((b) => b.type === 'image')).toBe(true);
    // the user's locale came from users.info with the bot token
    const info = await api.waitFor((r) => r.path === '/api/users.info');
    expect(info.headers['authorization']).toBe('Bearer xoxb-test');
    expect(webApiArgs(info)).toMatchObject({ user: 'U_SUP', include_locale: 'true' });
  });

  it('answers in Portuguese for a pt-BR user, with command words in Portuguese', async () => {
    const { hook } = await command('semana', 'U_SUP_PT');
    const body = await answerAt(hook);
    expect(body.blocks[0]!.text!.text).toMatch(/^KPIs do atendimento — Esta semana/);
    expect(allText(body.blocks)).toMatch(/\*Resolvidos\*/);
    expect(buttonsOf(body.blocks).map(buttonText)).toContain('Próximo ▶');
  });

  it('acknowledges within 3 s even when the work behind it is slow', async () => {
    const { res, hook } = await command('week', 'U_SLOW');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000); // users.info answers only after 4 s: the ack did not wait for it
    const body = await answerAt(hook, 15_000);
    expect(body.response_type).toBe('in_channel');
  });

  it('moves to the next period in place when "Next" is clicked', async () => {
    const card = await answerAt((await command('week')).hook);
    const { res, hook } = await click(card, /^Next/);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const next = await answerAt(hook);
    expect(next.replace_original).toBe(true);
    expect(next.blocks[0]!.text!.text).toMatch(/^Customer service KPIs — /);
    expect(next.blocks[0]!.text!.text).not.toBe(card.blocks[0]!.text!.text);
    expect(next.blocks[0]!.text!.text).toMatch(/Nov 30/);
  });

  it('breaks the card down by channel', async () => {
    const card = await answerAt((await command('week')).hook);
    const broken = await answerAt((await click(card, /^By channel$/)).hook);
    expect(broken.replace_original).toBe(true);
    expect(allText(broken.blocks)).toMatch(/\*By channel\*/);
    expect(allText(broken.blocks)).toMatch(/email — \d+ contacts/);
    expect(buttonsOf(broken.blocks).map(buttonText)).not.toContain('By channel');
  });

  it('refuses a tampered button value with a localized ephemeral notice and changes nothing', async () => {
    const card = await answerAt((await command('semana', 'U_SUP_PT')).hook);
    const forged = JSON.stringify({ period: { kind: 'century' }, filters: {}, live: false });
    const { res, hook } = await click(card, /^Próximo/, 'U_SUP_PT', forged);
    expect(res.status).toBe(200);
    const body = await answerAt(hook);
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(body.text).toContain(t('pt-BR', 'kpi.bad_action'));
    await settle();
    expect(api.calls(hook)).toHaveLength(1);
    expect(api.requests.filter((r) => /chat\.|views\./.test(r.path))).toEqual([]);
  });

  it('answers an unknown period with ephemeral help and examples, and nothing else', async () => {
    const { hook } = await command('fortnight');
    const body = await answerAt(hook);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/fortnight/);
    expect(body.text).toContain('Examples: /kpi week');
    await settle();
    expect(api.calls(hook)).toHaveLength(1);
  });

  it('explains every command with /kpi help, and /survey alone with its usage', async () => {
    const help = await answerAt((await command('help')).hook);
    expect(help.response_type).toBe('ephemeral');
    expect(help.blocks[0]!.text!.text).toBe(t('en', 'help.title'));
    expect(allText(help.blocks)).toMatch(/\/kpi week/);
    const survey = await answerAt((await command('', 'U_SUP', '/survey')).hook);
    expect(survey).toMatchObject({ response_type: 'ephemeral' });
    expect(survey.blocks[0]!.text!.text).toContain('/survey send csat|nps');
  });

  it('refuses team-wide numbers to a non-supervisor with no data, in their language', async () => {
    const en = await answerAt((await command('week', 'U_NOBODY')).hook);
    expect(en.response_type).toBe('ephemeral');
    expect(en.text).toContain(t('en', 'kpi.forbidden').slice(0, 40));
    const pt = await answerAt((await command('semana', 'U_AGENT_PT')).hook);
    expect(pt.text).toContain(t('pt-BR', 'kpi.forbidden').slice(0, 40));
  });

  it('shows an agent only their own numbers', async () => {
    const body = await answerAt((await command('week', 'U_ANA')).hook);
    expect(body.response_type).toBe('in_channel');
    expect(allText(body.blocks)).toMatch(/Agent: U_ANA/);
  });

  it('treats members of a supervisors user group (usergroups.users.list) as supervisors', async () => {
    const body = await answerAt((await command('week', 'U_GROUP_SUP')).hook);
    expect(body.response_type).toBe('in_channel');
    // team-wide numbers: membership came from usergroups.users.list (U_GROUP_SUP is in no id list)
    expect(allText(body.blocks)).not.toMatch(/Agent:/);
  });

  it('records every command and button as a bot interaction without message text', async () => {
    await answerAt((await command('week')).hook);
    await settle(200);
    const doc = await svc.service.models.botEvents.findOne({ tenantId: 'TA', platform: 'slack', kind: 'command:kpi', userId: 'U_SUP' }).lean();
    expect(doc).toMatchObject({ outcome: 'ok' });
    expect(JSON.stringify(doc)).not.toMatch(/week/);
  });
});

describe('live cards', () => {
  it('posts /kpi week live as a message, registers it and adds the stop button; stop ends it', async () => {
    const { hook } = await command('week live');
    const update = await api.waitFor((r) => r.path === '/api/chat.update');
    const posted = api.calls('/api/chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(webApiArgs(posted[0]!)).toMatchObject({ channel: 'C_OPS' });
    const args = webApiArgs(update) as unknown as SlackBody & { ts: string; channel: string };
    expect(args.ts).toBeTruthy();
    expect(buttonsOf(args.blocks).map(buttonText)).toContain('Stop live updates');
    expect(allText(args.blocks)).toMatch(/Live: refreshed every few minutes/);
    expect(await svc.service.models.liveCards.countDocuments({ tenantId: 'TA', platform: 'slack', messageId: args.ts })).toBe(1);
    await settle();
    expect(api.calls(hook)).toHaveLength(0);

    const stopped = await answerAt((await click(args, /^Stop live/)).hook);
    expect(stopped.replace_original).toBe(true);
    expect(buttonsOf(stopped.blocks).map(buttonText)).not.toContain('Stop live updates');
    expect(await svc.service.models.liveCards.countDocuments({ tenantId: 'TA', messageId: args.ts })).toBe(0);
  });

  it('says how to fix it when the bot cannot post in the channel', async () => {
    api.on('/api/chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    try {
      const body = await answerAt((await command('week live')).hook);
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain('not_in_channel');
      expect(body.text).toContain('/invite');
    } finally {
      api.on('/api/chat.postMessage', (req) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `${Date.now() / 1000}` } }));
    }
  });
});

describe('request verification', () => {
  it('rejects a bad signature with 401 and calls nothing', async () => {
    const body = slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: 'U_SUP', command: '/kpi', text: 'week', response_url: api.hook('forged') });
    const res = await postSigned(events, body, { signature: 'v0=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' });
    expect(res.status).toBe(401);
    const tampered = await postSigned(events, body, { secret: 'not-the-secret' });
    expect(tampered.status).toBe(401);
    await settle();
    expect(api.requests).toEqual([]);
  });

  it('rejects a correctly signed request whose timestamp is 10 minutes old', async () => {
    const body = slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: 'U_SUP', command: '/kpi', text: 'week', response_url: api.hook('stale') });
    const res = await postSigned(events, body, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    await settle();
    expect(api.requests).toEqual([]);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const res = await postSigned(events, JSON.stringify({ token: 't', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });
});

describe('App Home and messages', () => {
  const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: 'D_HOME', tab: 'home', event_ts: '1764082800.000100' });
  const published = async (user: string): Promise<RecordedRequest> => api.waitFor((r) => r.path === '/api/views.publish' && webApiArgs(r)['user_id'] === user);

  it('shows a supervisor the week’s KPI card', async () => {
    const res = await postSigned(events, eventEnvelope(homeOpened('U_SUP'), { team: 'TA' }), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    const view = webApiArgs(await published('U_SUP'))['view'] as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]!.text!.text).toMatch(/^Customer service KPIs — This week/);
    expect(buttonsOf(view.blocks).length).toBeGreaterThan(0);
  });

  it('explains the app to everyone else', async () => {
    await postSigned(events, eventEnvelope(homeOpened('U_AGENT_PT'), { team: 'TA' }), { contentType: 'application/json' });
    const view = webApiArgs(await published('U_AGENT_PT'))['view'] as { blocks: Block[] };
    expect(allText(view.blocks)).toContain(t('pt-BR', 'slack.home.agent').slice(0, 30));
    expect(allText(view.blocks)).not.toMatch(/KPIs do atendimento —/);
  });

  it('replaces the Home tab (views.publish) when a button there is clicked', async () => {
    await postSigned(events, eventEnvelope(homeOpened('U_SUP'), { team: 'TA' }), { contentType: 'application/json' });
    const view = webApiArgs(await published('U_SUP'))['view'] as { blocks: Block[] };
    api.clear();
    const next = buttonsOf(view.blocks).find((b) => buttonText(b).startsWith('Next'))!;
    const payload = {
      type: 'block_actions',
      team: { id: 'TA', domain: 'testteam' },
      user: { id: 'U_SUP', username: 'sup', name: 'sup', team_id: 'TA' },
      api_app_id: 'A111',
      token: 'verification-token',
      container: { type: 'view', view_id: 'VHOME' },
      trigger_id: '123123.123123.abcabc',
      view: { id: 'VHOME', team_id: 'TA', type: 'home', blocks: view.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: '1.a', app_id: 'A111', bot_id: 'BBOT' },
      actions: [{ action_id: next.action_id, block_id: 'b', text: { type: 'plain_text', text: buttonText(next) }, value: next.value, type: 'button', action_ts: '1.2' }],
    };
    expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
    const again = webApiArgs(await published('U_SUP'))['view'] as { blocks: Block[] };
    expect(again.blocks[0]!.text!.text).toMatch(/Nov 30/);
  });

  it('ignores a redelivered event (X-Slack-Retry-Num)', async () => {
    const res = await postSigned(events, eventEnvelope(homeOpened('U_SUP'), { team: 'TA' }), {
      contentType: 'application/json',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    await settle(600);
    expect(api.calls('/api/views.publish')).toEqual([]);
  });

  it('answers "kpi week" in a DM and in a mention', async () => {
    const dm = { type: 'message', channel: 'D_SUP', channel_type: 'im', user: 'U_SUP', text: 'kpi week', ts: '1764082800.000200', event_ts: '1764082800.000200' };
    await postSigned(events, eventEnvelope(dm, { team: 'TA' }), { contentType: 'application/json' });
    const inDm = await api.waitFor((r) => r.path === '/api/chat.postMessage' && webApiArgs(r)['channel'] === 'D_SUP');
    expect(JSON.stringify(webApiArgs(inDm)['blocks'])).toMatch(/Customer service KPIs — This week/);

    const mention = { type: 'app_mention', channel: 'C_OPS', user: 'U_SUP', text: '<@UBOT> kpi last week', ts: '1764082800.000300', event_ts: '1764082800.000300' };
    await postSigned(events, eventEnvelope(mention, { team: 'TA' }), { contentType: 'application/json' });
    const inChannel = await api.waitFor((r) => r.path === '/api/chat.postMessage' && webApiArgs(r)['channel'] === 'C_OPS');
    expect(JSON.stringify(webApiArgs(inChannel)['blocks'])).toMatch(/Last week/);
  });
});
