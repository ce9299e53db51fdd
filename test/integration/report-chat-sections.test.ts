/**
 * The chat report follows the report document's sections in short form, on the real service:
 * posted on Slack and on Teams (en and pt-BR) it has the seven headings, its summary names the
 * movements of GET /api/v1/kpis for the same period; an empty period and a tenant without
 * targets say so; a schedule with `document` posts that card and the PDF (Slack: a file in the
 * thread; Teams: a signed link that downloads it).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t, type Locale } from '../../src/core/i18n/index.js';
import { movements, summaryTexts, type KpiNumbers } from '../../src/core/reports/document/texts.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { formatKpi } from '../../src/core/kpi/views/kpi-defs.js';
import { pdfIn, pdfPages } from '../support/pdf.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const SUP = 'USUP0001';
const SUP_PT = 'USUPPT01';
const TEAMS_SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-0000000000aa', name: 'Sara' };
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const CONV = '19:sections@thread.tacv2';
const PUBLIC = 'https://bot.example.com';
const SECTIONS = ['summary', 'deliveries', 'metrics', 'analysis', 'feedback', 'opportunities', 'recommendations'] as const;
const json = { 'content-type': 'application/json' };
let clock = new Date('2026-12-01T09:00:00Z'); // a Tuesday: last week is Nov 23 – 29
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;
let hooks = 0;

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string }[] };
type Json = { type?: string; text?: string; items?: Json[]; columns?: Json[]; body?: Json[]; actions?: { type: string; url?: string }[] };
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** the text lines of a Slack message, in order (a heading is its own "*…*" line) */
const slackLines = (blocks: Block[]) => blocks.flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e) => e.text)].filter((x): x is string => typeof x === 'string')).flatMap((x) => unescape(x).split('\n'));
/** the TextBlocks of an Adaptive Card, in order */
const teamsLines = (card: Json): string[] => (card.body ?? []).flatMap(function walk(x: Json): string[] {
  return [...(x.type === 'TextBlock' && x.text ? [x.text] : []), ...(x.items ?? []).flatMap(walk), ...(x.columns ?? []).flatMap(walk)];
});
/** the lines under a heading, up to the next one */
function under(lines: string[], heading: string, locale: Locale): string[] {
  const headings = SECTIONS.map((id) => t(locale, `document.section.${id}`));
  const i = lines.findIndex((l) => l.replace(/^\*|\*$/g, '') === heading);
  expect(i, heading).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(i + 1);
  const end = rest.findIndex((l) => headings.includes(l.replace(/^\*|\*$/g, '')));
  return rest.slice(0, end < 0 ? undefined : end).filter((l) => l.trim());
}

async function slash(text: string, user = SUP, channel = 'CSEC0001', team = 'TA') {
  const url = slack.hook(`cmd/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: team, channel_id: channel, user_id: user, command: '/report', text, response_url: url }))).status).toBe(200);
  return (await slack.waitFor((r) => r.path === new URL(url).pathname, 20_000)).body as { text: string; blocks?: Block[] };
}
const slackPosts = (channel: string) => slack.calls('/api/chat.postMessage').map((c) => webApiArgs(c) as { channel: string; blocks: Block[] | string; text: string }).filter((a) => a.channel === channel).map((a) => (typeof a.blocks === 'string' ? (JSON.parse(a.blocks) as Block[]) : a.blocks));

const activity = (over: Record<string, unknown>, locale = 'en-US') => ({
  id: `a${Math.random().toString(36).slice(2)}`, timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: TEAMS_SUP,
  conversation: { conversationType: 'channel', id: CONV, tenantId: GUID_TENANTS.a }, recipient: BOT, channelData: { tenant: { id: GUID_TENANTS.a } }, locale, ...over,
});
const teams = (text: string, locale = 'en-US') => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'message', text }, locale)), headers: json });
const cardOf = (body: unknown) => (body as { attachments?: { content: Json }[] }).attachments?.[0]?.content;
const teamsReports = () => connector.requests.filter((r) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`).map((r) => cardOf(r.body)).filter((c): c is Json => !!c && teamsLines(c)[0]!.startsWith('📊'));

/** last week busier and faster than the week before, with CSAT answers in both */
async function seed(key: string) {
  const hour = 3_600_000;
  const week = (start: string, n: number, frt: number, rt: number) => Array.from({ length: n }, (_, i) => {
    const created = new Date(start).getTime() + i * 6 * hour;
    return { externalId: `${start.slice(5, 10)}-${i}`, channel: i % 2 ? 'email' : 'chat', customer: { id: `c${i % 5}` }, category: ['billing', 'delivery', 'returns'][i % 3], status: 'resolved', createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + frt * 60_000).toISOString(), resolvedAt: new Date(created + rt * 60_000).toISOString() };
  });
  const records = [...week('2026-11-16T08:00:00Z', 10, 60, 300), ...week('2026-11-23T08:00:00Z', 20, 15, 120)];
  expect((await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
  const answers = [
    ...[3, 2, 4, 3, 5].map((score, i) => ({ type: 'csat', score, externalId: `p${i}`, respondedAt: `2026-11-${17 + i}T12:00:00Z` })),
    ...[5, 5, 4, 5, 5, 4].map((score, i) => ({ type: 'csat', score, externalId: `c${i}`, respondedAt: `2026-11-${23 + i}T12:00:00Z`, comment: i === 0 ? 'Quick & kind answer' : undefined })),
  ];
  const res = await svc.api('/api/v1/survey-responses', { key, method: 'POST', body: JSON.stringify(answers), headers: json });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function apiKpis(key: string, locale: Locale): Promise<KpiNumbers & { period: { label: string } }> {
  const res = await svc.api('/api/v1/kpis?period=last%20week', { key, headers: { 'accept-language': locale } });
  expect(res.status).toBe(200);
  return (await res.json()) as KpiNumbers & { period: { label: string } };
}

/** the summary's lines are the document's summary of the API's numbers, movements with their values */
async function expectSummaryOfApi(summary: string[], key: string, locale: Locale) {
  const kpis = await apiKpis(key, locale);
  const expected = summaryTexts({ current: kpis.current, previous: kpis.previous, targets: kpis.targets ?? {} }, kpis.period.label, locale);
  expect(summary.map((l) => l.replace(/^•\s*/, ''))).toEqual(expected);
  const moves = movements({ current: kpis.current, previous: kpis.previous, targets: {} }).slice(0, 3);
  expect(moves.length).toBeGreaterThanOrEqual(2);
  moves.forEach((m, i) => {
    expect(summary[i + 1]).toContain(formatKpi(m.def.kind, m.prev, locale));
    expect(summary[i + 1]).toContain(formatKpi(m.def.kind, m.cur, locale));
  });
}

beforeAll(async () => {
  slack = await startSlackApi({ locales: { [SUP_PT]: 'pt-BR' } });
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService(
    {
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: `${SUP},${SUP_PT},${TEAMS_SUP.aadObjectId}`, DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC', PUBLIC_URL: PUBLIC,
    },
    () => clock,
  );
  await seed(KEYS.a);
  await seed(KEYS.ga);
  // the Teams tenant has targets; the Slack one has none
  const patch = await svc.api('/api/v1/settings', { key: KEYS.ga, method: 'PATCH', body: JSON.stringify({ targets: { 'csat.score': { op: '>=', value: 0.9 }, 'firstResponseMinutes.median': { op: '<=', value: 10 } } }), headers: json });
  expect(patch.status).toBe(200);
  await fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(activity({ type: 'conversationUpdate', membersAdded: [BOT] })), headers: json });
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

describe('the chat report has the document\'s sections', () => {
  for (const [locale, user] of [['en', SUP], ['pt-BR', SUP_PT]] as const) {
    it(`Slack (${locale}): seven headings, the summary of GET /api/v1/kpis, no targets said`, async () => {
      await slash('now last week', user);
      const [blocks, ...more] = slackPosts('CSEC0001');
      expect(more).toHaveLength(0);
      const lines = slackLines(blocks!);
      for (const id of SECTIONS) expect(lines).toContain(`*${t(locale, `document.section.${id}`)}*`);
      await expectSummaryOfApi(under(lines, t(locale, 'document.section.summary'), locale), KEYS.a, locale);
      expect(lines).toContain(t(locale, 'document.no_targets'));
    }, 30_000);

    it(`Teams (${locale}): seven headings, the summary of GET /api/v1/kpis, targets checked`, async () => {
      await teams('report now last week', locale === 'en' ? 'en-US' : 'pt-BR');
      await connector.waitFor(() => teamsReports().length > 0, 20_000);
      const lines = teamsLines(teamsReports()[0]!);
      for (const id of SECTIONS) expect(lines).toContain(t(locale, `document.section.${id}`));
      await expectSummaryOfApi(under(lines, t(locale, 'document.section.summary'), locale), KEYS.ga, locale);
      expect(lines).not.toContain(t(locale, 'document.no_targets'));
      expect(under(lines, t(locale, 'document.section.analysis'), locale).join('\n')).toContain(t(locale, 'kpi.label.csat'));
    }, 30_000);
  }
});

describe('honest about missing data', () => {
  it('an empty period says there was no activity, and how to set a target (en and pt-BR)', async () => {
    for (const [locale, user] of [['en', SUP], ['pt-BR', SUP_PT]] as const) {
      const preview = await slash('preview last week', user, 'CEMPTY01', 'TB');
      const lines = slackLines(preview.blocks!);
      const label = /· (.+)$/.exec(lines[0]!)![1]!;
      const empty = t(locale, 'document.empty', { period: label });
      expect(under(lines, t(locale, 'document.section.summary'), locale)).toEqual([`• ${empty}`]);
      expect(under(lines, t(locale, 'document.section.deliveries'), locale)).toEqual([empty]);
      expect(lines).toContain(t(locale, 'document.no_targets'));
      expect(under(lines, t(locale, 'document.section.feedback'), locale)).toEqual([t(locale, 'document.feedback.none')]);
    }
  }, 30_000);
});

describe('a schedule with document', () => {
  it('Slack: the sectioned card, then the PDF as a file in its thread', async () => {
    await slash('schedule daily 10:00 UTC last week document', SUP, 'CSCHED01');
    slack.clear();
    clock = new Date('2026-12-01T10:00:20Z');
    expect((await runDueReports(svc.service.bot, clock, (e) => { throw e; })).posted).toBe(1);
    const [blocks] = slackPosts('CSCHED01');
    const lines = slackLines(blocks!);
    for (const id of SECTIONS) expect(lines).toContain(`*${t('en', `document.section.${id}`)}*`);
    const pdf = slack.requests.find((r) => r.path.startsWith('/upload/') && r.path.endsWith('.pdf'))!;
    expect(pdfIn(pdf.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const threads = slack.calls('/api/files.completeUploadExternal').map((c) => webApiArgs(c) as { channel_id: string; thread_ts?: string });
    expect(threads.filter((c) => c.channel_id === 'CSCHED01' && c.thread_ts)).toHaveLength(2);
  }, 60_000);

  it('Teams: the sectioned card with a signed link that downloads the PDF', async () => {
    clock = new Date('2026-12-01T11:00:00Z');
    await teams('report schedule daily 12:00 UTC last week document');
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Each post carries the report document'), 10_000);
    connector.clear();
    clock = new Date('2026-12-01T12:00:20Z');
    expect((await runDueReports(svc.service.bot, clock, (e) => { throw e; })).posted).toBe(1);
    const [card, ...more] = teamsReports();
    expect(more).toHaveLength(0);
    const lines = teamsLines(card!);
    for (const id of SECTIONS) expect(lines).toContain(t('en', `document.section.${id}`));
    const urls = [...(card!.body ?? []).flatMap((b) => b.actions ?? []), ...(card!.actions ?? [])].filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url!);
    const link = urls.find((u) => new URL(u).pathname === '/files/report.pdf')!;
    const res = await fetch(link.replace(PUBLIC, svc.url));
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdfPages(Buffer.from(await res.arrayBuffer())).join('\n')).toContain(t('en', 'document.section.summary'));
  }, 60_000);
});
