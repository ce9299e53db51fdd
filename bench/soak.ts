/**
 * Soak: a bounded run mixing ingest, signed /kpi commands, survey sends and clicks, meeting
 * actions and scheduled report runs against one service instance in its own process. Returns
 * requests, errors, the service's RSS and live heap after warm-up and at the end, a memory
 * timeline, and lost / duplicated writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNING_SECRET } from '../test/support/slack.js';
import { startSoakService, type SoakProcess } from './soak-process.js';
import { SOAK_TENANT } from './soak-protocol.js';
import { runMixedLoad, SOAK_API_KEY, startFakeSlack, type Sent } from './soak-load.js';

export interface SoakOptions {
  mongoUri: string;
  durationMs: number;
  /** memory is first measured after this much of the same load */
  warmupMs: number;
  /** memory timeline resolution */
  sampleEveryMs?: number;
  /** environment and node flags of the service process beyond the soak's own */
  env?: Record<string, string>;
  nodeFlags?: string[];
  /** false: without the Docker image's NODE_OPTIONS (to compare) */
  productionEnv?: boolean;
  /** writes heap snapshots of the service at the start and end of the measured span here */
  snapshotDir?: string;
}

export interface MemorySample {
  atS: number;
  /** MB; rss and anon(ymous) from /proc, the rest from inside the service (memoryUsage, V8) */
  rss: number;
  anon: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  malloced: number;
  /** committed size of V8's spaces within heapTotal, and the heap's hard limit */
  oldSpace: number;
  newSpace: number;
  largeObjects: number;
  heapLimit: number;
}

export interface SoakResult {
  seconds: number;
  requests: number;
  errors: string[];
  rssStartMb: number;
  rssEndMb: number;
  /** live heap after a full collection: what a leak would grow */
  heapStartMb: number;
  heapEndMb: number;
  lost: number;
  duplicated: number;
  samples: MemorySample[];
  /** the service's last warnings and errors */
  serviceLog: string[];
}

/**
 * The service runs with the Docker image's NODE_OPTIONS (its V8 heap budget), as in production:
 * without one, V8 on a large host lets the heap grow to ~4x what is live before collecting.
 */
export function productionEnv(): Record<string, string> {
  const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
  const options = /NODE_OPTIONS="([^"]+)"/.exec(dockerfile)?.[1];
  if (!options) throw new Error('the Dockerfile sets no NODE_OPTIONS');
  return { NODE_OPTIONS: options };
}

type Usage = Omit<MemorySample, 'atS' | 'rss' | 'anon'>;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function measure(svc: SoakProcess, gc: boolean, startedAt: number): Promise<MemorySample> {
  const u = await svc.call<Usage>({ op: 'memory', gc });
  const r = svc.rss();
  const sizes = Object.fromEntries(Object.entries(u).map(([k, v]) => [k, mb(v)])) as Usage;
  return { atS: Math.round((Date.now() - startedAt) / 1000), rss: mb(r.rss), anon: mb(r.anon), ...sizes };
}

const SERVICE_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  API_KEYS: `${SOAK_TENANT}:${SOAK_API_KEY}`,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-soak',
  SUPERVISOR_IDS: 'USOAK001',
  API_RATE_LIMIT_PER_MINUTE: '1000000',
  WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000',
};

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const sent: Sent = { interactions: 0, answeredSurveys: new Set(), reportPosts: 0 };
  const fake = await startFakeSlack(sent);
  const env = { ...(o.productionEnv === false ? {} : productionEnv()), ...SERVICE_ENV, MONGODB_URI: o.mongoUri, SLACK_API_URL: fake.slack.apiUrl, ...o.env };
  const svc = await startSoakService(env, o.nodeFlags);
  try {
    await svc.call({ op: 'setup' });
    const errors: string[] = [];
    let requests = 0;
    const check = (what: string, ok: boolean) => {
      requests++;
      if (!ok && errors.length < 50) errors.push(what);
    };
    const started = Date.now();
    const memory = watchMemory(svc, o, started, (e) => errors.push(e));
    await runMixedLoad({ svc, fake, until: started + o.durationMs, sent, check });
    // the last /kpi answers and report posts land; then the end reading, after a full collection
    await new Promise((r) => setTimeout(r, 1500));
    const { start, end, samples } = await memory.stop();
    const stored = await svc.call<{ interactions: number; responses: number; reportRuns: number }>({ op: 'counts' });
    const sentCounts = [sent.interactions, sent.answeredSurveys.size, sent.reportPosts];
    const storedCounts = [stored.interactions, stored.responses, stored.reportRuns];
    return {
      seconds: (Date.now() - started) / 1000,
      requests,
      errors,
      rssStartMb: Math.round(start.rss),
      rssEndMb: Math.round(end.rss),
      heapStartMb: Math.round(start.heapUsed),
      heapEndMb: Math.round(end.heapUsed),
      lost: sentCounts.reduce((n, x, i) => n + Math.max(0, x - storedCounts[i]!), 0),
      duplicated: sentCounts.reduce((n, x, i) => n + Math.max(0, storedCounts[i]! - x), 0),
      samples,
      serviceLog: [...svc.log],
    };
  } finally {
    await svc.stop();
    await fake.close();
  }
}

/** Readings every sampleEveryMs, and after a full collection once the warm-up ends and at stop(). */
function watchMemory(svc: SoakProcess, o: SoakOptions, startedAt: number, onError: (e: string) => void) {
  const samples: MemorySample[] = [];
  let start: MemorySample | undefined;
  const snapshot = (name: string) => (o.snapshotDir ? svc.call({ op: 'snapshot', file: join(o.snapshotDir, `soak-${name}.heapsnapshot`) }) : null);
  const warm = setTimeout(() => {
    measure(svc, true, startedAt)
      .then(async (s) => {
        start = s;
        await snapshot('start');
      })
      .catch((e: unknown) => onError(`start reading: ${(e as Error).message}`));
  }, o.warmupMs);
  const every = setInterval(() => {
    measure(svc, false, startedAt).then(
      (s) => samples.push(s),
      (e: unknown) => onError(`reading: ${(e as Error).message}`),
    );
  }, o.sampleEveryMs ?? 30_000);
  return {
    async stop() {
      clearTimeout(warm);
      clearInterval(every);
      const end = await measure(svc, true, startedAt);
      await snapshot('end');
      if (!start) throw new Error(`the warm-up (${o.warmupMs} ms) did not end before the run (${o.durationMs} ms)`);
      return { start, end, samples: [...samples, end] };
    },
  };
}
