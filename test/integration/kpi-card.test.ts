import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleBotEvent, startLiveCard } from '../../src/core/bot/handle-event.js';
import type { BotContext } from '../../src/core/chat/types.js';
import type { MessageRef } from '../../src/core/ports/chat-platform.js';
import { refreshLiveCards } from '../../src/core/kpi/refresh-live-cards.js';
import type { Card } from '../../src/core/cards/card.js';
import { KPI_ACTIONS } from '../../src/core/kpi/views/kpi-card.js';
import { startTestService, type TestService } from '../support/service.js';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';

// /metrics on the public port needs its bearer token
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;

const ctx = (over: Partial<BotContext> = {}): BotContext => ({
  platform: 'slack', chat: SLACK_PROFILE, tenantId: 'TA', userId: 'U_SUP', channelId: 'C1', locale: 'en', isSupervisor: true, now: NOW, ...over,
});

beforeAll(async () => {
  svc = await startTestService({ QUICKCHART_BASE_URL: 'https://charts.example.test', METRICS_TOKEN }, () => NOW);
  const records = Array.from({ length: 40 }, (_, i) => ({
    externalId: `k${i}`,
    channel: i % 3 ? 'email' : 'chat',
    customer: { id: `secret-customer-${i}`, email: `person${i}@example.com` },
    agent: { id: i % 2 ? 'ana' : 'bruno' },
    team: 'billing',
    status: 'resolved',
    createdAt: new Date(NOW.getTime() - (i + 1) * 3 * 3_600_000).toISOString(),
    firstResponseAt: new Date(NOW.getTime() - (i + 1) * 3 * 3_600_000 + 20 * 60_000).toISOString(),
    resolvedAt: new Date(NOW.getTime() - (i + 1) * 3 * 3_600_000 + 90 * 60_000).toISOString(),
  }));
  const res = await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
});
afterAll(async () => svc?.stop());

const cardOf = (reply: Awaited<ReturnType<typeof handleBotEvent>>): Card => {
  if (reply.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return reply.card;
};
const buttons = (card: Card) => card.elements.flatMap((e) => (e.type === 'actions' ? e.buttons : []));
const image = (card: Card) => card.elements.find((e) => e.type === 'image');

describe('the KPI card', () => {
  it('shows every KPI with deltas, a chart without personal data and navigation buttons', async () => {
    const card = cardOf(await handleBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'week' }));
    expect(card.title).toMatch(/^Customer service KPIs — This week/);
    const metrics = card.elements.find((e) => e.type === 'metrics');
    expect(metrics && metrics.type === 'metrics' && metrics.items.map((m) => m.label)).toEqual(expect.arrayContaining(['Volume', 'Resolved', 'Backlog', 'First response (median)', 'SLA compliance']));
    const img = image(card);
    expect(img && img.type === 'image' && img.url.startsWith('https://charts.example.test/chart?')).toBe(true);
    const url = img && img.type === 'image' ? decodeURIComponent(img.url) : '';
    expect(url.length).toBeLessThanOrEqual(3000);
    expect(url).not.toMatch(/secret-customer|example\.com|ana|bruno/);
    expect(buttons(card).map((b) => b.label)).toEqual(['◀ Previous', 'Next ▶', 'By channel', 'By team', 'By agent', 'Refresh']);
  });

  it('navigates with its buttons and breaks down by channel', async () => {
    const first = cardOf(await handleBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'semana' }));
    const prev = buttons(first)[0]!;
    const previous = cardOf(await handleBotEvent(svc.service.bot, ctx(), { kind: 'action', action: prev.action }));
    expect(previous.title).toMatch(/Nov 16 – 22, 2026/);
    const by = buttons(first).find((b) => b.label === 'By channel')!;
    const broken = cardOf(await handleBotEvent(svc.service.bot, ctx(), { kind: 'action', action: by.action }));
    const text = broken.elements.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : '')).join('\n');
    expect(text).toMatch(/By channel/);
    expect(text).toMatch(/email — \d+ contacts/);
  });

  it('speaks Portuguese', async () => {
    const card = cardOf(await handleBotEvent(svc.service.bot, ctx({ locale: 'pt-BR' }), { kind: 'command', command: 'kpi', text: 'semana' }));
    expect(card.title).toMatch(/^KPIs do atendimento — Esta semana/);
    expect(buttons(card)[0]!.label).toBe('◀ Anterior');
  });

  it('coarsens a long chart series instead of breaking the image', async () => {
    const card = cardOf(await handleBotEvent(svc.service.bot, ctx({ chat: { ...SLACK_PROFILE, limits: { chartUrl: 1800 } } }), { kind: 'command', command: 'kpi', text: '90d' }));
    const img = image(card);
    expect(img && img.type === 'image' && img.url.length).toBeLessThanOrEqual(1800);
  });

  it('refuses tampered buttons, bad periods and outsiders with clear messages', async () => {
    const tampered = await handleBotEvent(svc.service.bot, ctx(), { kind: 'action', action: { id: KPI_ACTIONS.show, value: '{"period":{"kind":"century"}}' } });
    expect(tampered).toMatchObject({ kind: 'notice', notice: { tone: 'bad' } });
    const bad = await handleBotEvent(svc.service.bot, ctx({ locale: 'pt-BR' }), { kind: 'command', command: 'kpi', text: 'quinzena' });
    expect(bad.kind === 'notice' && bad.notice.text).toMatch(/Exemplos/);
    const outsider = await handleBotEvent(svc.service.bot, ctx({ userId: 'U_NOBODY', isSupervisor: false }), { kind: 'command', command: 'kpi', text: 'week' });
    expect(outsider.kind === 'notice' && outsider.notice.text).toMatch(/supervisors/);
  });

  it('shows an agent their own numbers only', async () => {
    const card = cardOf(await handleBotEvent(svc.service.bot, ctx({ userId: 'ana', isSupervisor: false }), { kind: 'command', command: 'kpi', text: 'week by:team' }));
    expect(card.subtitle).toBe('Agent: ana');
    const metrics = card.elements.find((e) => e.type === 'metrics');
    const volume = metrics && metrics.type === 'metrics' ? metrics.items.find((m) => m.label === 'Volume')?.value : undefined;
    const all = cardOf(await handleBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'week' }));
    const allMetrics = all.elements.find((e) => e.type === 'metrics');
    const allVolume = allMetrics && allMetrics.type === 'metrics' ? allMetrics.items.find((m) => m.label === 'Volume')?.value : undefined;
    expect(Number(volume)).toBeLessThan(Number(allVolume));
  });

  it('records every command and action for usage metrics, without message text', async () => {
    const events = await svc.service.models.botEvents.find({ tenantId: 'TA' }).lean();
    expect(events.length).toBeGreaterThan(5);
    expect(events.some((e) => e.outcome === 'refused')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/quinzena|century/);
    expect(await (await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text()).toMatch(/bot_interactions_total\{platform="slack",kind="command:kpi",outcome="ok"\}/);
  });
});

describe('live cards', () => {
  it('refresh once per due card across two instances, and stop from the card', async () => {
    const bot = svc.service.bot;
    const card = await startLiveCard(bot, ctx(), '1700000000.000100', { period: { kind: 'week' }, filters: {}, live: true });
    const stop = buttons(card).find((b) => b.action.id === KPI_ACTIONS.liveStop);
    expect(stop).toBeDefined();
    const updates: { at: MessageRef; card: Card }[] = [];
    const messenger = { post: async () => ({ channelId: 'C', messageId: '1' }), update: async (_t: string, at: MessageRef, c: Card) => void updates.push({ at, card: c }) };
    const later = new Date(NOW.getTime() + 6 * 60_000);
    const deps = { ...bot, platforms: { slack: { ...SLACK_PROFILE, ...messenger } } };
    const [a, b] = await Promise.all([refreshLiveCards(deps, later, (e) => { throw e; }), refreshLiveCards(deps, later, (e) => { throw e; })]);
    expect(a + b).toBe(1);
    expect(updates[0]!.at.messageId).toBe('1700000000.000100');
    expect(await refreshLiveCards(deps, new Date(later.getTime() + 60_000), () => undefined)).toBe(0);
    const stopped = cardOf(await handleBotEvent(bot, ctx(), { kind: 'action', action: stop!.action }));
    expect(buttons(stopped).some((x) => x.action.id === KPI_ACTIONS.liveStop)).toBe(false);
    expect(await refreshLiveCards(deps, new Date(later.getTime() + 20 * 60_000), () => undefined)).toBe(0);
  });
});
