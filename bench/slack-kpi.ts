/**
 * (d) signed `/kpi week` through the real Slack endpoint with the large tenant stored, against
 * a trivial command (`/kpi help`) in the same run: acknowledgement and time to the card.
 */
import { loadConfig } from '../src/config/index.js';
import { createService } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../test/support/slack.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export async function benchSlackKpi(mongoUri: string, tenantId: string, rounds = 40) {
  const slack = await startSlackApi();
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '1000000', WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: `${slack.apiUrl}`,
    SUPERVISOR_IDS: 'U_BENCH',
  });
  const service = await createService({ config, mongoUri, logger: createLogger('warn'), jobs: false });
  const { url } = await service.start(0, '127.0.0.1');
  const one = async (text: string, n: number) => {
    const hook = slack.hook(`bench-${text.replace(/\W/g, '')}-${n}`);
    const started = performance.now();
    const ack = await postSigned(`${url}/slack/events`, slashCommandBody({ team_id: tenantId, channel_id: 'C_BENCH', user_id: 'U_BENCH', command: '/kpi', text, response_url: hook }));
    if (ack.status !== 200) throw new Error(`/kpi ${text} answered ${ack.status}`);
    await slack.waitFor((r) => `${slack.url}${r.path}` === hook, 30_000);
    return { ack: ack.ms, card: performance.now() - started };
  };
  for (let i = 0; i < 3; i++) {
    await one('week', -i);
    await one('help', -i);
  }
  const kpi: { ack: number; card: number }[] = [];
  const help: { ack: number; card: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    kpi.push(await one('week', i));
    help.push(await one('help', i));
  }
  await service.stop();
  await slack.close();
  const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
  const ackRatio = pct(kpi.map((x) => x.ack), 50) / pct(help.map((x) => x.ack), 50);
  return {
    ackRatio,
    lines: [
      `(d) signed /kpi week on ${tenantId}: ack ${fmt(kpi.map((x) => x.ack))}; card via response_url ${fmt(kpi.map((x) => x.card))}`,
      `    trivial /kpi help: ack ${fmt(help.map((x) => x.ack))}; card ${fmt(help.map((x) => x.card))}`,
      `    ack ratio /kpi week ÷ trivial command (p50) ${ackRatio.toFixed(2)} (target ≤ 2); time-to-card ratio ${(pct(kpi.map((x) => x.card), 50) / pct(help.map((x) => x.card), 50)).toFixed(2)}`,
    ],
  };
}
