/**
 * No command ignores words: every command and subcommand that is given a word it does not
 * understand refuses, naming that word with an example of its right form (en and pt-BR), and
 * changes nothing (no document written, nothing posted). `/report now [period] [filters]` posts
 * the period asked for, read as `/report preview` reads it. Signed Slack commands and Teams
 * messages through the real service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { eventEnvelope, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const SUP = 'USUP0001';
const SUP_PT = 'USUPPT01';
const CH = 'CWORDS01';
const TEAMS_SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-0000000000cc', name: 'Sara' };
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const CONV = '19:words@thread.tacv2';
// a Wednesday: last week is 16–22 November
const clock = new Date('2026-11-25T12:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;

const unescape = (s: string) => s.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
const WRITES = ['/api/chat.postMessage', '/api/chat.update', '/api/views.open', '/api/files.completeUploadExternal'];
const writes = () => api.requests.filter((r) => WRITES.includes(r.path));

let hooks = 0;
async function command(name: string, text: string, user = SUP) {
  const hook = api.hook(`w/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: CH, user_id: user, command: name, text, response_url: hook }))).status).toBe(200);
  const body = (await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body as { response_type?: string; text: string; blocks?: unknown[] };
  return { ...body, text: unescape(body.text) };
}

/** Everything a command of this suite could change, as stored. */
async function snapshot() {
  const m = svc.service.models;
  const all = await Promise.all([m.reportSchedules, m.reportRuns, m.kpiAlerts, m.surveys, m.meetings, m.actionItems, m.tenants].map((x) => (x as typeof m.meetings).find({}).sort({ _id: 1 }).lean()));
  return JSON.stringify(all);
}

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`, timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: TEAMS_SUP,
  conversation: { conversationType: 'channel', id: CONV, tenantId: GUID_TENANTS.a }, recipient: BOT, channelData: { tenant: { id: GUID_TENANTS.a } }, locale: 'en-US', ...over,
});
const teams = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const teamsSent = () => connector.requests.map((r) => JSON.stringify(r.body)).join('\n');

beforeAll(async () => {
  api = await startSlackApi({ locales: { [SUP_PT]: 'pt-BR' } });
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: `${SUP},${SUP_PT},${TEAMS_SUP.aadObjectId}`, DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC', TEAMS_ALLOW_UNAUTHENTICATED: 'true' },
    () => clock,
  );
  await teams(activity({ type: 'conversationUpdate', membersAdded: [BOT] }));
  // the Teams tenant exists before anything is compared (a first message would create it)
  await svc.service.deps.tenants.get(GUID_TENANTS.a);
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
  await connector?.close();
});

describe('a word no command understands', () => {
  let scheduleId = '';
  let alertId = '';

  beforeAll(async () => {
    scheduleId = /Id ([a-f0-9]{24})/.exec((await command('/report', 'schedule daily 08:30')).text)![1]!;
    alertId = /([a-f0-9]{24})/.exec((await command('/kpi', 'alert volume > 1000')).text)![1]!;
    // the agenda card is posted to the channel (a message an agenda edit updates); the answer says so
    expect((await command('/meeting', 'new Weekly sync | today 15:00 | 30 | KPIs (10)')).text).toMatch(/"Weekly sync" is planned; its agenda is in the channel/);
    expect((await command('/actions', `add Call back ACME <@${SUP}|sup> tomorrow`)).text).toMatch(/./);
  });

  // [command, text, user, word named, a piece of the example]
  const cases: [string, string, string, string, string][] = [
    ['/report', 'list foo', SUP, 'foo', 'Try: /report list'],
    ['/report', 'history foo', SUP, 'foo', 'Try: /report history'],
    ['/report', 'now please', SUP, 'please', 'Try: /report now 2026-10-05..2026-10-11'],
    ['/report', 'preview last week please', SUP, 'please', 'Try: /report preview'],
    ['/report', 'schedule weekly mon 09:00 last week bogus', SUP, 'bogus', 'Try: /report schedule weekly mon 09:00'],
    ['/report', 'pause {schedule} now', SUP, 'now', 'Try: /report pause <id>'],
    ['/report', 'remove {schedule} please', SUP, 'please', 'Try: /report remove <id>'],
    ['/report', 'edit {schedule} daily 09:00 bogus', SUP, 'bogus', 'Try: /report edit <id>'],
    ['/report', 'frobnicate', SUP, 'frobnicate', '/report list'],
    ['/report', 'agora semana passada por favor', SUP_PT, 'por', 'Tente: /report agora'],
    ['/kpi', 'alert list x', SUP, 'x', 'Try: /kpi alert list'],
    ['/kpi', 'alert pause {alert} x', SUP, 'x', 'Try: /kpi alert pause <id>'],
    ['/kpi', 'alerta remover {alert} x', SUP_PT, 'x', 'Tente: /kpi alerta remover <id>'],
    ['/survey', 'results week bogus', SUP, 'bogus', 'Try: /survey results'],
    ['/survey', 'resultados semana bogus', SUP_PT, 'bogus', 'Tente: /survey resultados'],
    ['/survey', 'send csat <@UCUST001> T-1 extra', SUP, 'extra', 'Try: /survey send csat'],
    ['/survey', 'alerts here please', SUP, 'please', 'Try: /survey alerts here'],
    ['/survey', 'frobnicate', SUP, 'frobnicate', '/survey send'],
    ['/meeting', 'start now please', SUP, 'now', 'Try: /meeting start'],
    ['/meeting', 'end x', SUP, 'x', 'Try: /meeting end'],
    ['/meeting', 'new weekly tomorrow 10:00 please', SUP, 'please', 'Try: /meeting new weekly'],
    ['/meeting', 'new Sync | today 16:00 | 30 | KPIs (10) | extra', SUP, 'extra', 'Try: /meeting new Weekly review |'],
    ['/meeting', 'iniciar agora', SUP_PT, 'agora', 'Tente: /meeting iniciar'],
    ['/meeting', 'reschedule tomorrow 10:00 please', SUP, 'please', 'Try: /meeting reschedule tomorrow 15:00'],
    ['/meeting', 'remarcar amanhã 10:00 agora', SUP_PT, 'agora', 'Tente: /meeting remarcar amanhã 15:00'],
    ['/meeting', 'agenda frobnicate', SUP, 'frobnicate', 'Try: /meeting agenda add'],
    ['/meeting', 'agenda remove 1 please', SUP, 'please', 'Try: /meeting agenda remove 2'],
    ['/meeting', 'agenda move 1 2 3', SUP, '3', 'Try: /meeting agenda move 3 1'],
    ['/meeting', 'pauta remover 1 agora', SUP_PT, 'agora', 'Tente: /meeting pauta remover 2'],
    ['/actions', 'cancel 1 now', SUP, 'now', 'Try: /actions cancel 12'],
    ['/actions', 'due 1 tomorrow please', SUP, 'please', 'Try: /actions due 12'],
    ['/actions', `reassign 1 <@${SUP}|sup> please`, SUP, 'please', 'Try: /actions reassign 12 @bruno'],
    ['/actions', 'edit one Call back', SUP, 'one', 'Try: /actions edit 12'],
    ['/actions', 'prazo 1 amanhã agora', SUP_PT, 'agora', 'Tente: /actions prazo 12'],
    ['/actions', 'team extra', SUP, 'extra', 'Try: /actions team'],
    ['/actions', 'overdue extra', SUP, 'extra', 'Try: /actions overdue'],
    ['/actions', 'mine extra', SUP, 'extra', 'Try: /actions'],
    ['/actions', 'frobnicate', SUP, 'frobnicate', '/actions add'],
    ['/actions', 'equipe extra', SUP_PT, 'extra', 'Tente: /actions equipe'],
    ['/kpi', 'help frobnicate', SUP, 'frobnicate', 'Try: /kpi help'],
    ['/kpi', 'target list foo', SUP, 'foo', 'Try: /kpi target list'],
    ['/kpi', 'target csat >= 85% please', SUP, 'please', 'Try: /kpi target csat >= 85%'],
    ['/kpi', 'target remove csat now', SUP, 'now', 'Try: /kpi target remove csat'],
    ['/kpi', 'meta remover csat agora', SUP_PT, 'agora', 'Tente: /kpi meta remover csat'],
  ];

  for (const [name, template, user, word, example] of cases) {
    it(`${name} ${template} (${user === SUP_PT ? 'pt-BR' : 'en'})`, async () => {
      const text = template.replace('{schedule}', scheduleId).replace('{alert}', alertId);
      const before = await snapshot();
      api.clear();
      const answer = await command(name, text, user);
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain(`"${word}"`);
      expect(answer.text).toContain(user === SUP_PT ? 'Não entendi' : 'I did not understand');
      expect(answer.text).toContain(example);
      expect(writes()).toEqual([]);
      expect(await snapshot()).toBe(before);
    });
  }

  it('/kpi stays strict: an unknown word is refused with examples', async () => {
    const answer = await command('/kpi', 'week bogus');
    expect(answer.text).toMatch(/"bogus"/);
    expect(answer.text).toContain('Examples: /kpi week');
  });

  it('free text is used, not refused: a meeting title and an action’s words', async () => {
    const before = await svc.service.models.meetings.countDocuments({ channelId: CH });
    expect((await command('/meeting', 'new Now please start the review | today 17:00 | 30 | Extra words (10)')).text).toMatch(/is planned; its agenda is in the channel/);
    expect(await svc.service.models.meetings.countDocuments({ channelId: CH })).toBe(before + 1);
    expect((await command('/actions', `add Please list team extra overdue items <@${SUP}|sup> +3d`)).text).not.toMatch(/did not understand/);
    expect(await svc.service.models.actionItems.countDocuments({ text: 'Please list team extra overdue items' })).toBe(1);
  });

  it('help names one command when asked (`kpi help report`)', async () => {
    const answer = await command('/kpi', 'help report');
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain('/report schedule weekly');
    expect(text).not.toContain('/survey send');
  });
});

describe('Slack mentions', () => {
  // a mention keeps its command word ("kpi alert list"): read as the slash command reads it
  it('"@bot kpi alert list" lists the alerts and "@bot kpi help report" explains /report', async () => {
    const mention = (text: string) => postSigned(`${svc.url}/slack/events`, eventEnvelope({ type: 'app_mention', channel: CH, user: SUP, text: `<@UBOT> ${text}`, ts: '1764082800.000300', event_ts: '1764082800.000300' }, { team: 'TA' }), { contentType: 'application/json' });
    api.clear();
    await mention('kpi alert list');
    const list = await api.waitFor((r) => r.path === '/api/chat.postEphemeral', 8000);
    expect(JSON.stringify(webApiArgs(list)['blocks'])).toContain(t('en', 'alert.list.title'));
    api.clear();
    await mention('kpi help report');
    const help = await api.waitFor((r) => r.path === '/api/chat.postEphemeral', 8000);
    expect(JSON.stringify(webApiArgs(help)['blocks'])).toContain('/report schedule weekly');
  });
});

describe('/report now [period] [filters]', () => {
  const csvDates = () => {
    const upload = api.requests.filter((r) => r.path.startsWith('/upload/report-')).at(-1)!;
    // the CSV's rows, one a day of the period (inside the multipart upload)
    return upload.raw.match(/^\d{4}-\d{2}-\d{2}(?=,)/gm);
  };
  const posted = () => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === CH);
  /** the CSV row of a day: date,volume,… */
  const csvRow = (day: string) => api.requests.filter((r) => r.path.startsWith('/upload/report-')).at(-1)!.raw.match(new RegExp(`^${day},(\\d+),`, 'm'))?.[1];

  beforeAll(async () => {
    // last week: 3 by email and 2 by chat on Tuesday
    const records = ['email', 'email', 'email', 'chat', 'chat'].map((channel, i) => ({ externalId: `w-${i}`, channel, customer: { id: `c-${i}` }, status: 'open', createdAt: '2026-11-17T10:00:00Z' }));
    expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  it('posts the report of the period asked for', async () => {
    api.clear();
    expect((await command('/report', 'now 2026-10-05..2026-10-11')).text).toMatch(/Report posted/);
    expect(posted()).toHaveLength(1);
    expect(unescape(String(webApiArgs(posted()[0]!)['text']))).toMatch(/Report · .*Oct 5.*11, 2026/);
    await api.waitFor((r) => r.path === '/api/files.completeUploadExternal', 8000);
    expect(csvDates()).toEqual(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11']);
  });

  it('alone, still posts last week’s; with filters only, last week’s with those filters', async () => {
    api.clear();
    expect((await command('/report', 'now')).text).toMatch(/Report posted/);
    expect(unescape(String(webApiArgs(posted()[0]!)['text']))).toMatch(/Report · Last week/);
    await api.waitFor((r) => r.path === '/api/files.completeUploadExternal', 8000);
    expect(csvDates()).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(csvRow('2026-11-17')).toBe('5');
    api.clear();
    expect((await command('/report', 'agora canal:email', SUP_PT)).text).toMatch(/Relatório publicado/);
    expect(unescape(String(webApiArgs(posted()[0]!)['text']))).toMatch(/Relatório · Semana passada/);
    await api.waitFor((r) => r.path === '/api/files.completeUploadExternal', 8000);
    expect(csvDates()).toHaveLength(7);
    // the filter was applied: only the email contacts
    expect(csvRow('2026-11-17')).toBe('3');
  });
});

describe('Teams messages', () => {
  it('refuse a word they do not understand, in the user’s language, and post nothing else', async () => {
    const before = await snapshot();
    connector.clear();
    await teams(activity({ type: 'message', text: 'relatório listar tudo', locale: 'pt-BR' }));
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Não entendi'), 10_000);
    expect(teamsSent()).toContain('\\"tudo\\"');
    expect(teamsSent()).toContain('Tente: report listar');
    await teams(activity({ type: 'message', text: 'actions team extra' }));
    await connector.waitFor((r) => JSON.stringify(r.body).includes('I did not understand'), 10_000);
    expect(teamsSent()).toContain('Try: actions team');
    expect(connector.requests).toHaveLength(2);
    expect(await snapshot()).toBe(before);
  });

  it('report now with a period posts that period', async () => {
    connector.clear();
    await teams(activity({ type: 'message', text: 'report now 2026-10-05..2026-10-11' }));
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Report posted'), 10_000);
    expect(teamsSent()).toMatch(/Report · [^"]*Oct 5[^"]*11, 2026/);
  });
});

describe('words that are names of JavaScript’s own object members', () => {
  // a table of words indexed with what someone typed found Object's members for these
  const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  const INTERNAL = /Something went wrong on our side|Algo deu errado do nosso lado/;

  it('are words like any other in every command: refused or answered, never an internal error, nothing changes', async () => {
    const before = await snapshot();
    for (const w of WORDS) {
      for (const [name, text] of [['/kpi', w], ['/kpi', `channel:${w}`], ['/kpi', `${w}:x`], ['/kpi', `by:${w}`], ['/kpi', `target ${w} >= 5`], ['/kpi', `alert ${w} > 5`], ['/meeting', `stats ${w}`], ['/meeting', w], ['/survey', `results ${w}`], ['/actions', w], ['/report', `preview ${w}`]] as const) {
        const answer = await command(name, text);
        expect(answer.text, `${name} ${text}`).not.toMatch(INTERNAL);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('on Teams a message starting with one gets the help, and the REST API refuses it as a period with a 400', async () => {
    connector.clear();
    for (const w of WORDS) await teams(activity({ type: 'message', text: `${w} week` }));
    await connector.waitFor(() => connector.requests.length >= WORDS.length, 10_000);
    expect(teamsSent()).not.toMatch(INTERNAL);
    for (const w of WORDS) {
      const res = await svc.api(`/api/v1/kpis?period=${encodeURIComponent(w)}`);
      expect(res.status, w).toBe(400);
    }
  });
});
