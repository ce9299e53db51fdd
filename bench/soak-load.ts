/**
 * The soak's mixed load, five loops at once until `until`: ingest batches, signed /kpi with
 * its response_url answer, survey sends with double clicks and a changed answer, meetings
 * (over IPC, through the bot core) and hourly report passes at fake times.
 */
import type { RecordedRequest } from '../test/support/recording-server.js';
import { blockActionsPayload, interactivityBody, postSigned, slashCommandBody, startSlackApi, webApiArgs } from '../test/support/slack.js';
import type { SoakProcess } from './soak-process.js';
import { SOAK_REPORT_CHANNEL, SOAK_REPORT_EPOCH, SOAK_TENANT } from './soak-protocol.js';

export const SOAK_API_KEY = 'soak-key-0123456789abcdef';

/** What the load sent, to compare with what the service stored. */
export interface Sent {
  interactions: number;
  answeredSurveys: Set<string>;
  reportPosts: number;
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** The fake Slack: report posts counted, response_url answers handed to whoever waits for them. */
export async function startFakeSlack(sent: Sent) {
  const slack = await startSlackApi();
  let ts = 0;
  slack.on('/api/chat.postMessage', (req: RecordedRequest) => {
    if (webApiArgs(req)['channel'] === SOAK_REPORT_CHANNEL) sent.reportPosts++;
    return { body: { ok: true, channel: webApiArgs(req)['channel'], ts: `1764000000.${String(++ts).padStart(6, '0')}` } };
  });
  const pending = new Map<string, (body: unknown) => void>();
  slack.on(/^\/hooks\/soak\//, (req: RecordedRequest) => {
    pending.get(req.path)?.(req.body);
    pending.delete(req.path);
    return { body: 'ok' };
  });
  const answerOf = (path: string) =>
    new Promise<unknown>((resolve) => {
      pending.set(path, resolve);
      setTimeout(() => resolve(null), 30_000).unref();
    });
  // recorded requests are not needed: dropped as we go
  const sweeper = setInterval(() => slack.clear(), 2000);
  return { slack, answerOf, close: () => (clearInterval(sweeper), slack.close()) };
}

interface LoadContext {
  svc: SoakProcess;
  fake: FakeSlack;
  until: number;
  sent: Sent;
  /** counts one request or step; false is an error */
  check(what: string, ok: boolean): void;
}

const auth = { authorization: `Bearer ${SOAK_API_KEY}`, 'content-type': 'application/json' };

async function loop(until: number, job: (i: number) => Promise<void>) {
  for (let i = 0; Date.now() < until; i++) await job(i);
}

async function ingest({ svc, sent, check }: LoadContext, i: number) {
  const batch = Array.from({ length: 20 }, (_, k) => {
    const created = Date.now() - ((i * 20 + k) % 5000) * 60_000;
    return { externalId: `S-${i}-${k}`, channel: k % 2 ? 'chat' : 'email', customer: { id: `c${(i * 20 + k) % 700}` }, status: 'resolved', createdAt: new Date(created).toISOString(), resolvedAt: new Date(created + 3_600_000).toISOString() };
  });
  const res = await fetch(`${svc.url}/api/v1/interactions`, { method: 'POST', body: JSON.stringify(batch), headers: auth });
  await res.arrayBuffer();
  check(`ingest ${res.status}`, res.status === 200);
  if (res.status === 200) sent.interactions += 20;
}

async function kpi({ svc, fake, check }: LoadContext, i: number) {
  const hook = fake.slack.hook(`soak/kpi/${i}`);
  const answer = fake.answerOf(new URL(hook).pathname);
  const res = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: SOAK_TENANT, channel_id: 'CSOAK001', user_id: 'USOAK001', command: '/kpi', text: i % 2 ? 'week' : '30d by:channel', response_url: hook }));
  check(`/kpi ${res.status}`, res.status === 200);
  const body = await answer;
  check('/kpi answer', body !== null && !JSON.stringify(body).includes('Something went wrong'));
}

async function survey({ svc, fake, sent, check }: LoadContext, i: number) {
  const user = `USC${String(i).padStart(6, '0')}`;
  const res = await fetch(`${svc.url}/api/v1/surveys`, { method: 'POST', body: JSON.stringify({ type: 'csat', platform: 'slack', recipient: { userId: user }, locale: 'en' }), headers: auth });
  check(`survey ${res.status}`, res.status === 201);
  if (res.status !== 201) return void (await res.arrayBuffer());
  const s = (await res.json()) as { id: string; message: { channelId: string; messageId: string } };
  for (const v of [4, 4, 5]) {
    const body = interactivityBody(blockActionsPayload({ team: SOAK_TENANT, user, channel: s.message.channelId, message: { ts: s.message.messageId, text: 's', blocks: [] }, action: { action_id: 'survey.answer:0', value: JSON.stringify({ s: s.id, v }), text: 'x' }, response_url: fake.slack.hook(`soak/s/${i}/${v}`) }));
    const click = await postSigned(`${svc.url}/slack/events`, body);
    check(`click ${click.status}`, click.status === 200);
  }
  sent.answeredSurveys.add(s.id);
}

async function meeting({ svc, check }: LoadContext, i: number) {
  for (const [step, ok] of await svc.call<[string, boolean][]>({ op: 'meeting', i })) check(step, ok);
}

/** One scheduler pass an hour later (fake time) than the last: exactly the soak's report, once. */
async function reportPass({ svc, check }: LoadContext, h: number) {
  const at = new Date(SOAK_REPORT_EPOCH.getTime() + (h + 1) * 3_600_000).toISOString();
  const c = await svc.call<{ posted: number; skipped: number; failed: number; retrying: number; errors: string[] }>({ op: 'reports', at });
  check(`report pass at ${at}: ${JSON.stringify(c)}`, c.failed === 0 && c.posted === 1 && c.retrying === 0 && c.errors.length === 0);
  await new Promise((r) => setTimeout(r, 2000));
}

export async function runMixedLoad(ctx: LoadContext): Promise<void> {
  await Promise.all([ingest, kpi, survey, meeting, reportPass].map((job) => loop(ctx.until, (i) => job(ctx, i))));
}
