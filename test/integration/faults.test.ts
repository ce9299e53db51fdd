/**
 * MongoDB stopped and restarted under the running service (its own wire server, same port,
 * same H2 file, so the driver reconnects): clear 503s with Retry-After while it is away,
 * /readyz following it, nothing half-written or duplicated after it is back; and ingest
 * batches cut short between the interactions and the rollups, finished exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCustomerKey } from '../../src/core/records/store-interactions.js';
import { loadConfig } from '../../src/config/index.js';
import { createService, type Service } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { sweepSentCounts } from '../../src/core/surveys/sent-counts.js';
import { nextFire } from '../../src/core/reports/schedule.js';
import type { InteractionRecord } from '../../src/core/domain/interaction.js';
import { oracleKpis } from '../support/kpi-oracle.js';
import { parseInteraction } from '../../src/core/ingest/interaction-input.js';
import type { RecordedRequest } from '../support/recording-server.js';
import { KEYS } from '../support/service.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, startSlackApi, webApiArgs } from '../support/slack.js';
import { startOwnMongo, type OwnMongo } from '../support/mongo-outage.js';

const NOW = new Date('2026-11-25T15:05:00Z');
let clock = NOW;
let mongo: OwnMongo;
let svc: Service;
let url: string;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let ts = 0;

const dbDown = () => mongo.stop();
const dbUp = () => mongo.start();

const json = { 'content-type': 'application/json' };
const call = (p: string, init: RequestInit & { lang?: string } = {}) =>
  fetch(`${url}${p}`, { ...init, headers: { authorization: `Bearer ${KEYS.a}`, ...(init.lang ? { 'accept-language': init.lang } : {}), ...(init.headers as Record<string, string>) } });
const ingest = (records: object[], lang?: string) => call('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: json, ...(lang ? { lang } : {}) });

function ticket(id: string, resolved: boolean, minutesAgo = 300) {
  const at = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
  return {
    externalId: id,
    channel: 'chat',
    customer: { id: `cust-${id}` },
    agent: { id: 'U_ANA' },
    status: resolved ? 'resolved' : 'open',
    createdAt: at(minutesAgo),
    firstResponseAt: at(minutesAgo - 10),
    ...(resolved ? { resolvedAt: at(minutesAgo - 60) } : {}),
  };
}

/** A service on a wire server of its own; each describe gets one (a restarted test server is not trusted with later writes, see mongo-outage.ts). */
function ownService(name: string) {
  beforeAll(async () => {
    mongo = await startOwnMongo(name);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      API_KEYS: `TA:${KEYS.a}`,
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api.apiUrl,
      SUPERVISOR_IDS: 'U_SUP',
      DEFAULT_TIMEZONE: 'UTC',
    });
    svc = await createService({ config, mongoUri: mongo.uri, logger: createLogger('silent'), now: () => clock, jobs: false });
    ({ url } = await svc.start(0, '127.0.0.1'));
  }, 120_000);
  afterAll(async () => {
    await svc?.stop(1000);
    await mongo?.close();
  });
}

beforeAll(async () => {
  api = await startSlackApi();
  api.on('/api/chat.postMessage', (req: RecordedRequest) => {
    const channel = String(webApiArgs(req)['channel']);
    return { body: { ok: true, channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: `1764082800.${String(++ts).padStart(6, '0')}` } };
  });
});
afterAll(async () => {
  await api?.close();
});

describe('while MongoDB is down', () => {
  ownService('down');
  let survey: Survey;
  let scheduleId: string;

  it('setup: tickets, a survey in a DM and a report due in the coming minutes', async () => {
    expect((await ingest([ticket('A-1', true), ticket('A-2', false)])).status).toBe(200);
    const sent = await call('/api/v1/surveys', { method: 'POST', headers: json, body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'UCUST01' }, interactionExternalId: 'A-1', locale: 'pt-BR' }) });
    expect(sent.status).toBe(201);
    const message = ((await sent.json()) as { message: { channelId: string; messageId: string } }).message;
    const posted = webApiArgs(api.calls('/api/chat.postMessage').at(-1)!) as unknown as { blocks: typeof survey.blocks };
    survey = { ...message, blocks: posted.blocks };
    const s = await svc.deps.schedules.create({
      tenantId: 'TA', platform: 'slack', channelId: 'CREPORT1', cron: '0 16 * * *', timezone: 'UTC', label: 'daily', query: 'last week', locale: 'en',
      ownerId: 'U_SUP', paused: false, checkedUntil: clock, nextFireAt: nextFire('0 16 * * *', 'UTC', clock), createdAt: clock,
    });
    scheduleId = s.id;
  });

  it('ingest answers 503 with Retry-After and a clear message (en, pt-BR); /healthz stays 200, /readyz says 503', async () => {
    await dbDown();
    const en = await ingest([ticket('B-1', true)]);
    expect(en.status).toBe(503);
    expect(Number(en.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await en.json()).toEqual({ error: { code: 'unavailable', message: 'The service is temporarily unavailable. Try again in 5 s.' } });
    const pt = await ingest([ticket('B-1', true)], 'pt-BR');
    expect(pt.status).toBe(503);
    expect(((await pt.json()) as { error: { message: string } }).error.message).toBe('O serviço está temporariamente indisponível. Tente de novo em 5 s.');
    expect((await call('/healthz')).status).toBe(200);
    const ready = await call('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', mongo: 'down' });
  }, 60_000);

  it('a survey click gets a clear answer in the user’s language', async () => {
    const answer = await clickFour(survey, 'down');
    expect(answer.text).toBe('O serviço está temporariamente indisponível. Tente de novo em 5 s.');
  }, 60_000);

  it('a report run due meanwhile fails without posting', async () => {
    clock = new Date('2026-11-25T16:00:30Z');
    await expect(runDueReports(svc.bot, clock)).rejects.toThrow();
    expect(reportPosts()).toHaveLength(0);
  }, 60_000);

  it('after the restart: /readyz 200, the click works, the report is posted exactly once', async () => {
    await dbUp();
    await expect.poll(async () => (await call('/readyz')).status, { timeout: 30_000, interval: 250 }).toBe(200);
    const answer = await clickFour(survey, 'up');
    expect(answer.text).not.toContain('indisponível');
    expect(await svc.models.surveyResponses.countDocuments({ tenantId: 'TA', score: 4 })).toBe(1);
    clock = new Date('2026-11-25T16:01:30Z');
    expect(await runDueReports(svc.bot, clock)).toMatchObject({ posted: 1, failed: 0 });
    clock = new Date('2026-11-25T16:02:30Z');
    expect(await runDueReports(svc.bot, clock)).toMatchObject({ posted: 0 });
    expect(reportPosts()).toHaveLength(1);
    expect(await svc.models.reportRuns.find({ tenantId: 'TA', scheduleId }).lean()).toMatchObject([{ status: 'posted', late: false }]);
  }, 60_000);
});

type Survey = { channelId: string; messageId: string; blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[] };
const reportPosts = () => api.calls('/api/chat.postMessage').filter((c) => webApiArgs(c)['channel'] === 'CREPORT1');
/** A signed click on the survey's "4"; resolves with what came back on its response_url. */
async function clickFour(survey: Survey, name: string) {
  const four = survey.blocks.flatMap((b) => b.elements ?? []).find((e) => (JSON.parse(e.value ?? '{}') as { v?: number }).v === 4)!;
  const hook = api.hook(`actions/${name}`);
  const payload = blockActionsPayload({
    team: 'TA', user: 'UCUST01', channel: survey.channelId, message: { ts: survey.messageId, text: 'survey', blocks: survey.blocks },
    action: { action_id: four.action_id!, value: four.value!, text: '4' }, response_url: hook,
  });
  expect((await postSigned(`${url}/slack/events`, interactivityBody(payload))).status).toBe(200);
  return (await api.waitFor((r) => r.path === new URL(hook).pathname, 30_000)).body as { text: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pendingBatches = () => svc.models.pendingBatches.countDocuments({});

/** The rollups (all-time totals and this month's KPIs through the API) against the stored interactions. */
async function expectRollupsMatchRaw(tenantId = 'TA', key = KEYS.a) {
  await expect.poll(pendingBatches, { timeout: 60_000, interval: 250 }).toBe(0);
  const raw: InteractionRecord[] = [];
  for await (const r of svc.deps.interactions.scan(tenantId)) raw.push(r);
  const totals = (await svc.deps.rollups.totals(tenantId))['all:*'] as { c: { vol: number; res: number } };
  expect({ vol: totals.c.vol, res: totals.c.res }).toEqual({ vol: raw.length, res: raw.filter((r) => r.resolvedAt).length });
  const res = await fetch(`${url}/api/v1/kpis?period=month`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await res.json()) as { current: { volume: number; resolved: number; backlog: number }; period: { start: string; readEnd: string } };
  const want = oracleKpis(raw, [], new Date(body.period.start), new Date(body.period.readEnd), {});
  expect({ volume: body.current.volume, resolved: body.current.resolved, backlog: body.current.backlog }).toEqual({ volume: want.volume, resolved: want.resolved, backlog: want.backlog });
  return raw;
}

/** Like a well-behaved client: sends again after a 503 (or a dropped connection) until accepted. */
async function sendUntilAccepted(records: object[]) {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const res = await ingest(records).catch(() => null);
    if (res && res.status !== 503) return { status: res.status, attempts: attempt, ms: Date.now() - started, body: (await res.json()) as { accepted: number } };
    if (attempt > 120) throw new Error('never accepted');
    await sleep(500);
  }
}

describe('a stream of ingest batches while MongoDB goes away twice', () => {
  ownService('outages');

  it('every batch is accepted in the end (503s only meanwhile) and none is left half-finished', async () => {
    clock = NOW;
    const batches = Array.from({ length: 24 }, (_, b) => [
      ...Array.from({ length: 20 }, (_, i) => ticket(`S-${b}-${i}`, i % 3 === 0, 30 + i)),
      // the previous batch's open tickets get resolved: replacements, not inserts
      ...(b > 0 ? [1, 2, 4].map((i) => ticket(`S-${b - 1}-${i}`, true, 30 + i)) : []),
    ]);
    let accepted = 0;
    const results: Awaited<ReturnType<typeof sendUntilAccepted>>[] = [];
    const client = (async () => {
      for (const batch of batches) {
        results.push(await sendUntilAccepted(batch));
        accepted++;
      }
    })();
    // unreachable for 12 s, longer than the driver's server selection plus connection wait (5 s each)
    for (const after of [3, 12]) {
      await expect.poll(() => accepted, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(after);
      mongo.cut();
      await sleep(12_000);
      mongo.restore();
    }
    await client;
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    // the outages were felt: a batch was answered 503 and sent again, or was held until MongoDB came back
    expect(results.some((r) => r.attempts > 1 || r.ms >= 5000), results.map((r) => `${r.attempts}:${r.ms}`).join(' ')).toBe(true);
    // every batch cut short was finished (its journal closed); exact counts: see the next describe and mongo-outage.ts
    await expect.poll(pendingBatches, { timeout: 60_000, interval: 250 }).toBe(0);
    expect((await call('/readyz')).status).toBe(200);
  }, 180_000);
});

describe('a batch cut short between the interactions and the rollups', () => {
  ownService('cut-short');
  const unreachable = () => Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
  const realApply = () => svc.deps.rollups.apply.bind(svc.deps.rollups);
  /** Makes the next rollup write of an ingest batch fail after doing `part` of it (0: nothing, 1: all of it, the answer lost). */
  function breakNextApply(part: number) {
    const real = realApply();
    svc.deps.rollups.apply = async (tenantId, updates, mark) => {
      if (!mark || mark.repair) return real(tenantId, updates, mark);
      svc.deps.rollups.apply = real;
      await real(tenantId, updates.slice(0, Math.round(updates.length * part)), mark);
      throw unreachable();
    };
  }
  // thirty new tickets and three of the base batch resolved (replacements)
  const batch = (tag: string) => [...Array.from({ length: 30 }, (_, i) => ticket(`${tag}-${i}`, i % 2 === 0, 40 + i)), ...[1, 2, 4].map((i) => ticket(`BASE-${tag}-${i}`, true, 30 + i))];
  const base = (tag: string) => Array.from({ length: 10 }, (_, i) => ticket(`BASE-${tag}-${i}`, i % 3 === 0, 30 + i));

  it('MongoDB gone right between the two writes: 503, the batch is finished once it is back, a re-send changes nothing', async () => {
    clock = NOW;
    expect((await ingest(base('GONE'))).status).toBe(200);
    const records = batch('GONE');
    const real = realApply();
    svc.deps.rollups.apply = async (tenantId, updates, mark) => {
      svc.deps.rollups.apply = real;
      mongo.cut();
      setTimeout(() => mongo.restore(), 1500);
      return real(tenantId, updates, mark);
    };
    const first = await ingest(records);
    expect(first.status).toBe(503);
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectRollupsMatchRaw();
    const again = await ingest(records);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: records.length, unchanged: records.length });
    const raw = await expectRollupsMatchRaw();
    expect(raw.filter((r) => r.externalId.startsWith('GONE-'))).toHaveLength(30);
  }, 90_000);

  for (const [name, part] of [['nothing applied', 0], ['half applied', 0.5], ['all applied but the answer lost', 1]] as const) {
    it(`${name}: the client gets a 503, the batch is finished once, a re-send changes nothing`, async () => {
      const tag = name.split(' ')[0]!.toUpperCase();
      expect((await ingest(base(tag))).status).toBe(200);
      const records = batch(tag);
      breakNextApply(part);
      const first = await ingest(records);
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('5');
      await expectRollupsMatchRaw();
      const again = await ingest(records);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ accepted: records.length, created: 0, updated: 0, unchanged: records.length });
      await expectRollupsMatchRaw();
    }, 90_000);
  }

  it('left by an instance that died: finished by the next write that meets its documents, once its lease is over', async () => {
    expect((await ingest(base('DIED'))).status).toBe(200);
    const sent = batch('DIED');
    const { slaPolicy } = await svc.deps.tenants.get('TA');
    const records = sent.map((raw) => {
      const r = parseInteraction(raw, { slaPolicy, now: clock });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      // as the write path hands records to the journal: with their customer keys
      return withCustomerKey(svc.deps.customerKeys, 'TA', r.value);
    });
    // what the dead instance left: its journal (lease over) and its documents, no rollups
    const token = 'died-0000-0000-0000';
    await svc.deps.interactions.batches.open('TA', token, records, new Date(Date.now() - 1000));
    const written = await svc.deps.interactions.upsertMany('TA', records, { token, settle: async () => undefined });
    expect(written.filter((o) => o.kind === 'updated')).toHaveLength(3);
    const again = await ingest(sent);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ unchanged: records.length });
    await expectRollupsMatchRaw();
  }, 90_000);
});

describe('survey answers cut short between the answer and the rollups', () => {
  ownService('answers');
  const pendingAnswers = () => svc.models.pendingResponseBatches.countDocuments({});
  /** Makes the next journaled rollup write fail after doing `part` of it (0: nothing, 1: all of it, the answer lost). */
  function breakNextApply(part: number) {
    const real = svc.deps.rollups.apply.bind(svc.deps.rollups);
    svc.deps.rollups.apply = async (tenantId, updates, mark) => {
      if (!mark || mark.repair) return real(tenantId, updates, mark);
      svc.deps.rollups.apply = real;
      await real(tenantId, updates.slice(0, Math.round(updates.length * part)), mark);
      throw Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
    };
  }
  /** CSAT and NPS of this month through the API against the stored answers and interactions. */
  async function expectAnswersMatchRaw() {
    await expect.poll(pendingAnswers, { timeout: 60_000, interval: 250 }).toBe(0);
    const interactions: InteractionRecord[] = [];
    for await (const r of svc.deps.interactions.scan('TA')) interactions.push(r);
    // API answers and answers to the bot's surveys alike
    const responses = [];
    for await (const r of svc.deps.responses.scan('TA')) responses.push(r);
    const res = await call('/api/v1/kpis?period=month&breakdown=channel');
    const body = (await res.json()) as { current: { csat: { responses: number; mean: number | null }; nps: { responses: number; score: number | null } }; period: { start: string; readEnd: string } };
    const want = oracleKpis(interactions, responses, new Date(body.period.start), new Date(body.period.readEnd), {});
    expect({ csat: body.current.csat.responses, csatMean: body.current.csat.mean, nps: body.current.nps.responses, npsScore: body.current.nps.score }).toEqual({
      csat: want.csat.responses, csatMean: want.csat.mean, nps: want.nps.responses, npsScore: want.nps.score,
    });
    return body.current;
  }
  const answers = (tag: string) => [
    ...[5, 4, 2].map((score, i) => ({ type: 'csat', score, respondedAt: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(), externalId: `${tag}-C${i}`, interactionExternalId: 'R-1' })),
    ...[10, 6].map((score, i) => ({ type: 'nps', score, respondedAt: new Date(NOW.getTime() - (i + 1) * 60_000).toISOString(), externalId: `${tag}-N${i}` })),
  ];
  const postAnswers = (records: object[]) => call('/api/v1/survey-responses', { method: 'POST', headers: json, body: JSON.stringify(records) });

  it('setup: resolved tickets', async () => {
    clock = NOW;
    expect((await ingest([ticket('R-1', true), ticket('R-2', true)])).status).toBe(200);
  });

  for (const [name, part] of [['nothing applied', 0], ['half applied', 0.5], ['all applied but the answer lost', 1]] as const) {
    it(`API answers, ${name}: a 503, the answers are counted once, a re-send changes nothing`, async () => {
      const tag = name.split(' ')[0]!.toUpperCase();
      const before = await expectAnswersMatchRaw();
      // one answer is changed: its old score must leave the rollups exactly once
      if (tag !== 'NOTHING') expect((await postAnswers([{ ...answers('NOTHING')[0]!, score: 1 }])).status).toBe(200);
      breakNextApply(part);
      const first = await postAnswers([...answers(tag), ...(tag === 'HALF' ? [{ ...answers('NOTHING')[0]!, score: 3 }] : [])]);
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('5');
      const after = await expectAnswersMatchRaw();
      expect(after.csat.responses).toBe(before.csat.responses + 3);
      const again = await postAnswers(answers(tag));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ accepted: 5, unchanged: 5 });
      await expectAnswersMatchRaw();
    }, 90_000);
  }

  it('a survey click cut short: "try again", then counted once; the next click changes nothing', async () => {
    const sent = await call('/api/v1/surveys', { method: 'POST', headers: json, body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: 'UCUST02' }, interactionExternalId: 'R-2', locale: 'pt-BR' }) });
    expect(sent.status).toBe(201);
    const message = ((await sent.json()) as { message: { channelId: string; messageId: string } }).message;
    const survey: Survey = { ...message, blocks: (webApiArgs(api.calls('/api/chat.postMessage').at(-1)!) as unknown as Survey).blocks };
    const before = await expectAnswersMatchRaw();
    breakNextApply(0.5);
    // in the clicking user's Slack language (the fake users.info says en-US)
    expect((await clickFour(survey, 'cut')).text).toBe('The service is temporarily unavailable. Try again in 5 s.');
    expect((await expectAnswersMatchRaw()).csat.responses).toBe(before.csat.responses + 1);
    expect((await clickFour(survey, 'again')).text).not.toContain('unavailable');
    expect((await expectAnswersMatchRaw()).csat.responses).toBe(before.csat.responses + 1);
    expect(await svc.models.surveyResponses.countDocuments({ tenantId: 'TA', surveyId: { $exists: true } })).toBe(1);
  }, 90_000);

  /** The response rate through the API against the surveys sent and answered as stored. */
  async function expectRateMatchesRaw() {
    const sent = await svc.models.surveys.countDocuments({ tenantId: 'TA', status: 'sent', type: { $ne: 'meeting' } });
    const answered = await svc.models.surveyResponses.countDocuments({ tenantId: 'TA', surveyId: { $exists: true } });
    const body = (await (await call('/api/v1/kpis?period=month')).json()) as { current: { surveyResponseRate: number | null } };
    expect(body.current.surveyResponseRate).toBe(sent > 0 ? answered / sent : null);
    return sent;
  }
  const sendSurvey = (type: string, interactionExternalId?: string) =>
    call('/api/v1/surveys', { method: 'POST', headers: json, body: JSON.stringify({ type, platform: 'slack', recipient: { userId: 'UCUST03' }, ...(interactionExternalId ? { interactionExternalId } : {}) }) });
  const sweep = (minutesLater: number) => sweepSentCounts(svc.deps, new Date(clock.getTime() + minutesLater * 60_000));

  for (const [name, part, type, ticketId] of [['nothing applied', 0, 'nps', 'R-1'], ['half applied', 0.5, 'nps', 'R-2'], ['all applied but not recorded', 1, 'csat', 'R-1']] as const) {
    it(`a survey's "sent" count, ${name}: the survey is out, counted once by the sweep after its lease`, async () => {
      const sentBefore = await expectRateMatchesRaw();
      const posts = api.calls('/api/chat.postMessage').length;
      breakNextApply(part);
      const res = await sendSurvey(type, ticketId);
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect((await svc.models.surveys.findById(id).lean())?.pendingCount).toBeDefined();
      // its writer's lease still runs: nobody else touches it
      expect(await sweep(1)).toBe(0);
      expect(await sweep(3)).toBe(1);
      expect((await svc.models.surveys.findById(id).lean())?.pendingCount).toBeUndefined();
      expect(await expectRateMatchesRaw()).toBe(sentBefore + 1);
      expect(await sweep(10)).toBe(0);
      expect(await expectRateMatchesRaw()).toBe(sentBefore + 1);
      expect(api.calls('/api/chat.postMessage')).toHaveLength(posts + 1);
    }, 60_000);
  }

  it('MongoDB gone right after the post: a 503, the survey is marked sent once it is back and counted once; asking again posts nothing', async () => {
    expect((await ingest([ticket('R-3', true)])).status).toBe(200);
    const sentBefore = await expectRateMatchesRaw();
    const posts = api.calls('/api/chat.postMessage').length;
    const real = svc.deps.surveys.transition.bind(svc.deps.surveys);
    svc.deps.surveys.transition = async (...args) => {
      if (args[3] !== 'sent') return real(...args);
      svc.deps.surveys.transition = real;
      throw Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
    };
    const first = await sendSurvey('csat', 'R-3');
    expect(first.status).toBe(503);
    expect(api.calls('/api/chat.postMessage')).toHaveLength(posts + 1);
    await expect.poll(async () => (await svc.models.surveys.findOne({ tenantId: 'TA', 'interaction.externalId': 'R-3', type: 'csat' }).lean())?.status, { timeout: 10_000 }).toBe('sent');
    // the retried mark holds a lease like any writer; the sweep counts it once that is over
    expect(await sweep(1)).toBe(0);
    expect(await sweep(3)).toBe(1);
    expect(await expectRateMatchesRaw()).toBe(sentBefore + 1);
    const again = await sendSurvey('csat', 'R-3');
    expect(again.status).toBe(200);
    expect(api.calls('/api/chat.postMessage')).toHaveLength(posts + 1);
  }, 60_000);
});
