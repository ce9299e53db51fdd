/**
 * Rescheduling a meeting and reassigning an action over Teams (activities shaped like Teams',
 * proactive posts to a recording Bot Connector, an injected clock): no slash, mentions as
 * entities, and a redelivered activity applies and notifies once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { activityFactory, mentionOf, postActivity } from '../support/teams.js';

const TENANT = GUID_TENANTS.a;
const ORG = { id: '29:org', aadObjectId: '0b1f0000-0000-4000-8000-000000000011', name: 'Olga Ramos' };
const ANA = { id: '29:ana', aadObjectId: '0b1f0000-0000-4000-8000-000000000012', name: 'Ana Souza' };
const BRU = { id: '29:bru', aadObjectId: '0b1f0000-0000-4000-8000-000000000013', name: 'Bruno Lima' };
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const CONV = '19:edits@thread.tacv2';
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let connector: RecordingServer;

const activity = activityFactory({ tenantId: TENANT, conversationId: CONV, from: ORG, bot: BOT, serviceUrl: () => connector.url, clock: () => clock });
const post = (body: unknown) => postActivity(svc.url, body);
const message = (text: string, from = ORG, people: (typeof ANA)[] = []) => activity({ type: 'message', text, from, entities: people.map(mentionOf) });
/** what the bot sent to a conversation, as text */
const sentTo = (conv: string) => connector.requests.filter((r) => r.method === 'POST' && decodeURIComponent(r.path).startsWith(`/v3/conversations/${conv}/activities`)).map((r) => JSON.stringify(r.body));
const replyWith = (text: string) => connector.waitFor((r) => r.method === 'POST' && JSON.stringify(r.body).includes(text), 10_000);
const jobs = () => runMeetingJobs(svc.service.bot, clock, (e) => { throw e; });

beforeAll(async () => {
  let sent = 0;
  connector = await startRecordingServer({ fallback: () => ({ body: { id: `sent-${++sent}` } }) });
  connector.on(/\/v3\/conversations$/, (req) => ({ body: { id: `a:1on1-${['ana', 'bru', 'org'].find((u) => JSON.stringify(req.body).includes(`29:${u}`)) ?? 'other'}` } }));
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', DEFAULT_LOCALE: 'en' }, () => clock);
  expect((await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }))).status).toBeLessThan(300);
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('changes over Teams', () => {
  it('reschedule: participants only refused, then moved once for a redelivered activity; the reminder follows', async () => {
    await post(message('meeting new Ops sync <at>Ana Souza</at> <at>Bruno Lima</at> | 2026-11-26 10:00 | 30 | KPIs (10)', ORG, [ANA, BRU]));
    await replyWith('📅 Ops sync');
    await post(message('meeting reschedule 2026-11-27 11:00', ANA));
    await replyWith('Only the organizer of \\"Ops sync\\" or a supervisor can change it.');

    const again = message('meeting reschedule 2026-11-27 11:00');
    for (const res of await Promise.all([post(again), post(again)])) expect(res.status).toBeLessThan(300);
    expect((await post(again)).status).toBeLessThan(300);
    await replyWith('📅 Rescheduled: Ops sync — now Nov 27, 2026, 11:00 AM');
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(CONV).filter((t) => t.includes('📅 Rescheduled: Ops sync'))).toHaveLength(1);
    for (const u of ['ana', 'bru']) expect(sentTo(`a:1on1-${u}`).filter((t) => t.includes('📅 Rescheduled: Ops sync'))).toHaveLength(1);
    expect(sentTo('a:1on1-org')).toEqual([]);

    clock = new Date('2026-11-26T12:50:00Z');
    expect((await jobs()).reminders).toBe(0);
    clock = new Date('2026-11-27T13:50:00Z');
    expect((await jobs()).reminders).toBe(1);
    expect((await jobs()).reminders).toBe(0);
    expect(sentTo(CONV).filter((t) => t.includes('Starting in 10 min: Ops sync'))).toHaveLength(1);
  });

  it('agenda: the card `meeting new` posted is updated in place (PUT on its activity), not posted again', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    const conv = '19:agenda@thread.tacv2';
    const here = (text: string) => ({ ...message(text), conversation: { conversationType: 'channel', id: conv, tenantId: TENANT } });
    await post(here('meeting new Agenda sync | 2026-11-30 10:00 | 30 | KPIs (10), Wins (5)'));
    await replyWith('\\"Agenda sync\\" is planned; its agenda is in the channel.');
    const at = (await svc.service.models.meetings.findOne({ tenantId: TENANT, title: 'Agenda sync' }).lean())!.agendaMessage!;
    expect(at.channelId).toBe(conv);
    expect(sentTo(conv).filter((t) => t.includes('📅 Agenda sync'))).toHaveLength(1);

    await post(here('meeting agenda move 2 1'));
    await replyWith('The agenda of \\"Agenda sync\\" is updated in the channel.');
    const put = connector.requests.filter((r) => r.method === 'PUT' && decodeURIComponent(r.path) === `/v3/conversations/${conv}/activities/${at.messageId}`);
    expect(put).toHaveLength(1);
    expect(JSON.stringify(put[0]!.body)).toMatch(/1\. Wins \(5 min\).*2\. KPIs \(10 min\)/);
    expect(sentTo(conv).filter((t) => t.includes('📅 Agenda sync'))).toHaveLength(1);
  });

  it('reassign: by the number the list shows; the new owner is told once for a redelivered activity', async () => {
    clock = new Date('2026-11-25T15:00:00Z');
    await post(message('actions add Hire a night agent <at>Ana Souza</at> tomorrow', ORG, [ANA]));
    await replyWith('Action added for');
    await post(message('actions', ANA));
    const list = await replyWith('☐ Hire a night agent');
    const n = /#(\d+) ☐ Hire a night agent/.exec(JSON.stringify(list.body))![1];

    await post(message(`actions reassign ${n} <at>Ana Souza</at>`, BRU, [ANA]));
    await replyWith(`Only the owner of action #${n}`);
    const again = message(`actions reassign ${n} <at>Bruno Lima</at>`, ANA, [BRU]);
    for (const res of await Promise.all([post(again), post(again)])) expect(res.status).toBeLessThan(300);
    await replyWith(`Action #${n} is now @Bruno Lima’s`);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo('a:1on1-bru').filter((t) => t.includes('gave you an action: Hire a night agent'))).toHaveLength(1);
    const stored = await svc.service.models.actionItems.findOne({ tenantId: TENANT, text: 'Hire a night agent' }).lean();
    expect(stored!.ownerId).toBe(BRU.id);
  });
});
