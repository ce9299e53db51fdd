/**
 * The `/meeting new` form with its template choice, over Slack (the modal, signed requests) and
 * Teams (the card, Action.Execute invokes): Weekly plans what `meeting new weekly` plans, 1:1
 * needs exactly one person, a forged template is refused and stores nothing, and the custom
 * form still asks for its fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const ORG = 'UORG0001';
const ORG_PT = 'UORGPT01';
const ANA = 'UANA0001';
const BRU = 'UBRU0001';
const T_ORG = { id: '29:org', aadObjectId: '0b1f0000-0000-4000-8000-0000000000a1', name: 'Olga Ramos' };
const T_ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-0000000000a2', name: 'Ana Souza' };
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const TENANT = GUID_TENANTS.a;
// 12:00 in São Paulo; the forms plan for the next day
const clock = new Date('2026-11-25T15:00:00Z');
const WHEN = { date: '2026-11-26', time: '10:00' };
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;
let n = 0;

beforeAll(async () => {
  api = await startSlackApi({ locales: { [ORG_PT]: 'pt-BR' } });
  connector = await startRecordingServer({ fallback: () => ({ body: { id: `sent-${++n}` } }) });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: `${ORG},${ORG_PT},${T_ORG.aadObjectId}`, DEFAULT_LOCALE: 'en', TEAMS_ALLOW_UNAUTHENTICATED: 'true' },
    () => clock,
  );
  expect((await teams(activity({ type: 'conversationUpdate', membersAdded: [BOT] }))).status).toBeLessThan(300);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
  await connector?.close();
});

const meetingsIn = (tenantId: string, channelId: string) => svc.service.models.meetings.find({ tenantId, channelId }).lean();
/** what a template decides: the agenda's items (ids and times aside), title and series */
const planOf = (m: { title: string; channelId: string; seriesId: string; durationMinutes: number; agenda: { text: string; minutes: number; kind?: string | null; ownerId?: string | null }[] }) => ({
  title: m.title,
  series: m.seriesId.slice(m.channelId.length + 1),
  duration: m.durationMinutes,
  agenda: m.agenda.map((i) => ({ text: i.text, minutes: i.minutes, kind: i.kind, ownerId: i.ownerId })),
});

describe('the /meeting new form over Slack', () => {
  type View = { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { action_id: string; type: string } }[] };
  const events = () => `${svc.url}/slack/events`;

  async function command(text: string, channel: string, user = ORG) {
    const hook = api.hook(`cmd/${++n}`);
    const trigger = `trigger-${n}`;
    expect((await postSigned(events(), slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: '/meeting', text, response_url: hook, trigger_id: trigger }))).status).toBe(200);
    return { hook, trigger };
  }
  async function openForm(channel: string, user = ORG): Promise<View> {
    const { trigger } = await command('new', channel, user);
    const opened = await api.waitFor((r) => r.path === '/api/views.open' && webApiArgs(r)['trigger_id'] === trigger, 8000);
    return webApiArgs(opened)['view'] as View;
  }
  /** Submits the modal with these values (by input id); answers Slack's response body, if any. */
  async function submit(view: View, values: Record<string, Record<string, unknown>>, user = ORG) {
    const state: Record<string, Record<string, unknown>> = {};
    for (const b of view.blocks) state[b.block_id] = { [b.element.action_id]: { type: b.element.type, ...(values[b.element.action_id] ?? {}) } };
    const res = await postSigned(
      events(),
      interactivityBody({ type: 'view_submission', team: { id: 'TA', domain: 't' }, user: { id: user, team_id: 'TA' }, api_app_id: 'A111', trigger_id: '1.2.3', view: { id: 'V1', type: 'modal', team_id: 'TA', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }),
    );
    expect(res.status).toBe(200);
    return res.text ? (JSON.parse(res.text) as { response_action?: string; errors?: Record<string, string> }) : {};
  }
  const template = (value: string) => ({ selected_option: { text: { type: 'plain_text', text: value }, value } });
  const when = { date: { selected_date: WHEN.date }, time: { selected_time: WHEN.time } };

  it('offers the templates first, None (custom) picked', async () => {
    const view = await openForm('CFORM001');
    const first = view.blocks[0] as unknown as { block_id: string; element: { type: string; options: { value: string; text: { text: string } }[]; initial_option: { value: string } } };
    expect(first.block_id).toBe('in:template');
    expect(first.element.type).toBe('static_select');
    expect(first.element.options.map((o) => o.text.text)).toEqual(['None (custom)', 'Weekly review', '1:1 (one person in Participants)']);
    expect(first.element.initial_option.value).toBe('custom');
  });

  it('Weekly plans what `meeting new weekly` plans', async () => {
    expect(await submit(await openForm('CFORM002'), { template: template('weekly'), ...when })).toEqual({});
    const [fromForm] = await meetingsIn('TA', 'CFORM002');
    await command('new weekly 2026-11-26 10:00', 'CFORM003');
    await api.waitFor((r) => r.path === '/api/chat.postMessage' && webApiArgs(r)['channel'] === 'CFORM003', 8000);
    const [fromLine] = await meetingsIn('TA', 'CFORM003');
    expect(fromForm).toMatchObject({ template: 'weekly', startsAt: new Date('2026-11-26T13:00:00Z'), title: 'Weekly CS operations review' });
    expect(planOf(fromForm!)).toEqual(planOf(fromLine!));
    expect(planOf(fromForm!).agenda.map((i) => i.kind)).toEqual(['kpi', undefined, 'actions', undefined]);
  });

  it('a typed title and agenda replace the template’s', async () => {
    await submit(await openForm('CFORM004'), { template: template('weekly'), ...when, title: { value: 'Ops weekly' }, agenda: { value: 'Backlog (20)' } });
    const [m] = await meetingsIn('TA', 'CFORM004');
    expect(planOf(m!)).toEqual({ title: 'Ops weekly', series: 'weekly', duration: 20, agenda: [{ text: 'Backlog', minutes: 20, kind: undefined, ownerId: undefined }] });
  });

  it('1:1 with one person plans the 1:1 series; with nobody or two people it is refused and stores nothing', async () => {
    const nobody = await submit(await openForm('CFORM005'), { template: template('one-on-one'), ...when, participants: { selected_users: [] } });
    expect(nobody).toEqual({ response_action: 'errors', errors: { 'in:template': 'Mention the person of the 1:1, e.g. 1:1 @ana tomorrow 10:00.' } });
    const two = await submit(await openForm('CFORM005', ORG_PT), { template: template('one-on-one'), ...when, participants: { selected_users: [ANA, BRU] } }, ORG_PT);
    expect(two.errors).toEqual({ 'in:template': 'Mencione a pessoa do 1:1, por exemplo 1:1 @ana amanhã 10:00.' });
    expect(await meetingsIn('TA', 'CFORM005')).toEqual([]);

    expect(await submit(await openForm('CFORM005'), { template: template('one-on-one'), ...when, participants: { selected_users: [ANA] } })).toEqual({});
    const [m] = await meetingsIn('TA', 'CFORM005');
    expect(m).toMatchObject({ template: 'one-on-one', title: `1:1 · \uE000${ANA}\uE001`, seriesId: `CFORM005:1on1:${[ORG, ANA].sort().join(':')}`, participants: [ORG, ANA], durationMinutes: 30 });
    expect(m!.agenda[0]).toMatchObject({ text: 'How are things going', ownerId: ANA });
  });

  it('a forged template is refused in the person’s language and stores nothing', async () => {
    const forged = await submit(await openForm('CFORM006'), { template: template('board'), ...when, title: { value: 'x' }, duration: { value: '30' }, agenda: { value: 'a (5)' } });
    expect(forged.errors).toEqual({ 'in:template': '"board" is not one of the templates: choose None (custom), Weekly review or 1:1.' });
    const pt = await submit(await openForm('CFORM006', ORG_PT), { template: template('weekly; drop'), ...when }, ORG_PT);
    expect(pt.errors).toEqual({ 'in:template': '"weekly; drop" não é um dos modelos: escolha Nenhum (personalizada), Revisão semanal ou 1:1.' });
    expect(await meetingsIn('TA', 'CFORM006')).toEqual([]);
  });

  it('custom: the server asks for the title and agenda Slack no longer requires, then plans as before', async () => {
    const view = await openForm('CFORM007');
    const missing = await submit(view, { template: template('custom'), ...when, duration: { value: '30' } });
    expect(missing.errors).toEqual({ 'in:template': 'Fill in: Title, Agenda: one item per line, minutes in brackets.' });
    expect(await meetingsIn('TA', 'CFORM007')).toEqual([]);
    expect(await submit(view, { template: template('custom'), ...when, title: { value: 'Ops sync' }, duration: { value: '30' }, agenda: { value: 'KPIs (10)\nAOB (5)' } })).toEqual({});
    const [m] = await meetingsIn('TA', 'CFORM007');
    expect(m).not.toHaveProperty('template');
    expect(planOf(m!)).toEqual({ title: 'Ops sync', series: 'ops-sync', duration: 30, agenda: [{ text: 'KPIs', minutes: 10, kind: undefined, ownerId: undefined }, { text: 'AOB', minutes: 5, kind: undefined, ownerId: undefined }] });
  });
});

function activity(over: Record<string, unknown>) {
  return {
    id: `a${++n}`,
    timestamp: clock.toISOString(),
    serviceUrl: `${connector.url}/`,
    channelId: 'msteams',
    from: T_ORG,
    conversation: { conversationType: 'channel', id: '19:form@thread.tacv2', tenantId: TENANT },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    ...over,
  };
}
function teams(body: unknown) {
  return fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

describe('the meeting new form over Teams', () => {
  type Card = { body: { type: string; id?: string; style?: string; value?: string; choices?: { title: string; value: string }[]; actions?: { verb?: string; data?: { value: string } }[] }[] };
  const conversation = (id: string) => ({ conversationType: 'channel', id, tenantId: TENANT });
  const cardOf = (r: RecordedRequest) => (r.body as { attachments: { content: Card }[] }).attachments[0]!.content;

  /** Asks for the form in a conversation of its own; answers the card and its id. */
  async function openForm(conv: string, locale = 'en-US') {
    expect((await teams(activity({ type: 'message', text: 'meeting new', conversation: conversation(conv), locale }))).status).toBeLessThan(300);
    const sent = await connector.waitFor((r) => decodeURIComponent(r.path) === `/v3/conversations/${conv}/activities` && JSON.stringify(r.body).includes('meeting.create'), 10_000);
    return cardOf(sent);
  }
  async function submit(conv: string, card: Card, inputs: Record<string, string>, locale = 'en-US') {
    const create = card.body.flatMap((b) => b.actions ?? []).find((a) => a.verb === 'meeting.create')!;
    const value = { action: { type: 'Action.Execute', verb: create.verb, data: { ...create.data, ...inputs } }, trigger: 'manual' };
    const res = await teams(activity({ type: 'invoke', name: 'adaptiveCard/action', conversation: conversation(conv), replyToId: 'form-1', locale, value }));
    expect(res.status).toBe(200);
    return (await res.json()) as { type: string; value: unknown };
  }
  const answer = (text: string) => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });

  it('offers the templates as a compact choice set, None (custom) picked', async () => {
    const card = await openForm('19:f1@thread.tacv2');
    expect(card.body.find((b) => b.id === 'template')).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', value: 'custom', choices: [{ value: 'custom' }, { value: 'weekly' }, { value: 'one-on-one' }] });
  });

  it('Weekly plans what `meeting new weekly` plans', async () => {
    const conv = '19:f2@thread.tacv2';
    expect(await submit(conv, await openForm(conv), { template: 'weekly', ...WHEN })).toEqual(answer('📅 "Weekly CS operations review" is planned; its agenda is in the channel.'));
    const [fromForm] = await meetingsIn(TENANT, conv);
    await teams(activity({ type: 'message', text: 'meeting new weekly 2026-11-26 10:00', conversation: conversation('19:f3@thread.tacv2') }));
    await connector.waitFor((r) => decodeURIComponent(r.path) === '/v3/conversations/19:f3@thread.tacv2/activities', 10_000);
    const [fromLine] = await meetingsIn(TENANT, '19:f3@thread.tacv2');
    expect(fromForm).toMatchObject({ template: 'weekly', startsAt: new Date('2026-11-26T13:00:00Z') });
    expect(planOf(fromForm!)).toEqual(planOf(fromLine!));
  });

  it('1:1 with one person plans the 1:1 series; with nobody it is refused in the person’s language and stores nothing', async () => {
    const conv = '19:f4@thread.tacv2';
    const card = await openForm(conv);
    expect(await submit(conv, card, { template: 'one-on-one', ...WHEN, participants: '' })).toEqual(answer('Mention the person of the 1:1, e.g. 1:1 @ana tomorrow 10:00.'));
    expect(await submit(conv, card, { template: 'one-on-one', ...WHEN }, 'pt-BR')).toEqual(answer('Mencione a pessoa do 1:1, por exemplo 1:1 @ana amanhã 10:00.'));
    expect(await meetingsIn(TENANT, conv)).toEqual([]);
    await submit(conv, card, { template: 'one-on-one', ...WHEN, participants: T_ANA.aadObjectId });
    const [m] = await meetingsIn(TENANT, conv);
    expect(m).toMatchObject({ template: 'one-on-one', participants: [T_ORG.aadObjectId, T_ANA.aadObjectId], seriesId: `${conv}:1on1:${[T_ORG.aadObjectId, T_ANA.aadObjectId].sort().join(':')}` });
  });

  it('a forged template is refused and stores nothing; the custom form still asks for its fields', async () => {
    const conv = '19:f5@thread.tacv2';
    const card = await openForm(conv);
    expect(await submit(conv, card, { template: 'weekly2', ...WHEN })).toEqual(answer('"weekly2" is not one of the templates: choose None (custom), Weekly review or 1:1.'));
    expect(await submit(conv, card, { template: 'custom', ...WHEN, duration: '30' }, 'pt-BR')).toEqual(answer('Preencha: Título, Pauta: um item por linha, minutos entre parênteses.'));
    expect(await meetingsIn(TENANT, conv)).toEqual([]);
    await submit(conv, card, { template: 'custom', ...WHEN, title: 'Ops sync', duration: '30', agenda: 'KPIs (10)' });
    expect(planOf((await meetingsIn(TENANT, conv))[0]!)).toEqual({ title: 'Ops sync', series: 'ops-sync', duration: 30, agenda: [{ text: 'KPIs', minutes: 10, kind: undefined, ownerId: undefined }] });
  });
});
