/**
 * The report document in chat, on the real service: `/report document` uploads the PDF to the
 * Slack conversation (files.uploadV2: getUploadURLExternal → the bytes → completeUploadExternal);
 * `report document` in Teams answers with a signed link (a card button) valid 7 days; a schedule
 * with `document` carries it on its post, exactly once however many passes run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { pdfIn, pdfPages } from '../support/pdf.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const SUP = 'USUP0001';
const AGENT = 'UAGT0001';
const TEAMS_SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-0000000000aa', name: 'Sara' };
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const CONV = '19:docs@thread.tacv2';
const PUBLIC = 'https://bot.example.com';
let clock = new Date('2026-12-01T09:00:00Z'); // a Tuesday
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;
let ts = 0;
/** the ts of the latest post per channel */
const postedTs = new Map<string, string>();

const tick = () => runDueReports(svc.service.bot, clock, (e) => { throw e; });
const uploads = () => slack.requests.filter((r) => r.path.startsWith('/upload/') && r.path.endsWith('.pdf'));
const completes = () => slack.calls('/api/files.completeUploadExternal').map((c) => webApiArgs(c) as { channel_id?: string; thread_ts?: string; files: { id: string; title: string }[]; initial_comment?: string });

let hooks = 0;
async function report(text: string, user = SUP, channel = 'CDOC0001') {
  const url = slack.hook(`cmd/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: channel, user_id: user, command: '/report', text, response_url: url }))).status).toBe(200);
  const body = (await slack.waitFor((r) => r.path === new URL(url).pathname, 20_000)).body as { text: string; blocks?: unknown[] };
  return body.blocks ? `${body.text}\n${JSON.stringify(body.blocks)}` : body.text;
}

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`, timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: TEAMS_SUP,
  conversation: { conversationType: 'channel', id: CONV, tenantId: GUID_TENANTS.a }, recipient: BOT, channelData: { tenant: { id: GUID_TENANTS.a } }, locale: 'en-US', ...over,
});
const teams = (text: string) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'message', text })), headers: { 'content-type': 'application/json' } });
type AdaptiveCard = { body: { type: string; text?: string; actions?: { type: string; url?: string; title?: string }[] }[]; actions?: { type: string; url?: string; title?: string }[] };
const cardOf = (body: unknown) => (body as { attachments?: { content: AdaptiveCard }[] }).attachments?.[0]?.content;
const openUrls = (card: AdaptiveCard) => [...card.body.flatMap((b) => b.actions ?? []), ...(card.actions ?? [])].filter((a) => a.type === 'Action.OpenUrl');

async function seed(key: string) {
  const records = Array.from({ length: 12 }, (_, i) => {
    const created = new Date('2026-11-24T12:00:00Z').getTime() + i * 3_600_000;
    return { externalId: `t${i}`, channel: i % 2 ? 'email' : 'chat', customer: { id: `c${i % 4}` }, category: 'billing', status: 'resolved', createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + 20 * 60_000).toISOString(), resolvedAt: new Date(created + 90 * 60_000).toISOString(), rootCause: i % 3 ? 'Invoice template' : 'Late sync', problem: 'Wrong total' };
  });
  expect((await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } })).status).toBe(200);
}

beforeAll(async () => {
  slack = await startSlackApi();
  slack.on('/api/chat.postMessage', (req) => {
    const channel = String(webApiArgs(req)['channel']);
    postedTs.set(channel, `1764580000.${String(++ts).padStart(6, '0')}`);
    return { body: { ok: true, channel, ts: postedTs.get(channel) } };
  });
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService(
    {
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: `${SUP},${TEAMS_SUP.aadObjectId}`, DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC', PUBLIC_URL: PUBLIC,
    },
    () => clock,
  );
  await svc.service.deps.tenants.update('TA', { name: 'Acme Support' });
  await seed('key-tenant-a-0123456789');
  await seed('key-tenant-guid-a-0123456789');
  await fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'conversationUpdate', membersAdded: [BOT] })), headers: { 'content-type': 'application/json' } });
}, 120_000);
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
  await connector?.close();
});
beforeEach(() => {
  slack.clear();
  connector.clear();
});

describe('/report document in Slack', () => {
  it('uploads the PDF to the conversation with files.uploadV2', async () => {
    expect(await report('document last week')).toMatch(/^Report document \(.+\) posted here as a PDF\./);
    const [asked] = slack.calls('/api/files.getUploadURLExternal').map((c) => webApiArgs(c));
    expect(String(asked!['filename'])).toBe('customer-service-report-2026-11-23.pdf');
    expect(uploads()).toHaveLength(1);
    const pages = pdfPages(pdfIn(uploads()[0]!.bytes));
    expect(pages.join('\n')).toContain('1. Executive summary');
    expect(pages.join('\n')).toContain('Invoice template');
    pages.forEach((p) => expect(p).toContain('Acme Support'));
    const [complete, ...more] = completes();
    expect(more).toHaveLength(0);
    expect(complete!.channel_id).toBe('CDOC0001');
    expect(complete!.thread_ts).toBeUndefined();
  }, 30_000);

  it('refuses words it does not understand, and people who are not supervisors; nothing is uploaded', async () => {
    expect(await report('document last week please')).toMatch(/did not understand "please".*\/report document last month/);
    expect(await report('document last week', AGENT)).toMatch(/Only supervisors/);
    expect(slack.calls('/api/files.getUploadURLExternal')).toHaveLength(0);
    expect(completes()).toHaveLength(0);
  });
});

describe('report document in Teams', () => {
  it('answers with a signed link, a card button valid 7 days, that opens the PDF', async () => {
    expect((await teams('report document last week')).status).toBeLessThan(300);
    const reply = await connector.waitFor((r) => cardOf(r.body) !== undefined, 10_000);
    const card = cardOf(reply.body)!;
    expect(JSON.stringify(card)).toContain('(7 days)');
    const [button] = openUrls(card);
    expect(button!.title).toBe('Open the report document (PDF)');
    expect(button!.url).toMatch(/^https:\/\/bot\.example\.com\/files\/report\.pdf\?token=/);
    const local = button!.url!.replace(PUBLIC, svc.url);
    const res = await fetch(local);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdfPages(Buffer.from(await res.arrayBuffer())).join('\n')).toContain('9. Conclusion');
    const at = clock;
    clock = new Date(at.getTime() + 7 * 86_400_000 + 60_000);
    expect((await fetch(local)).status).toBe(403);
    clock = at;
  }, 30_000);

  it('refuses unknown words there too', async () => {
    await teams('report document last week please');
    const reply = await connector.waitFor((r) => JSON.stringify(r.body).includes('did not understand'), 10_000);
    expect(JSON.stringify(reply.body)).toContain('report document last month');
    expect(connector.requests.filter((r) => JSON.stringify(r.body).includes('/files/report.pdf'))).toHaveLength(0);
  });
});

describe('a schedule with document', () => {
  it('Slack: the PDF goes in the post\'s thread, once, however many passes run at the fire time', async () => {
    const id = /Id ([a-f0-9]{24})/.exec(await report('schedule daily 10:00 UTC yesterday document', SUP, 'CSCHED01'))![1]!;
    expect(await report('list', SUP, 'CSCHED01')).toContain('with the report document');
    slack.clear();
    clock = new Date('2026-12-01T10:00:20Z');
    // two instances' passes at once, then a later one: one run, one post, one document
    const counts = await Promise.all([tick(), tick()]);
    await tick();
    expect(counts.reduce((n, c) => n + c.posted, 0)).toBe(1);
    const posts = slack.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === 'CSCHED01');
    expect(posts).toHaveLength(1);
    expect(uploads()).toHaveLength(1);
    const inThread = completes().filter((c) => c.channel_id === 'CSCHED01');
    // the CSV annex and the document, both in the report's thread
    expect(inThread).toHaveLength(2);
    for (const c of inThread) expect(c.thread_ts).toBe(postedTs.get('CSCHED01'));
    expect(pdfPages(pdfIn(uploads()[0]!.bytes)).join('\n')).toContain('3. Deliveries');
    // without the word, an edit stops attaching it
    await report(`edit ${id} daily 10:00 UTC yesterday`, SUP, 'CSCHED01');
    slack.clear();
    clock = new Date('2026-12-02T10:00:20Z');
    expect((await tick()).posted).toBe(1);
    expect(uploads()).toHaveLength(0);
    expect(completes()).toHaveLength(1);
  }, 60_000);

  it('Teams: the post carries the document link beside the CSV annex', async () => {
    clock = new Date('2026-12-02T11:00:00Z');
    await teams('report schedule daily 12:00 UTC yesterday document');
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Each post carries the report document'), 10_000);
    connector.clear();
    clock = new Date('2026-12-02T12:00:20Z');
    expect((await Promise.all([tick(), tick()])).reduce((n, c) => n + c.posted, 0)).toBe(1);
    const sent = connector.requests.filter((r) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`);
    expect(sent).toHaveLength(1);
    const urls = openUrls(cardOf(sent[0]!.body)!).map((a) => a.url!);
    expect(urls.map((u) => new URL(u).pathname).sort()).toEqual(['/files/report.csv', '/files/report.pdf']);
    const pdf = await fetch(urls.find((u) => u.includes('.pdf'))!.replace(PUBLIC, svc.url));
    expect(pdf.status).toBe(200);
    expect(pdfPages(Buffer.from(await pdf.arrayBuffer())).join('\n')).toContain('Annex');
  }, 60_000);
});
