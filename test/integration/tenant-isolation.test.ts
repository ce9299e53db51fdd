/**
 * Tenant isolation: tenant B's ids injected into every endpoint, command and button of tenant A
 * read nothing of B and change nothing of B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleBotEvent } from '../../src/core/bot/handle-event.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { runMeetingJobs } from '../../src/core/meetings/meeting-jobs.js';
import { runKpiAlerts } from '../../src/core/alerts/kpi-alerts.js';
import type { BotContext } from '../../src/core/chat/types.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
const json = { 'content-type': 'application/json' };
const ids: { survey?: string; meeting?: string; action?: string; schedule?: string } = {};
let snapshotB = '';

const ctx = (tenantId: string, userId = 'USUP0001'): BotContext => ({ platform: 'slack', chat: SLACK_PROFILE, tenantId, userId, channelId: 'CSHARED1', locale: 'en', isSupervisor: true, now: NOW });
const snapshot = async () => {
  const m = svc.service.models;
  const parts = await Promise.all([m.interactions, m.surveys, m.surveyResponses, m.meetings, m.actionItems, m.reportSchedules, m.reportRuns, m.rollups].map((model) => (model as typeof m.interactions).find({ tenantId: 'TB' }).lean()));
  return JSON.stringify(parts, (k, v: unknown) => (k === '_id' || k === 'updatedAt' ? undefined : v));
};

beforeAll(async () => {
  api = await startSlackApi();
  let ts = 0;
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.${String(++ts).padStart(6, '0')}` } }));
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'USUP0001', DEFAULT_LOCALE: 'en' }, () => NOW);
  const ticket = { externalId: 'B-1', channel: 'chat', customer: { id: 'b-customer', name: 'Beatriz' }, status: 'resolved', createdAt: '2026-11-24T10:00:00Z', resolvedAt: '2026-11-24T12:00:00Z' };
  await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(ticket), headers: json, key: KEYS.b });
  const survey = await svc.api('/api/v1/surveys', { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'UBCUST01' }, interactionExternalId: 'B-1' }), headers: json, key: KEYS.b });
  ids.survey = ((await survey.json()) as { id: string }).id;
  const bot = svc.service.bot;
  await handleBotEvent(bot, ctx('TB'), { kind: 'command', command: 'meeting', text: 'new B review | 2026-11-26 10:00 | 30 | KPIs (10)' });
  await handleBotEvent(bot, ctx('TB'), { kind: 'command', command: 'actions', text: 'add Call Beatriz <@UBOWNER1|o> 2026-12-01' });
  await handleBotEvent(bot, ctx('TB'), { kind: 'command', command: 'report', text: 'schedule weekly mon 09:00' });
  ids.meeting = String((await svc.service.models.meetings.findOne({ tenantId: 'TB' }).lean())!._id);
  ids.action = String((await svc.service.models.actionItems.findOne({ tenantId: 'TB' }).lean())!._id);
  ids.schedule = String((await svc.service.models.reportSchedules.findOne({ tenantId: 'TB' }).lean())!._id);
  snapshotB = await snapshot();
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

describe('tenant A with tenant B’s ids', () => {
  it('the REST API reads and changes only A', async () => {
    const kpis = (await (await svc.api('/api/v1/kpis?period=week')).json()) as { current: { volume: number } };
    expect(kpis.current.volume).toBe(0);
    expect((await svc.api('/api/v1/surveys', { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'UACUST01' }, interactionExternalId: 'B-1' }), headers: json })).status).toBe(400);
    expect(await (await svc.api('/api/v1/customers/b-customer/erase', { method: 'POST' })).json()).toEqual({ erased: { interactions: 0, responses: 0, surveys: 0, snapshots: 0 } });
    await svc.api('/api/v1/survey-responses', { method: 'POST', body: JSON.stringify({ externalId: 'x', source: 'api', type: 'csat', score: 1, respondedAt: '2026-11-24T13:00:00Z', interactionExternalId: 'B-1' }), headers: json });
    expect(await snapshot()).toBe(snapshotB);
  });

  it('buttons, forms and commands of A cannot touch B’s survey, meeting, action or schedule', async () => {
    const bot = svc.service.bot;
    const attempts: [string, string, Record<string, string>?][] = [
      ['survey.answer', JSON.stringify({ s: ids.survey, v: 1 })],
      ['survey.comment', JSON.stringify({ s: ids.survey }), { comment: 'hijack' }],
      ['meeting.start', JSON.stringify({ m: ids.meeting })],
      ['meeting.note', JSON.stringify({ m: ids.meeting }), { note: 'hijack' }],
      ['meeting.end', JSON.stringify({ m: ids.meeting })],
      ['action.done', JSON.stringify({ a: ids.action })],
      ['action.postpone', JSON.stringify({ a: ids.action })],
      ['followup.review', JSON.stringify({ s: ids.survey })],
      ['followup.action', JSON.stringify({ s: ids.survey }), { what: 'hijack', owner: 'UA', due: '2026-12-01' }],
      ['report.retry', JSON.stringify({ r: ids.schedule })],
    ];
    for (const [id, value, inputs] of attempts) {
      const reply = await handleBotEvent(bot, ctx('TA'), { kind: 'action', action: { id, value, ...(inputs ? { inputs } : {}) }, messageId: '1764000000.000001' });
      expect(reply.kind, id).toBe('notice');
      if (reply.kind === 'notice') expect(reply.notice.text, id).toMatch(/does not exist|not found|no longer|already closed|belongs to another|not failed any more/i);
    }
    for (const verb of ['remove', 'pause', 'resume', 'edit']) {
      const text = `${verb} ${ids.schedule}${verb === 'edit' ? ' daily 08:00' : ''}`;
      const reply = await handleBotEvent(bot, ctx('TA'), { kind: 'command', command: 'report', text });
      expect(reply.kind === 'notice' && reply.notice.text, verb).toMatch(/No schedule with that id/);
    }
    const lists = await Promise.all(['actions team', 'actions overdue', 'report list', 'report history', 'survey results week'].map((c) => handleBotEvent(bot, ctx('TA'), { kind: 'command', command: c.split(' ')[0]!, text: c.split(' ').slice(1).join(' ') })));
    for (const l of lists) expect(JSON.stringify(l)).not.toMatch(/Beatriz|Call Beatriz|B review/);
    // over Slack too: A's workspace sends B's meeting to /meeting start in the same channel id
    const hook = api.hook('iso/1');
    await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'CSHARED1', user_id: 'USUP0001', command: '/meeting', text: 'start', response_url: hook }));
    expect(JSON.stringify((await api.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body)).toMatch(/no planned or running meeting/);
    expect(await snapshot()).toBe(snapshotB);
  });

  it('scheduled jobs of both tenants at the same minute each read only their own tenant', async () => {
    const bot = svc.service.bot;
    await handleBotEvent(bot, ctx('TA'), { kind: 'command', command: 'report', text: 'schedule weekly mon 09:00' });
    // A's alert would fire on any data it could see (B has one interaction)
    await handleBotEvent(bot, ctx('TA'), { kind: 'command', command: 'kpi', text: 'alert volume > 0 7d' });
    api.clear();
    const monday = new Date('2026-11-30T12:00:30Z');
    await Promise.all([runDueReports(bot, monday, (e) => { throw e; }), runMeetingJobs(bot, monday, (e) => { throw e; }), runKpiAlerts(bot, monday)]);
    const posts = api.calls('/api/chat.postMessage').map((c) => JSON.stringify(webApiArgs(c)));
    const reports = posts.filter((p) => p.includes('Recommendations and next steps'));
    expect(reports).toHaveLength(2);
    const [ofB, ofA] = [reports.filter((p) => p.includes('1 contacts resolved out of 1 received')), reports.filter((p) => /0 contacts resolved out of 0 received|No activity in this period/.test(p))];
    expect(ofB).toHaveLength(1);
    expect(ofB[0]).toContain('Call Beatriz');
    expect(ofA).toHaveLength(1);
    expect(ofA[0]).not.toMatch(/Beatriz|B review/);
    expect(posts.filter((p) => p.includes('Alert'))).toHaveLength(0);
    const runs = await svc.service.models.reportRuns.find({}).lean();
    expect(runs.map((r) => r.tenantId).sort()).toEqual(['TA', 'TB']);
  });
});
