/**
 * CHART_RENDERER=local: every card's image URL is the service's own signed URL and serves a
 * valid PNG of the chart (KPI card, a long period, survey results, report); tampered → 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleBotEvent } from '../../src/core/bot/handle-event.js';
import type { BotContext } from '../../src/core/chat/types.js';
import type { Card } from '../../src/core/cards/card.js';
import { startTestService, type TestService } from '../support/service.js';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const PUBLIC = 'https://bot.example.com';
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ CHART_RENDERER: 'local', PUBLIC_URL: PUBLIC, SUPERVISOR_IDS: 'USUP0001', DEFAULT_LOCALE: 'en' }, () => NOW);
  const records = Array.from({ length: 60 }, (_, i) => ({
    externalId: `c${i}`, channel: i % 2 ? 'chat' : 'email', customer: { id: `k${i % 20}` }, status: 'resolved', category: i % 3 ? 'billing' : 'login',
    createdAt: new Date(NOW.getTime() - (i + 1) * 20 * 3_600_000).toISOString(), firstResponseAt: new Date(NOW.getTime() - (i + 1) * 20 * 3_600_000 + 600_000).toISOString(),
    resolvedAt: new Date(NOW.getTime() - (i + 1) * 20 * 3_600_000 + 3_600_000).toISOString(),
  }));
  await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  const answers = Array.from({ length: 10 }, (_, i) => ({ externalId: `a${i}`, type: i % 2 ? 'csat' : 'nps', score: i % 2 ? 4 : 9, respondedAt: new Date(NOW.getTime() - i * 3_600_000).toISOString(), interactionExternalId: `c${i}` }));
  await svc.api('/api/v1/survey-responses', { method: 'POST', body: JSON.stringify(answers), headers: { 'content-type': 'application/json' } });
});
afterAll(async () => svc?.stop());

const ctx: BotContext = { platform: 'slack', chat: SLACK_PROFILE, tenantId: 'TA', userId: 'USUP0001', channelId: 'C1', locale: 'en', isSupervisor: true, now: NOW };
const images = (card: Card) => card.elements.flatMap((e) => (e.type === 'image' ? [e.url] : []));
async function cardOf(command: string, text: string): Promise<Card> {
  const reply = await handleBotEvent(svc.service.bot, ctx, { kind: 'command', command, text });
  if (reply.kind !== 'card') throw new Error(JSON.stringify(reply));
  return reply.card;
}

describe('CHART_RENDERER=local', () => {
  it('serves a valid PNG for every chart of every card', async () => {
    const urls = [
      ...images(await cardOf('kpi', 'week')),
      ...images(await cardOf('kpi', '90d')),
      ...images(await cardOf('survey', 'results 30d')),
      ...images(await cardOf('report', 'preview 30d')),
    ];
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      expect(url.startsWith(`${PUBLIC}/charts/`)).toBe(true);
      expect(url.length).toBeLessThanOrEqual(3000);
      const res = await fetch(url.replace(PUBLIC, svc.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([700, 320]);
      expect(png.length).toBeGreaterThan(3000);
    }
    const tampered = urls[0]!.replace(PUBLIC, svc.url).replace(/(.)\.png$/, (_m, c: string) => `${c === 'A' ? 'B' : 'A'}.png`);
    expect((await fetch(tampered)).status).toBe(403);
  });
});
