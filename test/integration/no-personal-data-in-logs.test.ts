/**
 * Logs (at debug level) and chart URLs carry no personal data: a full flow with names, e-mails,
 * chat ids and comments is run, and everything the service logged and every chart URL it made
 * are scanned for them.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { handleBotEvent } from '../../src/core/bot/handle-event.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, startSlackApi, webApiArgs } from '../support/slack.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { SLACK_PROFILE } from '../../src/adapters/slack/profile.js';

const PERSONAL = ['Joana Pereira', 'joana.pereira@example.com', 'UJOANA001', 'Rua das Flores 12', 'meu CPF é 123.456.789-00'];
const NOW = new Date('2026-11-25T15:00:00Z');
let service: Service;
let db: TestDb;
let url: string;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let logs = '';

beforeAll(async () => {
  db = await connectTestDb('privacy-logs');
  api = await startSlackApi();
  let ts = 0;
  api.on('/api/chat.postMessage', (req: RecordedRequest) => ({ body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.${String(++ts).padStart(6, '0')}` } }));
  const sink = new Writable({ write: (chunk, _enc, done) => { logs += String(chunk); done(); } });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', API_KEYS: 'TA:key-privacy-0123456789', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'USUP0001', DEFAULT_LOCALE: 'en', PUBLIC_URL: 'https://bot.example.com' });
  service = await createService({ config, mongoUri: db.uri, logger: createLogger('debug', sink), now: () => NOW, jobs: false });
  url = (await service.start(0, '127.0.0.1')).url;
});
afterAll(async () => {
  await service?.stop();
  await api?.close();
  await db?.drop();
});

describe('personal data', () => {
  it('never reaches the logs or a chart URL', async () => {
    const headers = { authorization: 'Bearer key-privacy-0123456789', 'content-type': 'application/json' };
    const ticket = { externalId: 'P-1', channel: 'chat', customer: { id: 'joana.pereira@example.com', name: 'Joana Pereira', email: 'joana.pereira@example.com', slackUserId: 'UJOANA001' }, status: 'resolved', notes: 'Rua das Flores 12', createdAt: '2026-11-24T10:00:00Z', resolvedAt: '2026-11-24T12:00:00Z' };
    expect((await fetch(`${url}/api/v1/interactions`, { method: 'POST', body: JSON.stringify(ticket), headers })).status).toBe(200);
    // a rejected record echoes nothing personal into the logs either
    await fetch(`${url}/api/v1/interactions`, { method: 'POST', body: JSON.stringify({ ...ticket, createdAt: 'nope' }), headers });
    const sent = (await (await fetch(`${url}/api/v1/surveys`, { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'UJOANA001' }, interactionExternalId: 'P-1' }), headers })).json()) as { id: string; message: { channelId: string; messageId: string } };
    const click = (value: string) => postSigned(`${url}/slack/events`, interactivityBody(blockActionsPayload({ team: 'TA', user: 'UJOANA001', channel: sent.message.channelId, message: { ts: sent.message.messageId, text: 's', blocks: [] }, action: { action_id: 'survey.answer:0', value, text: 'x' }, response_url: api.hook('p/1') })));
    await click(JSON.stringify({ s: sent.id, v: 2 }));
    const ctx = { platform: 'slack' as const, chat: SLACK_PROFILE, tenantId: 'TA', userId: 'UJOANA001', channelId: sent.message.channelId, locale: 'en' as const, isSupervisor: false, now: NOW };
    await handleBotEvent(service.bot, ctx, { kind: 'action', action: { id: 'survey.comment', value: JSON.stringify({ s: sent.id }), inputs: { comment: 'meu CPF é 123.456.789-00' } }, messageId: sent.message.messageId });
    const sup = { ...ctx, userId: 'USUP0001', isSupervisor: true };
    const cards = await Promise.all(['week', '30d by:agent', 'week channel:chat'].map((text) => handleBotEvent(service.bot, sup, { kind: 'command', command: 'kpi', text })));
    cards.push(await handleBotEvent(service.bot, sup, { kind: 'command', command: 'survey', text: 'results week' }));
    cards.push(await handleBotEvent(service.bot, sup, { kind: 'command', command: 'report', text: 'preview week' }));
    const chartUrls = cards.flatMap((r) => (r.kind === 'card' ? r.card.elements.flatMap((e) => (e.type === 'image' ? [decodeURIComponent(e.url)] : [])) : []));
    expect(chartUrls.length).toBeGreaterThanOrEqual(4);
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.length).toBeGreaterThan(1000);
    for (const p of PERSONAL) {
      if (logs.includes(p)) console.log("LEAK", p, logs.slice(Math.max(0, logs.indexOf(p) - 400), logs.indexOf(p) + 100));
      expect(logs, `logs contain ${p}`).not.toContain(p);
      for (const u of chartUrls) expect(u, `chart URL contains ${p}`).not.toContain(p);
    }
  });

  it('request lines name the route, not the ids in the path (customers, chart tokens, annex tokens), whether routed or refused', async () => {
    const id = 'joana.pereira@example.com';
    const token = 'CHARTTOKEN0123456789abcdef';
    const auth = { authorization: 'Bearer key-privacy-0123456789' };
    const from = logs.length;
    expect((await fetch(`${url}/api/v1/customers/${encodeURIComponent(id)}/erase`, { method: 'POST', headers: auth })).status).toBe(200);
    expect((await fetch(`${url}/api/v1/customers/${encodeURIComponent(id)}/erase`, { method: 'POST', headers: { authorization: 'Bearer wrong-key-0123456789' } })).status).toBe(401);
    expect((await fetch(`${url}/api/v1/customers/${encodeURIComponent(id)}`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${url}/charts/${token}.png`)).status).toBe(403);
    expect((await fetch(`${url}/files/report.csv?token=${token}`)).status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    const lines = logs.slice(from).split('\n').filter((l) => l.includes('"req":')).map((l) => JSON.parse(l) as { req: { method: string; path: string }; res: { statusCode: number } });
    expect(lines.map((l) => [l.req.method, l.req.path, l.res.statusCode])).toEqual([
      ['POST', '/api/v1/customers/:id/erase', 200],
      ['POST', '/api/v1/customers/:id/erase', 401],
      ['GET', '/api/v1/customers/:x', 404],
      ['GET', '/charts/:file', 403],
      ['GET', '/files/report.csv', 403],
    ]);
    for (const secret of [id, encodeURIComponent(id), 'joana.pereira', token]) expect(logs, secret).not.toContain(secret);
  });
});
