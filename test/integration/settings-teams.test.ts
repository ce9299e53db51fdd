/**
 * `settings` over Teams (the real Teams SDK app, activities shaped like Teams'): the form card for
 * admins (pt-BR `configurações` too), its Action.Execute saved through the settings core with
 * the AAD user as who, errors back on the card changing nothing, non-admins refused (message
 * and a forged invoke), and a supervisor granted on the card seeing team numbers next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';

const TENANT = GUID_TENANTS.a;
const ORG = { id: '29:org', aadObjectId: '0b1f0000-0000-4000-8000-000000000001', name: 'Olga Ramos' };
const ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-000000000002', name: 'Ana Souza' };
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const CONV = '19:ops@thread.tacv2';
const NOW = new Date('2026-11-25T15:00:00Z');
const json = { 'content-type': 'application/json' };
let svc: TestService;
let connector: RecordingServer;

type Input = { type: string; id?: string; text?: string; color?: string; value?: unknown; choices?: { value: string }[] };
type Card = { body: Input[]; actions?: { type: string; verb: string; data: { value: string } }[] };

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`,
  timestamp: NOW.toISOString(),
  serviceUrl: `${connector.url}/`,
  channelId: 'msteams',
  from: ORG,
  conversation: { conversationType: 'channel', id: CONV, tenantId: TENANT },
  recipient: BOT,
  channelData: { tenant: { id: TENANT } },
  locale: 'en-US',
  ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: json });
const sent = () => connector.requests.filter((r) => r.method === 'POST' && decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`);

/** Says `text`; the activity the bot answered with. */
async function say(text: string, from = ORG, locale = 'en-US') {
  const before = sent().length;
  expect((await post(activity({ type: 'message', text, from, locale }))).status).toBeLessThan(300);
  await connector.waitFor(() => sent().length > before, 8000);
  return sent().at(-1)!.body as { text?: string; attachments?: { contentType: string; content: Card }[] };
}

async function execute(card: Card, inputs: Record<string, string>, from = ORG) {
  const action = card.actions!.find((a) => a.verb === 'settings.save')!;
  const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', from, replyToId: 'msg-1', value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: string; value: Card | string };
}

/** What the card submits as it is, with some inputs changed. */
function inputsOf(card: Card, changed: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of card.body) if (b.id) out[b.id] = b.value === undefined ? '' : String(b.value);
  return { ...out, ...changed };
}

const settings = async () => (await (await svc.api('/api/v1/settings', { key: KEYS.ga })).json()) as Record<string, unknown> & { roles: { admins: string[]; supervisors: string[] } };

beforeAll(async () => {
  connector = await startRecordingServer();
  let n = 0;
  connector.on(/\/v3\/conversations\/.+\/activities(\/.*)?$/, (req: RecordedRequest) => ({ body: { id: `msg-${++n}`, path: req.path } }));
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', DEFAULT_LOCALE: 'en' }, () => NOW);
  const res = await svc.api('/api/v1/settings', { method: 'PATCH', key: KEYS.ga, body: JSON.stringify({ roles: { admins: [ORG.aadObjectId] } }), headers: json });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('settings in Teams', () => {
  let form: Card;

  it('refuses a non-admin in their language', async () => {
    const answer = await say('configurações', ANA, 'pt-BR');
    expect(answer.attachments).toBeUndefined();
    expect(answer.text).toMatch(/Só os administradores da equipe podem mudar as configurações/);
  });

  it('answers an admin with the form card (and in pt-BR to configuracoes)', async () => {
    const answer = await say('<at>CS Ops Bot</at> settings');
    form = answer.attachments![0]!.content;
    const byId = (id: string) => form.body.find((b) => b.id === id)!;
    expect(byId('timezone')).toMatchObject({ type: 'Input.ChoiceSet', value: 'America/Sao_Paulo' });
    expect(byId('sla.urgent.first')).toMatchObject({ type: 'Input.Number', value: 15 });
    expect(byId('hours.from').type).toBe('Input.Time');
    expect(byId('hours.days').type).toBe('Input.ChoiceSet');
    expect(byId('roles.admins')).toMatchObject({ type: 'Input.ChoiceSet', value: ORG.aadObjectId });
    expect(byId('agents').type).toBe('Input.Text');
    expect(form.actions!.map((a) => a.type)).toEqual(['Action.Execute']);
    const pt = await say('configuracoes', ORG, 'pt-BR');
    expect(JSON.stringify(pt.attachments![0]!.content)).toContain('Configurações da equipe');
  });

  it('answers a refused submission with the card and its errors, changing nothing', async () => {
    const before = await settings();
    const answer = await execute(form, inputsOf(form, { 'sla.high.first': 'x', 'hours.days': 'mon,fri', 'hours.from': '18:00', 'hours.to': '08:00' }));
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const errors = (answer.value as Card).body.filter((b) => b.color === 'Attention').map((b) => b.text);
    expect(errors[0]).toMatch(/Nothing was saved/);
    expect(errors.join('\n')).toMatch(/whole number of minutes/);
    const second = await execute(form, inputsOf(form, { 'hours.days': 'mon,fri', 'hours.from': '18:00', 'hours.to': '08:00' }));
    expect(JSON.stringify(second.value)).toMatch(/businessHours.to \(08:00\) must be later than businessHours.from/);
    expect(await settings()).toEqual(before);
  });

  it('refuses a forged submission from a non-admin', async () => {
    const before = await settings();
    const answer = await execute(form, inputsOf(form, { 'roles.admins': ANA.aadObjectId }), ANA);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(/Only the team’s admins/);
    expect(await settings()).toEqual(before);
  });

  it('saves through the settings core, audited with the AAD user; a supervisor granted there sees team numbers next', async () => {
    expect((await say('kpi week', ANA)).text ?? '').toMatch(/Team-wide numbers are for supervisors/);
    const answer = await execute(
      form,
      inputsOf(form, { timezone: 'Europe/Lisbon', locale: 'pt-BR', 'sla.high.first': '20', 'hours.days': 'mon,tue,wed', 'hours.from': '08:00', 'hours.to': '17:00', holidays: '2026-12-25', 'roles.supervisors': ANA.aadObjectId.toUpperCase(), agents: `ana-7 = ${ANA.aadObjectId} | Ana Souza` }),
    );
    expect(JSON.stringify(answer.value)).toContain('Settings saved');
    const s = await settings();
    expect(s).toMatchObject({ timezone: 'Europe/Lisbon', locale: 'pt-BR', businessHours: { days: ['mon', 'tue', 'wed'], from: '08:00', to: '17:00' }, holidays: ['2026-12-25'] });
    expect(s.roles).toEqual({ admins: [ORG.aadObjectId], supervisors: [ANA.aadObjectId] });
    const audit = (await (await svc.api('/api/v1/settings/audit', { key: KEYS.ga })).json()) as { entries: { actor: unknown }[] };
    expect(audit.entries[0]!.actor).toEqual({ type: 'user', platform: 'teams', userId: ORG.aadObjectId });
    const agents = JSON.stringify(await (await svc.api('/api/v1/agents', { key: KEYS.ga })).json());
    expect(agents).toContain(`"agentId":"ana-7","teamsAadId":"${ANA.aadObjectId}","name":"Ana Souza"`);
    const card = await say('kpi week', ANA);
    expect(card.attachments?.[0]?.content).toBeDefined();
  });
});
