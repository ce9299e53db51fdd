/**
 * Contract, scenario 3: a meeting planned with the one-line `meeting new …`, then started: the
 * live card is posted to the conversation, then updated in place (the same message id) by the
 * meeting's clock and by its "next item" button. The console cannot post: it refuses, localized.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import { MEETING_ACTIONS } from '../../src/core/meetings/views/meeting-cards.js';
import { drivers } from './drivers/index.js';
import { actionOf, textOf, type ChatMsg } from './normalise.js';

let clock = new Date('2026-11-25T15:00:00Z');
// the live card speaks the tenant's language (pt-BR by default)
const isLive = (m: ChatMsg) => textOf(m).includes(t('pt-BR', 'meeting.live.title', { title: 'Ops review' }));

describe.each(drivers())('Meeting live card on $name', (d) => {
  beforeAll(() => d.start(() => clock));
  afterAll(() => d.stop());

  it('"meeting new …" in one line, then start: the live card is posted, then updated in place', async () => {
    const planned = await d.command('meeting new Ops review | 2026-11-26 10:00 | 30 | KPIs (10), Escalations (10)', { locale: 'en' });
    if (!d.caps.proactive) {
      expect(planned.kind).toBe('ephemeral');
      expect(textOf(planned)).toBe(t('en', 'survey.platform_not_configured', { platform: 'console' }));
      expect(await d.service().models.meetings.countDocuments({ tenantId: d.tenant })).toBe(0);
      return;
    }
    expect(textOf(planned)).toMatch(/Ops review/);
    // the agenda card is posted as a message of the conversation (an agenda edit updates it there)
    const agenda = d.recorded().filter((m) => m.kind === 'post' && m.conversation === d.conversation && /KPIs.*10 min|KPIs \(10/.test(textOf(m)));
    expect(agenda).toHaveLength(1);
    expect(textOf(agenda[0]!)).toMatch(/Ops review/);

    // the tenant's time zone is America/Sao_Paulo: 10:00 there is 13:00 UTC
    clock = new Date('2026-11-26T13:00:00Z');
    d.clear();
    const started = await d.command('meeting start', { locale: 'en' });
    expect(textOf(started)).toContain(t('en', 'meeting.started'));
    const posted = d.recorded().filter((m) => m.kind === 'post' && isLive(m));
    expect(posted).toHaveLength(1);
    const live = posted[0]!;
    expect(live.id).toBeTruthy();
    expect(live.conversation).toBe(d.conversation);

    // three minutes later the meeting's clock refreshes the card: an update of that message
    clock = new Date('2026-11-26T13:03:00Z');
    await runMeetingJobs(d.service().bot, clock, (e) => {
      throw e;
    });
    const updates = d.recorded().filter((m) => m.kind === 'update' && isLive(m));
    expect(updates.length).toBeGreaterThanOrEqual(1);
    for (const u of updates) expect({ conversation: u.conversation, id: u.id }).toEqual({ conversation: live.conversation, id: live.id });
    expect(textOf(updates.at(-1)!)).toContain(t('pt-BR', 'meeting.live.left', { minutes: 7, planned: 10 }));

    // its "next item" button answers in place too
    const next = await d.click(live, actionOf(live, MEETING_ACTIONS.next));
    expect(next.kind).toBe('update');
    expect(next.id).toBe(live.id);
    expect(textOf(next)).toMatch(/Escalations/);
    expect(textOf(next)).toContain(t('pt-BR', 'meeting.live.left', { minutes: 10, planned: 10 }));
    // and no second live card was ever posted
    expect(d.recorded().filter((m) => m.kind === 'post' && isLive(m))).toHaveLength(1);
  });
});
