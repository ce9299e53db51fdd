/**
 * (e) A burst of signed survey clicks through the real Slack endpoint over 200 concurrent
 * connections, against a trivial Bolt action (a link button: acknowledged, nothing else) in the
 * same run: every click acknowledged, exactly one stored response per survey, p99 ack latency.
 */
import { Agent, request } from 'node:http';
import { loadConfig } from '../src/config/index.js';
import { createService } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { sendSurvey } from '../src/core/surveys/send-survey.js';
import type { Survey } from '../src/core/domain/survey.js';
import { getKpis } from '../src/core/kpi/get-kpis.js';
import { blockActionsPayload, interactivityBody, signSlack, SIGNING_SECRET, startSlackApi } from '../test/support/slack.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const TENANT = 'TBENCHSV';

interface Click {
  body: string;
  retry?: boolean;
}

/** One signed POST over the shared keep-alive agent; resolves with the status and the latency. */
function postOver(agent: Agent, url: URL, c: Click): Promise<{ status: number; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string | number> = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(c.body),
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': signSlack(SIGNING_SECRET, timestamp, c.body),
    ...(c.retry ? { 'x-slack-retry-num': 1, 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

/** Fires every click with at most `concurrency` in flight (one per connection). */
async function burst(agent: Agent, url: URL, clicks: Click[], concurrency: number) {
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < clicks.length) results.push(await postOver(agent, url, clicks[next++]!));
    }),
  );
  return results;
}

export async function benchSurveyClicks(mongoUri: string, o = { surveys: 250, clicksPerSurvey: 4, concurrency: 200 }) {
  const slack = await startSlackApi();
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '1000000', WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: slack.apiUrl });
  const service = await createService({ config, mongoUri, logger: createLogger('warn'), jobs: false });
  const { url } = await service.start(0, '127.0.0.1');
  const events = new URL(`${url}/slack/events`);
  await service.models.surveys.deleteMany({ tenantId: TENANT });
  await service.models.surveyResponses.deleteMany({ tenantId: TENANT });
  await service.deps.rollups.clear(TENANT);

  const surveys: { survey: Survey; user: string }[] = [];
  for (let i = 0; i < o.surveys; i++) {
    const user = `UB${String(i).padStart(6, '0')}`;
    const { survey } = await sendSurvey(service.bot, { tenantId: TENANT, type: 'csat', platform: 'slack', recipient: { userId: user }, locale: 'en', sentBy: 'bench' });
    surveys.push({ survey, user });
  }
  let hooks = 0;
  const click = (s: (typeof surveys)[number], actionId: string, value: string, retry = false): Click => ({
    body: interactivityBody(
      blockActionsPayload({
        team: TENANT,
        user: s.user,
        channel: s.survey.message!.channelId,
        message: { ts: s.survey.message!.messageId, text: 'survey', blocks: [] },
        action: { action_id: actionId, value, text: 'x' },
        response_url: slack.hook(`bench-survey/${++hooks}`),
      }),
    ),
    retry,
  });
  // per survey: a double click, a retried delivery of it and a changed answer, shuffled together
  const surveyClicks: Click[] = [];
  for (const s of surveys) {
    const first = 4 + (s.survey.id.charCodeAt(23) % 2);
    const value = (v: number) => JSON.stringify({ s: s.survey.id, v });
    const mine = [click(s, 'survey.answer:4', value(first)), click(s, 'survey.answer:4', value(first)), click(s, 'survey.answer:4', value(first), true), click(s, 'survey.answer:2', value(3))];
    surveyClicks.push(...mine.slice(0, o.clicksPerSurvey));
  }
  for (let i = surveyClicks.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [surveyClicks[i], surveyClicks[j]] = [surveyClicks[j]!, surveyClicks[i]!];
  }
  const trivialClicks = surveyClicks.map((_, i) => click(surveys[i % surveys.length]!, 'link:0', ''));

  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  await burst(agent, events, trivialClicks.slice(0, 2 * o.concurrency), o.concurrency); // warm-up: JIT and every connection open
  const half = Math.floor(surveyClicks.length / 2);
  const trivial = [...(await burst(agent, events, trivialClicks.slice(0, half), o.concurrency))];
  const survey = [...(await burst(agent, events, surveyClicks.slice(0, half), o.concurrency))];
  trivial.push(...(await burst(agent, events, trivialClicks.slice(half), o.concurrency)));
  survey.push(...(await burst(agent, events, surveyClicks.slice(half), o.concurrency)));

  // every click is answered through its response_url once the work is done
  const deadline = Date.now() + 120_000;
  while (slack.requests.filter((r) => r.path.startsWith('/hooks/bench-survey/')).length < surveyClicks.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const answered = slack.requests.filter((r) => r.path.startsWith('/hooks/bench-survey/')).length;
  const stored = await service.models.surveyResponses.countDocuments({ tenantId: TENANT });
  const distinct = (await service.models.surveyResponses.distinct('surveyId', { tenantId: TENANT })).length;
  // the rollups counted each survey's answer once, whatever the order of its clicks
  const now = new Date();
  const kpis = (await getKpis(service.deps, { tenantId: TENANT, period: { kind: 'today' }, at: now, now, filters: {}, locale: 'en' })).current;
  const scores = await service.models.surveyResponses.find({ tenantId: TENANT }, { score: 1 }).lean();
  const mean = scores.reduce((s, r) => s + r.score, 0) / scores.length;
  agent.destroy();
  await service.stop();
  await slack.close();

  const acked = survey.filter((r) => r.status === 200).length;
  const ratio = pct(survey.map((r) => r.ms), 99) / pct(trivial.map((r) => r.ms), 99);
  const rollupsExact = kpis.csat.responses === o.surveys && Math.abs((kpis.csat.mean ?? 0) - mean) < 1e-9 && kpis.surveyResponseRate === 1;
  const exact = stored === o.surveys && distinct === o.surveys && rollupsExact;
  const fmt = (xs: { ms: number }[]) => `p50 ${pct(xs.map((x) => x.ms), 50).toFixed(1)} ms, p99 ${pct(xs.map((x) => x.ms), 99).toFixed(1)} ms`;
  return {
    ok: acked === surveyClicks.length && exact && answered === surveyClicks.length && ratio <= 2,
    ratio,
    lines: [
      `(e) ${surveyClicks.length} signed survey clicks on ${o.surveys} surveys over ${o.concurrency} connections: ${acked}/${surveyClicks.length} acknowledged (${fmt(survey)}); ${answered} answered via response_url`,
      `    stored responses ${stored} for ${o.surveys} surveys (${distinct} distinct); KPIs from rollups: ${kpis.csat.responses} CSAT responses, mean ${kpis.csat.mean?.toFixed(3)} (stored ${mean.toFixed(3)}), response rate ${kpis.surveyResponseRate}: ${exact ? 'exactly one each' : 'MISMATCH'}`,
      `    trivial Bolt action (link button), same connections: ${fmt(trivial)}`,
      `    ack p99 ratio survey click ÷ trivial action ${ratio.toFixed(2)} (target ≤ 2)`,
    ],
  };
}
