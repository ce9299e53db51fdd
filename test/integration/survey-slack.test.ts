/**
 * Surveys end to end over Slack: the REST API and /survey send post the question with the real
 * Bolt app's token, signed button clicks and modal submissions come back over HTTP, and every
 * outgoing call (Web API, response_url) is captured by a local recording server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendDueSurveys } from '../../src/core/surveys/send-survey.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const NOW = new Date('2026-11-25T15:05:00Z');
let clock = NOW;
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let events: string;
let ts = 0;

interface Block {
  type: string;
  text?: { text: string };
  elements?: { type: string; text?: { text: string } | string; action_id?: string; value?: string; url?: string }[];
}
interface Posted {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}

const json = { 'content-type': 'application/json' };
const allText = (blocks: Block[]) => JSON.stringify(blocks);
const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const label = (b: { text?: { text: string } | string }) => (typeof b.text === 'string' ? b.text : (b.text?.text ?? ''));

beforeAll(async () => {
  api = await startSlackApi();
  // like Slack: posting to a user id lands in the DM with them (a D… channel)
  api.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const channel = String(webApiArgs(req)['channel']);
    return { body: { ok: true, channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: `1764082800.${String(++ts).padStart(6, '0')}` } };
  });
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'U_SUP' }, () => clock);
  events = `${svc.url}/slack/events`;
  const records = ['T-1', 'T-2', 'T-3'].map((externalId, i) => ({
    externalId,
    channel: 'chat',
    customer: { id: `cust-${i}`, name: 'Maria Silva' },
    agent: { id: 'U_ANA', name: 'Ana' },
    status: 'resolved',
    createdAt: new Date(NOW.getTime() - 5 * 3_600_000).toISOString(),
    firstResponseAt: new Date(NOW.getTime() - 4 * 3_600_000).toISOString(),
    resolvedAt: new Date(NOW.getTime() - 3 * 3_600_000).toISOString(),
  }));
  expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
  expect(
    (await svc.api('/api/v1/settings/surveys', { method: 'PATCH', body: JSON.stringify({ interactionUrl: 'https://desk.example.com/tickets/{externalId}' }), headers: json })).status,
  ).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => {
  api.clear();
  clock = NOW;
});

let hooks = 0;
async function command(text: string, user = 'U_SUP', channel = 'C_OPS', name = '/survey') {
  const hook = api.hook(`commands/${++hooks}`);
  const res = await postSigned(events, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: name, text, response_url: hook }));
  expect(res.status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks: Block[] };
}

async function sendSurvey(body: Record<string, unknown>, key = KEYS.a) {
  const res = await svc.api('/api/v1/surveys', { method: 'POST', body: JSON.stringify(body), headers: json, key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; message?: { channelId: string; messageId: string } } };
}

/** The question as Slack stored it: the last chat.postMessage to that channel. */
function postedTo(channel: string): Posted {
  const call = api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === channel).at(-1);
  expect(call, `a message to ${channel}`).toBeDefined();
  const args = webApiArgs(call!) as unknown as Posted;
  return args;
}

interface Click {
  message: { channelId: string; messageId: string; blocks: Block[] };
  button: { action_id?: string; value?: string; text?: { text: string } | string };
  user?: string;
  team?: string;
  value?: string;
  retry?: number;
}
/** A signed click on a button of a posted message; resolves with what replaced the message. */
async function click(c: Click) {
  const hook = api.hook(`actions/${++hooks}`);
  const payload = blockActionsPayload({
    team: c.team ?? 'TA',
    user: c.user ?? 'UCUST01',
    channel: c.message.channelId,
    message: { ts: c.message.messageId, text: 'survey', blocks: c.message.blocks },
    action: { action_id: c.button.action_id!, value: c.value ?? c.button.value!, text: label(c.button) },
    response_url: hook,
  });
  const res = await postSigned(events, interactivityBody(payload), c.retry ? { headers: { 'x-slack-retry-num': String(c.retry), 'x-slack-retry-reason': 'http_timeout' } } : {});
  expect(res.status).toBe(200);
  const answer = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { replace_original?: boolean; response_type?: string; text: string; blocks: Block[] };
  return answer;
}

const scoreButton = (blocks: Block[], score: number) => buttons(blocks).find((b) => JSON.parse(b.value ?? '{}').v === score)!;
const responses = (surveyId: string) => svc.service.models.surveyResponses.find({ tenantId: 'TA', surveyId }).lean();
const kpis = async () => ((await (await svc.api('/api/v1/kpis?period=week')).json()) as { current: { csat: { responses: number; mean: number | null }; nps: { responses: number; score: number | null }; surveyResponseRate: number | null } }).current;

describe('a CSAT survey in a DM', () => {
  let survey: { id: string; message: { channelId: string; messageId: string; blocks: Block[] } };

  it('is sent by the API once per ticket, with faces and labels, in the recipient’s language', async () => {
    const first = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { userId: 'UCUST01' }, interactionExternalId: 'T-1', locale: 'pt-BR' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'csat', status: 'sent', duplicate: false, message: { channelId: 'DCUST01' } });
    const posted = postedTo('UCUST01');
    expect(posted.text).toBe('Qual é a sua satisfação com o atendimento que recebeu?');
    const scale = buttons(posted.blocks);
    expect(scale.map(label)).toEqual(['😠 Muito insatisfeito', '🙁 Insatisfeito', '😐 Neutro', '🙂 Satisfeito', '😄 Muito satisfeito']);
    expect(allText(posted.blocks)).toContain('T-1');
    survey = { id: first.body.id, message: { ...first.body.message!, blocks: posted.blocks } };

    const again = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { userId: 'UCUST01' }, interactionExternalId: 'T-1' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: survey.id, duplicate: true });
    expect(api.calls('/api/chat.postMessage')).toHaveLength(1);
    expect((await kpis()).surveyResponseRate).toBe(0);
  });

  it('a click replaces the buttons with a thank-you showing the score, and the KPIs count it', async () => {
    const answer = await click({ message: survey.message, button: scoreButton(survey.message.blocks, 5) });
    expect(answer.replace_original).toBe(true);
    expect(answer.text).toBe('Obrigado! Sua resposta: 😄 5/5 (Muito satisfeito)');
    const next = buttons(answer.blocks).map(label);
    expect(next).toEqual(['Adicionar comentário', 'Mudar resposta']);
    expect(await responses(survey.id)).toHaveLength(1);
    expect(await kpis()).toMatchObject({ csat: { responses: 1, mean: 5 }, surveyResponseRate: 1 });
    survey.message.blocks = answer.blocks;
  });

  it('double clicks and Slack retries change the answer at most once and never add a response', async () => {
    const change = buttons(survey.message.blocks).find((b) => label(b) === 'Mudar resposta')!;
    const scale = (await click({ message: survey.message, button: change })).blocks;
    expect(scoreButton(scale, 5)).toMatchObject({ style: 'primary' });
    const four = scoreButton(scale, 4);
    const answers = await Promise.all([
      click({ message: survey.message, button: four }),
      click({ message: survey.message, button: four }),
      click({ message: survey.message, button: four, retry: 1 }),
    ]);
    for (const a of answers) expect(a.text).toBe('Obrigado! Sua resposta: 🙂 4/5 (Satisfeito)');
    const stored = await responses(survey.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ score: 4, respondent: 'UCUST01', rev: 2 });
    expect(await kpis()).toMatchObject({ csat: { responses: 1, mean: 4 }, surveyResponseRate: 1 });
    survey.message.blocks = answers[0]!.blocks;
  });

  it('another person cannot change someone’s answer', async () => {
    const answer = await click({ message: survey.message, button: scoreButton(survey.message.blocks, 1) ?? { action_id: 'survey.answer:0', value: JSON.stringify({ s: survey.id, v: 1 }) }, user: 'U_OTHER' });
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/already answered/);
    expect((await responses(survey.id))[0]).toMatchObject({ score: 4 });
  });

  it('"add a comment" opens a modal; an empty one is refused on the field, a real one locks the answer', async () => {
    const open = buttons(survey.message.blocks).find((b) => label(b) === 'Adicionar comentário')!;
    const hook = api.hook(`actions/${++hooks}`);
    const payload = blockActionsPayload({
      team: 'TA', user: 'UCUST01', channel: survey.message.channelId,
      message: { ts: survey.message.messageId, text: 'survey', blocks: survey.message.blocks },
      action: { action_id: open.action_id!, value: open.value!, text: label(open) }, response_url: hook,
    });
    expect((await postSigned(events, interactivityBody(payload))).status).toBe(200);
    const opened = webApiArgs(await api.waitFor((r) => r.path === '/api/views.open', 8000)) as { trigger_id: string; view: { callback_id: string; private_metadata: string; title: { text: string }; blocks: { block_id: string; element: { action_id: string; max_length?: number } }[] } };
    expect(opened.trigger_id).toBe('4916855695380.xxx.yyy');
    expect(opened.view.title.text).toBe('Seu comentário');
    expect(opened.view.blocks[0]!.element).toMatchObject({ action_id: 'comment', max_length: 1000 });

    const submit = (comment: string) =>
      postSigned(
        events,
        interactivityBody({
          type: 'view_submission',
          team: { id: 'TA', domain: 'testteam' },
          user: { id: 'UCUST01', team_id: 'TA' },
          api_app_id: 'A111',
          trigger_id: '1.2.3',
          view: { id: 'V1', type: 'modal', team_id: 'TA', callback_id: opened.view.callback_id, private_metadata: opened.view.private_metadata, state: { values: { [opened.view.blocks[0]!.block_id]: { comment: { type: 'plain_text_input', value: comment } } } } },
        }),
      );
    const empty = await submit('   ');
    expect(JSON.parse(empty.text)).toEqual({ response_action: 'errors', errors: { 'in:comment': 'Write a comment before sending it.' } });
    expect(api.calls('/api/chat.update')).toHaveLength(0);

    const ok = await submit('Atendimento rápido e gentil');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const update = webApiArgs(await api.waitFor((r) => r.path === '/api/chat.update', 8000)) as unknown as Posted;
    expect(update).toMatchObject({ channel: survey.message.channelId, ts: survey.message.messageId });
    expect(update.text).toBe('Obrigado pelo retorno! Sua resposta: 🙂 4/5 (Satisfeito)');
    expect(allText(update.blocks)).toContain('Atendimento rápido e gentil');
    expect(buttons(update.blocks)).toHaveLength(0);
    expect((await responses(survey.id))[0]).toMatchObject({ score: 4, comment: 'Atendimento rápido e gentil' });

    // an old button after the comment: the answer stays
    const late = await click({ message: survey.message, button: { action_id: 'survey.answer:0', value: JSON.stringify({ s: survey.id, v: 1 }) } });
    expect(late.text).toMatch(/Obrigado pelo retorno/);
    expect((await responses(survey.id))[0]).toMatchObject({ score: 4 });
  });

  it('is closed after it expires (28 days by default) and changes nothing', async () => {
    const fresh = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { userId: 'ULATE01' }, locale: 'en' });
    const posted = postedTo('ULATE01');
    clock = new Date(NOW.getTime() + 29 * 86_400_000);
    const answer = await click({ message: { ...fresh.body.message!, blocks: posted.blocks }, button: scoreButton(posted.blocks, 5), user: 'ULATE01' });
    expect(answer.text).toMatch(/^This survey is closed \(it expired on Dec 23, 2026\)/);
    expect(buttons(answer.blocks)).toHaveLength(0);
    expect(await responses(fresh.body.id)).toHaveLength(0);
  });
});

describe('complaints', () => {
  it('a low NPS asks why and alerts the supervisors’ channel once, updating it as the answer changes', async () => {
    const set = await command('alerts here', 'U_SUP', 'C_SUP');
    expect(set.text).toMatch(/Complaint alerts .* will be posted in this conversation/);
    expect((await command('alerts here', 'U_AGENT', 'C_SUP')).text).toMatch(/Only supervisors/);

    const sent = await sendSurvey({ type: 'nps', platform: 'slack', recipient: { channelId: 'CCUSTOMER1' }, interactionExternalId: 'T-2', locale: 'en' });
    expect(sent.status).toBe(201);
    const posted = postedTo('CCUSTOMER1');
    expect(posted.blocks.filter((b) => b.type === 'actions').map((b) => b.elements!.map(label))).toEqual([['0', '1', '2', '3'], ['4', '5', '6', '7'], ['8', '9', '10']]);
    const message = { ...sent.body.message!, blocks: posted.blocks };

    const answer = await click({ message, button: scoreButton(posted.blocks, 3), user: 'U_CLIENT' });
    expect(answer.text).toBe('Thank you! Your answer: 3/10');
    expect(allText(answer.blocks)).toContain('What went wrong?');
    const alert = postedTo('C_SUP');
    // in the workspace's language (pt-BR by default)
    expect(alert.text).toBe('⚠️ Reclamação: NPS 3/10');
    expect(allText(alert.blocks)).toMatch(/Atendente: Ana.*Ticket: T-2/);
    expect(buttons(alert.blocks)[0]).toMatchObject({ url: 'https://desk.example.com/tickets/T-2' });

    const reason = buttons(answer.blocks).find((b) => label(b) === 'It took too long')!;
    const thanks = await click({ message: { ...message, blocks: answer.blocks }, button: reason, user: 'U_CLIENT' });
    expect(allText(thanks.blocks)).toContain('Reason: It took too long');
    await click({ message, button: scoreButton(posted.blocks, 2), user: 'U_CLIENT' });

    expect(api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === 'C_SUP')).toHaveLength(1);
    const updates = api.calls('/api/chat.update').filter((c) => webApiArgs(c)['channel'] === 'C_SUP');
    expect(updates).toHaveLength(2);
    expect(webApiArgs(updates.at(-1)!)['text']).toBe('⚠️ Reclamação: NPS 2/10');
    expect(await kpis()).toMatchObject({ nps: { responses: 1, score: -100 } });
  });
});

describe('bad input', () => {
  let target: { id: string; message: { channelId: string; messageId: string; blocks: Block[] } };
  beforeAll(async () => {
    const sent = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { userId: 'UTAMPER1' }, locale: 'en' });
    target = { id: sent.body.id, message: { ...sent.body.message!, blocks: postedTo('UTAMPER1').blocks } };
  });

  it.each([
    ['a score out of range', (id: string) => JSON.stringify({ s: id, v: 9 }), /whole number from 1 to 5/],
    ['a fractional score', (id: string) => JSON.stringify({ s: id, v: 4.5 }), /whole number from 1 to 5/],
    ['a value that is not JSON', () => 'v=5', /not valid/],
    ['an unknown survey id', () => JSON.stringify({ s: 'ffffffffffffffffffffffff', v: 5 }), /does not exist/],
    ['extra fields', (id: string) => JSON.stringify({ s: id, v: 5, tenant: 'TB' }), /not valid/],
  ])('refuses %s and records nothing', async (_name, value, message) => {
    const answer = await click({ message: target.message, button: { action_id: 'survey.answer:0', text: 'x' }, value: value(target.id), user: 'UTAMPER1' });
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(message);
    expect(await responses(target.id)).toHaveLength(0);
  });

  it('refuses another tenant’s survey, and a button whose survey is not the one of its message', async () => {
    const other = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { userId: 'UB00001' }, locale: 'en' }, KEYS.b);
    expect(other.status).toBe(201);
    const cross = await click({ message: target.message, button: { action_id: 'survey.answer:0' }, value: JSON.stringify({ s: other.body.id, v: 5 }), user: 'UTAMPER1' });
    expect(cross.text).toMatch(/does not exist or is not for this conversation/);
    expect(await svc.service.models.surveyResponses.countDocuments({ surveyId: other.body.id })).toBe(0);
  });

  it('answers a customer of another workspace (Slack Connect) clicking on the survey’s own message', async () => {
    const answer = await click({ message: target.message, button: scoreButton(target.message.blocks, 5), user: 'U_EXTERNAL', team: 'TCUSTOMERCO' });
    expect(answer.text).toMatch(/Thank you! Your answer: 😄 5\/5/);
    expect(await svc.service.models.surveyResponses.countDocuments({ surveyId: target.id, tenantId: 'TA' })).toBe(1);
  });

  it.each([
    [{ type: 'ces', platform: 'slack', recipient: { userId: 'UONE001' } }, /type must be "csat" or "nps"/],
    [{ type: 'csat', platform: 'slack', recipient: { userId: 'not-an-id' } }, /recipient must be/],
    [{ type: 'csat', platform: 'slack', recipient: { userId: 'UONE001' }, interactionExternalId: 'NOPE' }, /No interaction "NOPE"/],
    // this service has no Teams credentials: Teams is not mounted
    [{ type: 'csat', platform: 'teams', recipient: { conversationId: 'a:1' } }, /Teams is not configured on this service/],
    [{ type: 'csat', platform: 'slack', recipient: { userId: 'UONE001' }, extra: 1 }, /Unknown field\(s\): extra/],
  ])('the API refuses %j with a clear message and sends nothing', async (body, message) => {
    const res = await sendSurvey(body);
    expect([400, 422, 502]).toContain(res.status);
    expect((res.body as unknown as { error: { message: string } }).error.message).toMatch(message);
    expect(api.calls('/api/chat.postMessage')).toHaveLength(0);
  });

  it('a platform refusal is reported (502) and the survey can be sent again later', async () => {
    api.on('/api/chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const failed = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { channelId: 'CGONE01' }, interactionExternalId: 'T-3' });
    expect(failed.status).toBe(502);
    expect((failed.body as unknown as { error: { message: string } }).error.message).toMatch(/could not be delivered \(channel_not_found\)/);
    api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764082800.${String(++ts).padStart(6, '0')}` } }));
    const retried = await sendSurvey({ type: 'csat', platform: 'slack', recipient: { channelId: 'CBACK01' }, interactionExternalId: 'T-3' });
    expect(retried.status).toBe(201);
    expect(await svc.service.models.surveys.countDocuments({ tenantId: 'TA', 'interaction.externalId': 'T-3' })).toBe(1);
  });
});

describe('/survey', () => {
  it('send: a mention and a ticket, answered ephemerally to the sender', async () => {
    const answer = await command('send nps <@UNEW001|joana> T-1');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/Survey sent \(NPS\)/);
    expect(postedTo('UNEW001').text).toBe('How likely are you to recommend us to a friend or colleague?');
    expect((await command('enviar csat ninguém')).text).toMatch(/Who should answer/);
  });

  it('results: distribution chart and latest comments; people only for supervisors', async () => {
    const sup = await command('results week');
    expect(sup.blocks[0]!.text!.text).toMatch(/^Survey results · This week/);
    expect(allText(sup.blocks)).toMatch(/CSAT/);
    expect(sup.blocks.some((b) => b.type === 'image')).toBe(true);
    expect(allText(sup.blocks)).toContain('Atendimento rápido e gentil');
    expect(allText(sup.blocks)).toContain('UCUST01');
    // Ana is an agent: she sees her own customers' words, not who wrote them
    const agent = await command('results week', 'U_ANA');
    expect(allText(agent.blocks)).toContain('Atendimento rápido e gentil');
    expect(allText(agent.blocks)).not.toContain('UCUST01');
  });
});

describe('automatic surveys', () => {
  it('are scheduled when a ticket is resolved and sent 24 h later, once', async () => {
    const patch = await svc.api('/api/v1/settings/surveys', { method: 'PATCH', body: JSON.stringify({ autoSend: { enabled: true } }), headers: json });
    expect(await patch.json()).toMatchObject({ autoSend: { enabled: true, delayHours: 24, type: 'csat', platform: 'slack' }, expiryDays: 28 });
    const ticket = {
      externalId: 'AUTO-1', channel: 'email', customer: { id: 'c-auto', slackUserId: 'UAUTO01' }, agent: { id: 'U_ANA' }, status: 'resolved',
      createdAt: new Date(NOW.getTime() - 3_600_000).toISOString(), resolvedAt: NOW.toISOString(),
    };
    const post = () => svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(ticket), headers: json });
    expect((await post()).status).toBe(200);
    const deps = svc.service.bot;
    clock = new Date(NOW.getTime() + 23 * 3_600_000);
    expect(await sendDueSurveys(deps, (_s, e) => { throw e; })).toBe(0);
    clock = new Date(NOW.getTime() + 24 * 3_600_000);
    const [a, b] = await Promise.all([sendDueSurveys(deps, (_s, e) => { throw e; }), sendDueSurveys(deps, (_s, e) => { throw e; })]);
    expect(a + b).toBe(1);
    expect(postedTo('UAUTO01').text).toBe('Qual é a sua satisfação com o atendimento que recebeu?');
    // re-sent, updated or resolved again, the ticket never gets a second survey
    expect((await post()).status).toBe(200);
    expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify({ ...ticket, notes: 'again' }), headers: json })).status).toBe(200);
    clock = new Date(NOW.getTime() + 50 * 3_600_000);
    expect(await sendDueSurveys(deps, (_s, e) => { throw e; })).toBe(0);
    expect(await svc.service.models.surveys.countDocuments({ tenantId: 'TA', 'interaction.externalId': 'AUTO-1' })).toBe(1);
  });
});
