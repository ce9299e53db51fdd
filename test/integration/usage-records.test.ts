/**
 * Usage records (one per command or click, in MongoDB for the console's usage view) are written
 * without holding up the answer; shutting the service down waits for the ones in flight
 * instead of cutting them off when the connection closes.
 */
import { describe, expect, it } from 'vitest';
import { handleBotEvent } from '../../src/core/bot/handle-event.js';
import { CONSOLE_PLATFORM } from '../../src/adapters/text/profile.js';
import { startTestService } from '../support/service.js';

describe('usage records at shutdown', () => {
  it('every command answered before stop() has its record stored', async () => {
    const svc = await startTestService();
    try {
      const ctx = { platform: 'console' as const, chat: CONSOLE_PLATFORM, tenantId: 'TA', userId: 'UUSAGE1', channelId: 'CUSAGE1', locale: 'en' as const, isSupervisor: true, now: new Date('2026-11-26T12:00:00Z') };
      const answered = await Promise.all(Array.from({ length: 300 }, () => handleBotEvent(svc.service.bot, ctx, { kind: 'command', command: 'help', text: '' })));
      expect(answered).toHaveLength(300);
      // stop right after the last answer: the records still in flight must land first
      await svc.service.stop(1000);
      expect(await svc.db.connection.collection('bot_events').countDocuments({ tenantId: 'TA', userId: 'UUSAGE1' })).toBe(300);
    } finally {
      await svc.db.drop();
    }
  });
});
