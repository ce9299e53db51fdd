import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';
import { answerBotEvent } from '../../src/core/bot/answer-event.js';
import type { BotContext } from '../../src/core/chat/types.js';
import { PlatformError } from '../../src/core/errors.js';
import type { MessageRef, ReplySink } from '../../src/core/ports/chat-platform.js';
import type { Card, Notice } from '../../src/core/cards/card.js';
import { KPI_ACTIONS } from '../../src/core/kpi/views/kpi-card.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;

const ctx = (over: Partial<BotContext> = {}): BotContext => ({
  platform: 'slack', chat: SLACK_PROFILE, tenantId: 'TLIVE', userId: 'U_SUP', channelId: 'CLIVE', locale: 'en', isSupervisor: true, now: NOW, ...over,
});

type Call = { op: 'toChannel' | 'toUser' | 'openForm' | 'post'; card: Card } | { op: 'notice'; notice: Notice } | { op: 'update'; at: MessageRef; card: Card };

/** A sink that records what core asked of it; `post` answers with `posted` or throws it. */
function recordingSink(posted: MessageRef | Error, canOpenForms = false) {
  const calls: Call[] = [];
  const sink: ReplySink = {
    toChannel: async (card) => void calls.push({ op: 'toChannel', card }),
    toUser: async (card) => void calls.push({ op: 'toUser', card }),
    notice: async (notice) => void calls.push({ op: 'notice', notice }),
    openForm: async (card) => (calls.push({ op: 'openForm', card }), canOpenForms),
    async post(card) {
      calls.push({ op: 'post', card });
      if (posted instanceof Error) throw posted;
      return posted;
    },
    update: async (at, card) => void calls.push({ op: 'update', at, card }),
  };
  return { sink, calls };
}

const stopButton = (card: Card) =>
  card.elements.some((e) => e.type === 'actions' && e.buttons.some((b) => b.action.id === KPI_ACTIONS.liveStop));

beforeAll(async () => {
  svc = await startTestService({ QUICKCHART_BASE_URL: 'https://charts.example.test' }, () => NOW);
});
afterAll(async () => svc?.stop());

describe('the live-card sequence, written once in core', () => {
  it('posts the card, registers it, then updates that message with the stop button', async () => {
    const { sink, calls } = recordingSink({ channelId: 'CLIVE', messageId: '1700000000.000200' });
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'week live' }, sink);
    expect(calls.map((c) => c.op)).toEqual(['post', 'update']);
    const [post, update] = calls;
    expect(post?.op === 'post' && stopButton(post.card)).toBe(false);
    expect(update).toMatchObject({ op: 'update', at: { channelId: 'CLIVE', messageId: '1700000000.000200' } });
    expect(update?.op === 'update' && stopButton(update.card)).toBe(true);
    const registered = await svc.service.bot.live.due('TLIVE', new Date(NOW.getTime() + 3_600_000), new Date(NOW.getTime() + 3_600_000));
    expect(registered.map((l) => l.messageId)).toEqual(['1700000000.000200']);
  });

  it('a post the platform refuses becomes a localized notice, and nothing is registered', async () => {
    for (const [locale, words] of [['en', /could not post a live card here \(not_in_channel\)/], ['pt-BR', /Não consegui publicar um cartão ao vivo aqui \(not_in_channel\)/]] as const) {
      const { sink, calls } = recordingSink(new PlatformError('not_in_channel'));
      await answerBotEvent(svc.service.bot, ctx({ locale, channelId: 'CNOTIN' }), { kind: 'command', command: 'kpi', text: 'week live' }, sink);
      expect(calls.map((c) => c.op)).toEqual(['post', 'notice']);
      expect(calls[1]).toMatchObject({ op: 'notice', notice: { tone: 'bad', text: expect.stringMatching(words) } });
    }
    const later = new Date(NOW.getTime() + 3_600_000);
    expect((await svc.service.bot.live.due('TLIVE', later, later)).filter((l) => l.channelId === 'CNOTIN')).toEqual([]);
  });

  it('other answers go where their kind says: cards by visibility, notices to the user, forms opened or shown', async () => {
    const card = recordingSink(new Error('no post'));
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'week' }, card.sink);
    expect(card.calls.map((c) => c.op)).toEqual(['toChannel']);
    const help = recordingSink(new Error('no post'));
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'help', text: '' }, help.sink);
    expect(help.calls.map((c) => c.op)).toEqual(['toUser']);
    const refused = recordingSink(new Error('no post'));
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'kpi', text: 'century' }, refused.sink);
    expect(refused.calls.map((c) => c.op)).toEqual(['notice']);
    const noModal = recordingSink(new Error('no post'));
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'meeting', text: 'new' }, noModal.sink);
    expect(noModal.calls.map((c) => c.op)).toEqual(['openForm', 'toUser']);
    const modal = recordingSink(new Error('no post'), true);
    await answerBotEvent(svc.service.bot, ctx(), { kind: 'command', command: 'meeting', text: 'new' }, modal.sink);
    expect(modal.calls.map((c) => c.op)).toEqual(['openForm']);
  });
});
