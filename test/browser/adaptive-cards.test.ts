/**
 * Every Adaptive Card the bot sends renders in Microsoft's `adaptivecards` JS renderer inside
 * headless Chromium (Debian's, no download), without parse or validation errors.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToAdaptive } from '../../src/adapters/teams/render/adaptive-card.js';
import { emptyStats, kpisFromStats } from '../../src/core/kpi/stats.js';
import { resolvePeriod } from '../../src/core/periods/index.js';
import { helpCard } from '../../src/core/bot/help-card.js';
import { kpiCard } from '../../src/core/kpi/views/kpi-card.js';
import type { KpiReport } from '../../src/core/kpi/get-kpis.js';
import { reasonsOf, surveyFinalCard, surveyQuestionCard, surveyReasonsCard, surveyThanksCard } from '../../src/core/surveys/views/survey-card.js';
import { complaintAlertCard } from '../../src/core/surveys/views/complaint-alert.js';
import { DEFAULT_SURVEY_SETTINGS } from '../../src/core/domain/survey.js';
import type { ActionItem, Meeting } from '../../src/core/domain/meeting.js';
import { liveCard, minutesCards, newMeetingForm, ownerActionsCard } from '../../src/core/meetings/views/meeting-cards.js';
import { meetingStatsCard } from '../../src/core/meetings/views/meeting-stats.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RENDERER = readFileSync('node_modules/adaptivecards/dist/adaptivecards.js', 'utf8');
let browser: Browser;

function sampleKpi(locale: 'en' | 'pt-BR', breakdown?: 'channel') {
  const resolved = resolvePeriod({ kind: 'week' }, 'America/Sao_Paulo', new Date('2026-11-25T15:00:00Z'));
  const stats = emptyStats();
  Object.assign(stats.c, { vol: 420, res: 380, frtN: 400, frtMs: 400 * 35 * 60_000, reo: 12, fcr: 300, sla: 340, escN: 20, escMs: 20 * 90 * 60_000, csN: 80, csS: 340, npN: 40, svS: 200, svA: 120 });
  stats.h['frt'] = { '60': 200, '80': 200 };
  stats.h['rt'] = { '120': 380 };
  stats.h['cs'] = { '5': 50, '4': 20, '2': 10 };
  stats.h['np'] = { '10': 20, '8': 10, '3': 10 };
  const k = kpisFromStats(stats, 57);
  const prev = kpisFromStats({ ...stats, c: { ...stats.c, vol: 390, sla: 300 } }, 61);
  const report = {
    period: { start: resolved.start.toISOString(), end: resolved.end.toISOString(), label: locale === 'en' ? 'This week (Nov 23 – 25, 2026)' : 'Esta semana (23 – 25 de nov. de 2026)', timezone: resolved.timezone },
    previousPeriod: { start: resolved.previous.start.toISOString(), end: resolved.previous.end.toISOString() },
    current: k,
    previous: prev,
    targets: {},
    resolved,
    ...(breakdown ? { byChannel: { email: k, chat: prev } } : {}),
  } as KpiReport & { resolved: typeof resolved };
  return kpiCard({
    report,
    args: { period: { kind: 'week' }, filters: {}, live: false, ...(breakdown ? { breakdown } : {}) },
    locale,
    targets: [{ kpi: 'firstResponseMinutes.median', op: '<=', value: 60 }, { kpi: 'csat.score', op: '>=', value: 0.85 }],
    updatedAt: new Date('2026-11-25T15:00:00Z'),
    chartUrl: 'data:image/svg+xml;base64,' + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="700" height="320"><rect width="700" height="320" fill="#eef"/><text x="20" y="40">chart</text></svg>').toString('base64'),
    liveId: '0123456789abcdef01234567',
  });
}

/** The survey's steps as a customer sees them, and the supervisors' complaint alert. */
function surveyCards() {
  const base = { id: '0123456789abcdef01234567', tenantId: 'TA', platform: 'teams' as const, recipient: { userId: '29:x' }, status: 'sent' as const, dueAt: new Date('2026-11-25T15:00:00Z'), sentAt: new Date('2026-11-25T15:00:00Z'), expiresAt: new Date('2026-12-23T15:00:00Z'), sentBy: 'api', interaction: { source: 'api', externalId: 'TK-9' } };
  const csat = { survey: { ...base, type: 'csat' as const, locale: 'pt-BR' as const }, timezone: 'America/Sao_Paulo' };
  const nps = { survey: { ...base, type: 'nps' as const, locale: 'en' as const }, timezone: 'America/Sao_Paulo' };
  const response = { externalId: 'survey:x', source: 'api', type: 'csat' as const, score: 2, respondedAt: base.sentAt, dims: { channel: 'chat', team: '-', agent: 'ana', category: '-' }, respondent: '29:x', reason: 'slow', comment: 'Demorou dois dias para alguém responder.' };
  return {
    'teams-survey-csat': cardToAdaptive(surveyQuestionCard(csat)),
    'teams-survey-nps': cardToAdaptive(surveyQuestionCard(nps)),
    'teams-survey-reasons': cardToAdaptive(surveyReasonsCard(csat, response, reasonsOf([]))),
    'teams-survey-thanks-comment-box': cardToAdaptive(surveyThanksCard(csat, { ...response, score: 4, reason: undefined as never, comment: undefined as never })),
    'teams-survey-final': cardToAdaptive(surveyFinalCard(csat, response)),
    'teams-complaint-alert': cardToAdaptive(
      complaintAlertCard({ survey: csat.survey, response, interaction: null, settings: { ...DEFAULT_SURVEY_SETTINGS, interactionUrl: 'https://desk.example.com/t/{externalId}' }, locale: 'pt-BR', timezone: 'America/Sao_Paulo', people: ['0b1f0000-0000-4000-8000-000000000001'] }),
    ),
  };
}
/** The live meeting card (with its three inline forms), the minutes and the planning form. */
function meetingData() {
  const at = new Date('2026-11-26T13:00:00Z');
  const entry = (text: string) => ({ id: text, text, by: '29:ana', at });
  const m: Meeting = {
    id: '0123456789abcdef01234567', tenantId: 'TA', platform: 'teams', channelId: '19:ops', seriesId: 's', title: 'Weekly CS operations review', ownerId: '29:org',
    participants: ['29:ana', '29:bruno'], restricted: true, startsAt: at, durationMinutes: 45, timezone: 'America/Sao_Paulo', reminderMinutes: 15, status: 'running', currentItem: 1, nudged: [], startedAt: at,
    agenda: [
      { id: 'i1', text: 'KPIs of the week', minutes: 15, kind: 'kpi', startedAt: at, endedAt: new Date(at.getTime() + 17 * 60_000), notes: [entry('Volume up 12 %')], decisions: [entry('Open a second shift')] },
      { id: 'i2', text: 'Escalations and complaints', minutes: 15, ownerId: '29:bruno', startedAt: new Date(at.getTime() + 17 * 60_000), notes: [entry('ACME waited 3 days')], decisions: [] },
      { id: 'i3', text: 'Next steps', minutes: 5, notes: [], decisions: [] },
    ],
  };
  const actions: ActionItem[] = [{ id: 'a1', tenantId: 'TA', platform: 'teams', channelId: '19:ops', text: 'Call ACME back', ownerId: '29:bruno', dueDate: '2026-11-27', status: 'open', meetingId: m.id, itemId: 'i2', createdBy: '29:ana', createdAt: at }];
  const ended = { ...m, status: 'ended' as const, endedAt: new Date(at.getTime() + 40 * 60_000) };
  return { at, m, actions, ended };
}
function meetingCards() {
  const { at, m, actions, ended } = meetingData();
  const form = newMeetingForm('pt-BR', '29:org');
  return {
    'teams-meeting-live': cardToAdaptive(liveCard(m, actions, 'en', new Date(at.getTime() + 40 * 60_000)), (id) => ({ '29:ana': 'Ana Souza', '29:bruno': 'Bruno Lima' })[id]),
    'teams-meeting-minutes': cardToAdaptive(minutesCards(ended, actions, 'pt-BR')[0]!),
    'teams-meeting-form': cardToAdaptive({ title: form.title, fallbackText: form.title, elements: [form] }),
    'teams-meeting-stats': cardToAdaptive(
      meetingStatsCard({ period: 'Last 90 days', series: 'Ops review', held: 4, onTime: 3, ratings: { sent: 12, responses: 9, average: 4.2, distribution: [0, 1, 1, 3, 4], comments: ['Good pace', 'Too long on escalations'] }, overruns: [{ text: 'Escalations', planned: 15, count: 4, averageOver: 6.5 }, { text: 'KPIs', planned: 10, count: 4, averageOver: 1 }], actions: { total: 10, closedOnTime: 6, closedLate: 2, open: 2 } }, 'en'),
    ),
  };
}
const FEW_BUTTONS = new Set(['teams-meeting-stats', 'teams-meeting-minutes', 'teams-meeting-form', 'teams-help-card', 'teams-survey-final', 'teams-complaint-alert', 'teams-survey-thanks-comment-box']);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => browser?.close());

describe.skipIf(!existsSync(CHROMIUM))('Adaptive Cards in Microsoft’s renderer (headless Chromium)', () => {
  const cards = {
    'teams-kpi-card': cardToAdaptive(sampleKpi('en')),
    'teams-kpi-card-pt-BR-breakdown': cardToAdaptive(sampleKpi('pt-BR', 'channel')),
    'teams-help-card': cardToAdaptive(helpCard('en', '')),
    ...surveyCards(),
    ...meetingCards(),
  };
  for (const [name, card] of Object.entries(cards)) {
    it(`renders ${name} without errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
      await page.setContent('<html><body style="font-family:sans-serif;background:#f5f5f5"><div id="card" style="width:720px;background:white"></div></body></html>');
      await page.addScriptTag({ content: RENDERER });
      const result = await page.evaluate((json) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is a browser global without types here
        const g = globalThis as unknown as { AdaptiveCards: any; document: any };
        const AC = g.AdaptiveCards;
        const card = new AC.AdaptiveCard();
        const errors: string[] = [];
        const context = new AC.SerializationContext();
        card.parse(json, context);
        for (let i = 0; i < context.eventCount; i++) {
          const e = context.getEventAt(i);
          errors.push(`parse ${e.event}: ${e.message}`);
        }
        for (const e of card.validateProperties().validationEvents) errors.push(`validate ${e.event}: ${e.message}`);
        const el = card.render();
        g.document.getElementById('card').appendChild(el);
        return { errors, buttons: el.querySelectorAll('button').length, inputs: el.querySelectorAll('textarea, input').length, text: el.innerText };
      }, card);
      expect(result.errors).toEqual([]);
      expect(result.text.length).toBeGreaterThan(20);
      if (!FEW_BUTTONS.has(name)) expect(result.buttons).toBeGreaterThanOrEqual(5);
      if (name.includes('comment-box')) expect(result.inputs).toBe(1);
      mkdirSync('test/artifacts', { recursive: true });
      await page.locator('#card').screenshot({ path: `test/artifacts/${name}.png` });
      await page.close();
    });
  }

  it('the meeting form’s template choice is a drop-down of the three templates, None picked', async () => {
    const page = await browser.newPage();
    await page.setContent('<html><body><div id="card"></div></body></html>');
    await page.addScriptTag({ content: RENDERER });
    const select = await page.evaluate((json) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is a browser global without types here
      const g = globalThis as unknown as { AdaptiveCards: any; document: any };
      const card = new g.AdaptiveCards.AdaptiveCard();
      card.parse(json);
      const el = card.render();
      g.document.getElementById('card').appendChild(el);
      const s = el.querySelector('select');
      return s ? { value: s.value as string, options: [...s.options].map((o: { value: string; text: string }) => `${o.value}=${o.text}`) } : null;
    }, cards['teams-meeting-form']);
    await page.close();
    // the renderer adds an empty choice to an optional set: sent as '', it is the custom form too
    expect(select).toEqual({ value: 'custom', options: ['=', 'custom=Nenhum (personalizada)', 'weekly=Revisão semanal', 'one-on-one=1:1 (uma pessoa em Participantes)'] });
  });
});

/** Renders a card as Teams does (Markdown on: single line breaks inside a TextBlock are lost). */
async function renderedLines(card: unknown): Promise<{ rows: string[]; lines: string[] }> {
  const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
  await page.setContent('<html><body style="font-family:sans-serif"><div id="card" style="width:720px"></div></body></html>');
  await page.addScriptTag({ content: RENDERER });
  const out = await page.evaluate((json) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer is a browser global without types here
    const g = globalThis as unknown as { AdaptiveCards: any; document: any };
    const AC = g.AdaptiveCards;
    // like Teams' Markdown: lines of one paragraph join with a space
    AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
      const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      result.outputHtml = esc.split(/\n{2,}/).map((p: string) => `<p>${p.replace(/\n/g, ' ')}</p>`).join('');
      result.didProcess = true;
    };
    const card = new AC.AdaptiveCard();
    card.parse(json);
    const el = card.render();
    g.document.getElementById('card').appendChild(el);
    const rows = [...el.querySelectorAll('.ac-textBlock')].map((b: { innerText: string }) => b.innerText.trim());
    return { rows, text: el.innerText as string };
  }, card);
  await page.close();
  return { rows: out.rows, lines: out.text.split('\n').map((l) => l.trim()).filter(Boolean) };
}

/** The row (one rendered TextBlock) holding `needle`. */
const rowOf = (rows: string[], needle: string) => rows.filter((r) => r.includes(needle));

describe.skipIf(!existsSync(CHROMIUM))('Adaptive Cards: one rendered row per line (Teams loses line breaks inside a TextBlock)', () => {
  it('the KPI card’s “By channel” breakdown shows each channel on its own row', async () => {
    const { rows, lines } = await renderedLines(cardToAdaptive(sampleKpi('en', 'channel')));
    const chat = rowOf(rows, 'chat —');
    const email = rowOf(rows, 'email —');
    expect(chat).toHaveLength(1);
    expect(email).toHaveLength(1);
    expect(chat[0]).not.toContain('email');
    expect(email[0]).not.toContain('chat');
    expect(lines.some((l) => l.startsWith('email —') && !l.includes('chat'))).toBe(true);
    expect(lines.some((l) => l.startsWith('chat —') && !l.includes('email'))).toBe(true);
  });

  it('a list card (each owner’s actions) shows one action per row', async () => {
    const { actions, ended } = meetingData();
    const many: ActionItem[] = [...actions, { ...actions[0]!, id: 'a2', text: 'Send the ACME report', ownerId: '29:ana', itemId: 'i1' }];
    const { rows } = await renderedLines(cardToAdaptive(ownerActionsCard(ended, many, 'en')));
    expect(rowOf(rows, 'Call ACME back')).toHaveLength(1);
    expect(rowOf(rows, 'Call ACME back')[0]).not.toContain('Send the ACME report');
    expect(rowOf(rows, 'Send the ACME report')).toHaveLength(1);
  });

  it('the minutes show each note, decision and action on its own row', async () => {
    const { actions, ended } = meetingData();
    const { rows } = await renderedLines(cardToAdaptive(minutesCards(ended, actions, 'en')[0]!));
    const note = rowOf(rows, 'Volume up 12 %');
    const decision = rowOf(rows, 'Open a second shift');
    expect(note).toHaveLength(1);
    expect(decision).toHaveLength(1);
    expect(note[0]).not.toContain('Open a second shift');
    expect(rowOf(rows, 'ACME waited 3 days')[0]).not.toContain('Call ACME back');
  });

  it('meeting stats: each overrun item and each rating fact on its own row', async () => {
    const card = cardToAdaptive(
      meetingStatsCard({ period: 'Last 90 days', held: 2, onTime: 2, ratings: { sent: 4, responses: 2, average: 4.5, distribution: [0, 0, 0, 1, 1], comments: ['Good pace'] }, overruns: [{ text: 'Escalations', planned: 15, count: 2, averageOver: 6.5 }, { text: 'KPIs', planned: 10, count: 2, averageOver: 1 }], actions: { total: 3, closedOnTime: 2, closedLate: 1, open: 0 } }, 'en'),
    );
    const { rows } = await renderedLines(card);
    expect(rowOf(rows, 'Escalations: +6.5 min')).toHaveLength(1);
    expect(rowOf(rows, 'Escalations: +6.5 min')[0]).not.toContain('KPIs');
    expect(rowOf(rows, '5★ 1')[0]).not.toContain('Average');
  });
});
