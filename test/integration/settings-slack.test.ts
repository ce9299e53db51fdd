/**
 * `/settings` over Slack: the modal admins open (views.open), its submission saved through the
 * settings core (GET /api/v1/settings and the audit show it, with the Slack user as who),
 * per-field errors that change nothing, non-admins refused (the command and a forged
 * submission), a supervisor granted in the form seeing team numbers on the next command, and
 * the App Home's Settings section.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { slackLimitViolations } from '../support/slack-limits.js';
import { eventEnvelope, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const ADMIN = 'UADM0001';
const BOB = 'UBOB0001';
const NEW_SUP = 'USUP0002';
const CH = 'COPS0001';
const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;
const json = { 'content-type': 'application/json' };

interface Element {
  type: string;
  action_id: string;
  initial_option?: { value: string };
  initial_options?: { value: string }[];
  initial_value?: string;
  initial_time?: string;
  initial_users?: string[];
}
interface ModalView {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: { type: string; block_id?: string; element?: Element }[];
}
type Settings = { timezone: string; locale: string; slaPolicy: Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>; businessHours: unknown; holidays: string[]; roles: { admins: string[]; supervisors: string[] } };
const settings = async () => (await (await svc.api('/api/v1/settings', { key: KEYS.a })).json()) as Settings;
const audit = async () => (await (await svc.api('/api/v1/settings/audit', { key: KEYS.a })).json()) as { entries: { actor: unknown; changes: { path: string }[] }[] };

let hooks = 0;
async function slash(command: string, text: string, user: string) {
  const hook = api.hook(`cmd/${++hooks}`);
  const trigger = `trigger-${hooks}`;
  expect((await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: CH, user_id: user, command, text, response_url: hook, trigger_id: trigger }))).status).toBe(200);
  return { hook, trigger };
}

/** `/settings` by an admin: the modal Slack was asked to open. */
async function openModal(user = ADMIN): Promise<ModalView> {
  const { trigger } = await slash('/settings', '', user);
  const opened = await api.waitFor((r) => r.path === '/api/views.open' && webApiArgs(r)['trigger_id'] === trigger, 8000);
  return webApiArgs(opened)['view'] as ModalView;
}

/** The state Slack would send for the modal as opened, with some inputs changed (Slack's own shapes, by action id). */
function stateOf(view: ModalView, changed: Record<string, unknown>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.element || !b.block_id) continue;
    const e = b.element;
    const initial =
      e.type === 'static_select' ? { selected_option: e.initial_option ?? null }
      : e.type === 'checkboxes' ? { selected_options: e.initial_options ?? [] }
      : e.type === 'timepicker' ? { selected_time: e.initial_time ?? null }
      : e.type === 'multi_users_select' ? { selected_users: e.initial_users ?? [] }
      : { value: e.initial_value ?? null };
    values[b.block_id] = { [e.action_id]: { type: e.type, ...initial, ...(changed[e.action_id] as object | undefined) } };
  }
  return values;
}

async function submit(view: ModalView, changed: Record<string, unknown>, user = ADMIN) {
  const body = interactivityBody({
    type: 'view_submission',
    team: { id: 'TA', domain: 't' },
    user: { id: user, team_id: 'TA' },
    api_app_id: 'A111',
    trigger_id: '1.2.3',
    view: { id: 'V1', type: 'modal', team_id: 'TA', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: stateOf(view, changed) } },
  });
  const res = await postSigned(events, body);
  expect(res.status).toBe(200);
  return res.text ? (JSON.parse(res.text) as { response_action?: string; errors?: Record<string, string> }) : {};
}

const VALID = {
  timezone: { selected_option: { value: 'America/Manaus' } },
  locale: { selected_option: { value: 'en' } },
  'sla.urgent.first': { value: '10' },
  'sla.urgent.resolution': { value: '120' },
  'hours.days': { selected_options: ['mon', 'tue', 'wed', 'thu', 'fri'].map((value) => ({ value })) },
  'hours.from': { selected_time: '09:00' },
  'hours.to': { selected_time: '18:00' },
  holidays: { value: '2026-12-25, 2027-01-01' },
  'roles.admins': { selected_users: [ADMIN] },
  'roles.supervisors': { selected_users: [NEW_SUP] },
  agents: { value: 'ana-42 = UANA0001 | Ana Souza' },
};

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, DEFAULT_LOCALE: 'en' }, () => NOW);
  events = `${svc.url}/slack/events`;
  const res = await svc.api('/api/v1/settings', { method: 'PATCH', key: KEYS.a, body: JSON.stringify({ roles: { admins: [ADMIN, 'S0GROUP1'] } }), headers: json });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => api.clear());

describe('/settings in Slack', () => {
  it('refuses a non-admin in their language, opening nothing', async () => {
    const { hook } = await slash('/settings', '', BOB);
    const answer = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type: string; text: string };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/Only the team’s admins can change its settings/);
    expect(api.calls('/api/views.open')).toHaveLength(0);
  });

  it('refuses words after /settings, naming them, and opens nothing', async () => {
    const { hook } = await slash('/settings', 'now please', ADMIN);
    const answer = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { text: string };
    expect(answer.text).toMatch(/"now", "please"/);
    expect(answer.text).toContain('/settings (opens the form; nothing after it)');
    expect(api.calls('/api/views.open')).toHaveLength(0);
  });

  it('opens the modal for an admin, filled in with the settings', async () => {
    const view = await openModal();
    expect(view.callback_id).toBe('settings.save');
    const el = (id: string) => view.blocks.find((b) => b.element?.action_id === id)!.element!;
    expect(el('timezone').initial_option?.value).toBe('America/Sao_Paulo');
    expect(el('locale').type).toBe('static_select');
    expect(el('sla.urgent.first').type).toBe('number_input');
    expect(el('hours.days').type).toBe('checkboxes');
    expect(el('hours.from').type).toBe('timepicker');
    expect(el('roles.admins')).toMatchObject({ type: 'multi_users_select', initial_users: [ADMIN] });
    expect(el('agents').type).toBe('plain_text_input');
    // within Slack's modal limits (views.open refuses the whole view otherwise)
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const ids = view.blocks.flatMap((b) => (b.block_id ? [b.block_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const zones = el('timezone') as Element & { options: { value: string }[] };
    expect(zones.options.length).toBeLessThanOrEqual(100);
    expect(zones.options.map((o) => o.value)).toEqual(expect.arrayContaining(['America/Sao_Paulo', 'America/Manaus', 'Europe/Lisbon', 'UTC']));
    expect((el('hours.days') as Element & { options: unknown[] }).options).toHaveLength(7);
  });

  it('refuses an invalid submission field by field and changes nothing', async () => {
    const before = await settings();
    const auditBefore = (await audit()).entries.length;
    const view = await openModal();
    const answer = await submit(view, {
      ...VALID,
      'sla.urgent.first': { value: '200' },
      'sla.urgent.resolution': { value: '100' },
      'sla.low.first': { value: 'abc' },
      'hours.from': { selected_time: '18:00' },
      'hours.to': { selected_time: '09:00' },
      holidays: { value: '2026-02-30' },
      agents: { value: 'just words' },
    });
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors!).sort()).toEqual(['set:agents', 'set:sla.low.first']);
    expect(answer.errors!['set:sla.low.first']).toMatch(/whole number of minutes/);
    expect(answer.errors!['set:agents']).toMatch(/Line 1: write agentId =/);
    // the form's own checks passed: the schemas' problems come back by field
    const second = await submit(view, { ...VALID, 'hours.from': { selected_time: '18:00' }, 'hours.to': { selected_time: '09:00' }, holidays: { value: '2026-02-30' } });
    expect(second.response_action).toBe('errors');
    expect(Object.keys(second.errors!).sort()).toEqual(['set:holidays', 'set:hours.to']);
    expect(second.errors!['set:holidays']).toMatch(/2026-02-30/);
    // checked against the whole policy: resolution before first response
    const third = await submit(view, { ...VALID, 'sla.urgent.first': { value: '200' }, 'sla.urgent.resolution': { value: '100' } });
    expect(third).toEqual({ response_action: 'errors', errors: { 'set:sla.urgent.resolution': expect.stringMatching(/resolutionMinutes \(100\) must be at least firstResponseMinutes \(200\)/) } });
    // an admin cannot lock the team out by removing themselves
    const fourth = await submit(view, { ...VALID, 'roles.admins': { selected_users: [BOB] } });
    expect(fourth).toEqual({ response_action: 'errors', errors: { 'set:roles.admins': expect.stringMatching(/Keep yourself among the admins/) } });
    expect(await settings()).toEqual(before);
    expect((await audit()).entries).toHaveLength(auditBefore);
    expect(api.calls('/api/chat.postEphemeral')).toHaveLength(0);
  });

  it('refuses a forged submission from a non-admin, changing nothing', async () => {
    const before = await settings();
    const view = await openModal();
    const answer = await submit(view, { ...VALID, 'roles.admins': { selected_users: [BOB] } }, BOB);
    expect(answer.response_action).toBe('errors');
    expect(answer.errors!['set:timezone']).toMatch(/Only the team’s admins/);
    expect(await settings()).toEqual(before);
  });

  it('saves a valid submission through the settings core, audited with the Slack user', async () => {
    const first = await slash('/kpi', 'week', NEW_SUP);
    const refused = (await api.waitFor((r) => r.path === new URL(first.hook).pathname, 8000)).body as { text: string };
    expect(refused.text).toMatch(/Team-wide numbers are for supervisors/);
    api.clear();

    const view = await openModal();
    expect(await submit(view, VALID)).toEqual({});
    const s = await settings();
    expect(s.timezone).toBe('America/Manaus');
    expect(s.locale).toBe('en');
    expect(s.slaPolicy['urgent']).toEqual({ firstResponseMinutes: 10, resolutionMinutes: 120 });
    expect(s.businessHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' });
    expect(s.holidays).toEqual(['2026-12-25', '2027-01-01']);
    // the user group the picker cannot show is kept
    expect(s.roles).toEqual({ admins: [ADMIN, 'S0GROUP1'], supervisors: [NEW_SUP] });
    const agents = (await (await svc.api('/api/v1/agents', { key: KEYS.a })).json()) as { agents: unknown[] } | unknown[];
    expect(JSON.stringify(agents)).toContain('"agentId":"ana-42","slackUserId":"UANA0001","name":"Ana Souza"');
    const entries = (await audit()).entries;
    expect(entries[0]!.actor).toEqual({ type: 'user', platform: 'slack', userId: ADMIN });
    expect(entries.flatMap((e) => e.changes.map((c) => c.path))).toEqual(expect.arrayContaining(['timezone', 'roles.supervisors', 'agents.ana-42']));
    const confirmation = webApiArgs(await api.waitFor((r) => r.path === '/api/chat.postEphemeral', 8000));
    expect(confirmation).toMatchObject({ channel: CH, user: ADMIN });
    expect(String(confirmation['text'])).toMatch(/Settings saved/);

    // the supervisor granted in the form sees team numbers on the next command, without a restart
    const { hook } = await slash('/kpi', 'week', NEW_SUP);
    const card = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { text: string; blocks: unknown[] };
    expect(JSON.stringify(card)).not.toMatch(/Team-wide numbers are for supervisors/);
    expect(card.blocks.length).toBeGreaterThan(1);
  });

  it('shows admins a Settings section in App Home whose button opens the same modal', async () => {
    const home = async (user: string) => {
      expect((await postSigned(events, eventEnvelope({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'home', event_ts: '1.2' }, { team: 'TA' }), { contentType: 'application/json' })).status).toBe(200);
      return webApiArgs(await api.waitFor((r) => r.path === '/api/views.publish' && webApiArgs(r)['user_id'] === user, 8000))['view'] as { blocks: { type: string; elements?: { action_id?: string }[] }[] };
    };
    const adminHome = await home(ADMIN);
    expect(slackLimitViolations({ text: 'home', blocks: adminHome.blocks as never }, 100)).toEqual([]);
    const text = JSON.stringify(adminHome.blocks);
    expect(text).toContain('⚙️ Settings');
    expect(text).toContain('Time zone America/Manaus · language English');
    expect(text).toContain('Mon, Tue, Wed, Thu, Fri 09:00–18:00');
    const button = adminHome.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'settings.open');
    expect(button).toBeDefined();
    // the supervisor (not an admin) sees the KPIs, not the settings
    expect(JSON.stringify((await home(NEW_SUP)).blocks)).not.toContain('settings.open');

    const click = {
      type: 'block_actions',
      user: { id: ADMIN, username: 'adm', name: 'adm', team_id: 'TA' },
      api_app_id: 'A111',
      token: 'verification-token',
      container: { type: 'view', view_id: 'VHOME' },
      trigger_id: 'trigger-home',
      team: { id: 'TA', domain: 'testteam' },
      view: { id: 'VHOME', type: 'home', blocks: adminHome.blocks },
      actions: [{ action_id: 'settings.open', block_id: 'b', type: 'button', value: 'open', text: { type: 'plain_text', text: 'Open settings' }, action_ts: '1.2' }],
    };
    expect((await postSigned(events, interactivityBody(click))).status).toBe(200);
    const opened = await api.waitFor((r) => r.path === '/api/views.open' && webApiArgs(r)['trigger_id'] === 'trigger-home', 8000);
    expect((webApiArgs(opened)['view'] as ModalView).callback_id).toBe('settings.save');

    // the same button forged by a non-admin: no modal, a refusal in their DM
    api.clear();
    const forged = { ...click, user: { ...click.user, id: BOB }, trigger_id: 'trigger-forged' };
    expect((await postSigned(events, interactivityBody(forged))).status).toBe(200);
    const dm = webApiArgs(await api.waitFor((r) => r.path === '/api/chat.postMessage', 8000));
    expect(dm['channel']).toBe(BOB);
    expect(String(dm['text'])).toMatch(/Only the team’s admins/);
    expect(api.calls('/api/views.open')).toHaveLength(0);
  });
});
