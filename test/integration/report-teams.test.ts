/**
 * Reports in Teams: scheduled with a message in the conversation, posted proactively through
 * the stored conversation reference; the CSV annex is a signed, expiring link the service serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';

// Teams tenants are AAD tenant GUIDs
const TENANT = GUID_TENANTS.a;

const SUP = { id: '29:sup', aadObjectId: '0b1f0000-0000-4000-8000-0000000000aa', name: 'Sara' };
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
const CONV = '19:reports@thread.tacv2';
let clock = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let connector: RecordingServer;

const activity = (over: Record<string, unknown>) => ({
  id: `a${Math.random().toString(36).slice(2)}`, timestamp: clock.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', from: SUP,
  conversation: { conversationType: 'channel', id: CONV, tenantId: TENANT }, recipient: BOT, channelData: { tenant: { id: TENANT } }, locale: 'en-US', ...over,
});
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: SUP.aadObjectId, DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://bot.example.com' }, () => clock);
  await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }));
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
});

describe('Teams reports', () => {
  it('schedule by message, posted at its time with a signed CSV link that expires', async () => {
    await post(activity({ type: 'message', text: 'report schedule weekly mon 09:00 UTC' }));
    await connector.waitFor((r) => JSON.stringify(r.body).includes('Scheduled (weekly mon 09:00, UTC)'), 10_000);
    connector.clear();
    clock = new Date('2026-11-30T09:00:00Z');
    const counts = await runDueReports(svc.service.bot, clock, (e) => { throw e; });
    expect(counts.posted).toBe(1);
    const sent = connector.requests.find((r) => decodeURIComponent(r.path) === `/v3/conversations/${CONV}/activities`)!;
    const card = (sent.body as { attachments: { content: { body: { type: string; actions?: { type: string; url?: string }[] }[] } }[] }).attachments[0]!.content;
    const link = card.body.flatMap((b) => b.actions ?? []).find((a) => a.type === 'Action.OpenUrl')!;
    expect(link.url).toMatch(/^https:\/\/bot\.example\.com\/files\/report\.csv\?token=/);
    const local = link.url!.replace('https://bot.example.com', svc.url);
    const csv = await fetch(local);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\n')[0]).toBe('date,volume,resolved,frt_median_min,resolution_median_min,sla_compliance,fcr_rate,csat,nps');
    const tampered = await fetch(local.replace(/token=./, (m) => (m.endsWith('e') ? 'token=f' : 'token=e')));
    expect(tampered.status).toBe(403);
    clock = new Date('2026-12-08T09:00:01Z');
    const expired = await fetch(local);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/invalid or has expired/);
  });
});
