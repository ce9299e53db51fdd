/**
 * npm run bench — side-by-side ratios on one database in one run (absolute times on a shared
 * machine mean little). Sizes: BENCH_SMALL (10k), BENCH_LARGE (1M), BENCH_INGEST (20k).
 *  (a) GET /api/v1/kpis?period=week latency with the large vs the small tenant  (≤ 1.5)
 *  (b) NDJSON ingest throughput vs the raw driver's insertMany of the same docs   (≥ 0.5)
 *  (c) one raw aggregation pipeline over the large tenant vs the rollup read      (≥ 50×)
 *  (d) signed /kpi week through the Slack endpoint vs a trivial command           (≤ 2)
 *  (g) the report document for 90 days on the large tenant vs the chat report             (≤ 3)
 * `npm run bench -- ingest` runs (b) alone (no large fill), as `surveys` and `reports` do (e), (f);
 * `npm run bench -- document` fills the large tenant and runs (g) alone; `kpi` runs (d) alone on it.
 */
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config/index.js';
import { createService, type Service } from '../src/service.js';
import { createLogger } from '../src/infra/observability/logger.js';
import { storeInteractions } from '../src/core/records/store-interactions.js';
import { generateInteractions } from '../src/cli/demo-data.js';
import { rawWeekPipeline } from './raw-pipeline.js';
import { benchSlackKpi } from './slack-kpi.js';
import { benchSurveyClicks } from './survey-clicks.js';
import { benchReportFanout } from './report-fanout.js';
import { benchIngest } from './ingest.js';
import { benchReportDocument } from './report-document.js';

const SMALL = Number(process.env['BENCH_SMALL'] ?? 10_000);
const LARGE = Number(process.env['BENCH_LARGE'] ?? 1_000_000);
const INGEST = Number(process.env['BENCH_INGEST'] ?? 20_000);
// Slack-shaped: (d) asks for /kpi over signed Slack requests, which act only on T…/E… ids
const SMALL_TENANT = 'TBENCHSMALL';
const LARGE_TENANT = 'TBENCHLARGE';
const DAYS = 90;
const TZ = 'America/Sao_Paulo';
const NOW = new Date();
const KEY = 'bench-key-0123456789abcdef';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** the test server can pause for seconds under a million documents: be patient with it */
const patient = (uri: string) => `${uri}${uri.includes('?') ? '&' : '?'}connectTimeoutMS=120000&socketTimeoutMS=0&heartbeatFrequencyMS=30000`;

async function mongoUri(): Promise<string> {
  if (process.env['MONGODB_URI']) return patient(process.env['MONGODB_URI']);
  const db = (await import(new URL('../scripts/db.mjs', import.meta.url).href)) as {
    startServer: (o: object) => Promise<{ uri: string }>;
  };
  // opening the 1M-interaction data file (several GB) can take minutes
  return patient((await db.startServer({ dataFile: '.data/bench/db.h2', stateFile: '.data/bench/server.json', logFile: '.data/bench/server.log', timeoutMs: 15 * 60_000 })).uri);
}

/** Fills a tenant with `total` interactions over DAYS days, unless it already holds them. */
async function fill(service: Service, tenantId: string, total: number) {
  // counting a million documents is slow on the test server: a marker records finished fills
  const meta = service.connection.collection<{ _id: string; tenantId: string; stored: number }>('bench_meta');
  const done = await meta.findOne({ _id: `${tenantId}:${total}` });
  if (done) return log(`  ${tenantId}: ${done.stored} interactions already stored`);
  await service.models.interactions.deleteMany({ tenantId });
  await service.deps.rollups.clear(tenantId);
  const perDay = Math.round(total / DAYS);
  const t0 = process.hrtime.bigint();
  let stored = 0;
  for (let d = DAYS - 1; d >= 0; d--) {
    const end = DateTime.fromJSDate(NOW, { zone: TZ }).minus({ days: d }).toJSDate();
    const day = generateInteractions({ days: 1, perDay, end, now: NOW, timezone: TZ, seed: d + total, idPrefix: `D${d}`, customerPool: Math.round(total / 1.4) });
    for (let i = 0; i < day.length; i += 5000) await storeInteractions(service.deps, tenantId, TZ, day.slice(i, i + 5000));
    stored += day.length;
  }
  await meta.insertOne({ _id: `${tenantId}:${total}`, tenantId, stored });
  log(`  ${tenantId}: stored ${stored} interactions in ${(ms(t0) / 1000).toFixed(0)} s`);
}

/** Waits until the KPI route answers 200 (up to 5 minutes). */
async function settled(url: string, tenantKey: string) {
  for (const deadline = Date.now() + 300_000; ; ) {
    const res = await fetch(`${url}/api/v1/kpis?period=week`, { headers: { authorization: `Bearer ${tenantKey}` } });
    await res.arrayBuffer();
    if (res.status === 200) return;
    if (Date.now() > deadline) throw new Error(`kpis still answer ${res.status} after the fill`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function kpiLatency(url: string, tenantKey: string, rounds: number) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${url}/api/v1/kpis?period=week`, { headers: { authorization: `Bearer ${tenantKey}` } });
    await res.json();
    if (res.status !== 200) throw new Error(`kpis answered ${res.status}`);
    times.push(ms(t0));
  }
  return times;
}

const ingest = (service: Service, url: string) =>
  benchIngest({ service, url, key: `${KEY}-i`, tenantId: 'bench-ingest', records: INGEST, chunk: Number(process.env['BENCH_CHUNK'] ?? 5000), timezone: TZ, now: NOW });

async function main() {
  const uri = await mongoUri();
  // `npm run bench -- surveys` runs only the survey-click burst (no large fill needed)
  if (process.argv.includes('reports')) {
    const f = await benchReportFanout(uri);
    for (const line of f.lines) log(line);
    await mongoose.disconnect();
    process.exit(f.ok ? 0 : 1);
  }
  // `npm run bench -- kpi` runs (d) alone on the large tenant an earlier run filled
  if (process.argv.includes('kpi')) {
    const d = await benchSlackKpi(uri, LARGE_TENANT);
    for (const line of d.lines) log(line);
    await mongoose.disconnect();
    process.exit(d.ackRatio <= 2 ? 0 : 1);
  }
  if (process.argv.includes('surveys')) {
    const e = await benchSurveyClicks(uri);
    for (const line of e.lines) log(line);
    await mongoose.disconnect();
    process.exit(e.ok ? 0 : 1);
  }
  const config = loadConfig({
    ...process.env,
    API_KEYS: `${SMALL_TENANT}:${KEY}-s,${LARGE_TENANT}:${KEY}-l,bench-ingest:${KEY}-i`,
    LOG_LEVEL: 'warn',
    API_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const service = await createService({ config, mongoUri: uri, logger: createLogger('warn') });
  const { url } = await service.start(0, '127.0.0.1');
  if (process.argv.includes('ingest')) {
    log(`bench on ${uri.replace(/\/\/.*@/, '//')} — ingest ${INGEST}`);
    const { ratio, lines } = await ingest(service, url);
    for (const line of lines) log(line);
    await service.stop();
    await mongoose.disconnect();
    process.exit(ratio >= 0.5 ? 0 : 1);
  }
  const document = () => benchReportDocument(service, { tenantId: LARGE_TENANT, total: LARGE, timezone: TZ, now: NOW });
  if (process.argv.includes('document')) {
    log(`bench on ${uri.replace(/\/\/.*@/, '//')} — report document, large ${LARGE}`);
    await fill(service, LARGE_TENANT, LARGE);
    const g = await document();
    for (const line of g.lines) log(line);
    await service.stop();
    await mongoose.disconnect();
    process.exit(g.ok ? 0 : 1);
  }
  log(`bench on ${uri.replace(/\/\/.*@/, '//')} — small ${SMALL}, large ${LARGE}, ingest ${INGEST}`);
  await fill(service, SMALL_TENANT, SMALL);
  await fill(service, LARGE_TENANT, LARGE);

  // (a) interleaved rounds so both tenants see the same machine noise, once the server has
  // digested the fill (right after a million writes it can answer 503 for a while)
  await settled(url, `${KEY}-l`);
  await kpiLatency(url, `${KEY}-s`, 3);
  await kpiLatency(url, `${KEY}-l`, 3);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < 30; i++) {
    small.push(...(await kpiLatency(url, `${KEY}-s`, 1)));
    large.push(...(await kpiLatency(url, `${KEY}-l`, 1)));
  }
  const a = median(large) / median(small);
  log(`(a) /api/v1/kpis?period=week median: ${SMALL} → ${median(small).toFixed(1)} ms, ${LARGE} → ${median(large).toFixed(1)} ms; ratio ${a.toFixed(2)} (target ≤ 1.5)`);

  // (b) same documents, same chunking, alternated chunk by chunk
  const { ratio: b, lines: bLines } = await ingest(service, url);
  for (const line of bLines) log(line);

  // (c) what a BI tool would run over the raw interactions vs the rollup read
  const week = { start: DateTime.fromJSDate(NOW, { zone: TZ }).startOf('week').toJSDate(), end: DateTime.fromJSDate(NOW, { zone: TZ }).plus({ days: 1 }).startOf('day').toJSDate() };
  const pipeline = rawWeekPipeline(LARGE_TENANT, week.start, week.end);
  let t0 = process.hrtime.bigint();
  const rawResult = await service.models.interactions.collection.aggregate(pipeline, { allowDiskUse: true }).toArray();
  const pipelineMs = ms(t0);
  const rollupTimes = await kpiLatency(url, `${KEY}-l`, 5);
  t0 = process.hrtime.bigint();
  const c = pipelineMs / median(rollupTimes);
  log(`(c) week KPIs over ${LARGE}: raw aggregation ${pipelineMs.toFixed(0)} ms (volume ${(rawResult[0] as { volume?: { n: number }[] } | undefined)?.volume?.[0]?.n ?? 0}), rollup read ${median(rollupTimes).toFixed(1)} ms; speedup ${c.toFixed(0)}× (target ≥ 50×)`);
  // (g) last on this service: it adds the tenant's service-report cases once
  const g = await document();
  for (const line of g.lines) log(line);

  await service.stop();
  const d = await benchSlackKpi(uri, LARGE_TENANT);
  for (const line of d.lines) log(line);
  const e = await benchSurveyClicks(uri);
  for (const line of e.lines) log(line);
  const f = await benchReportFanout(uri);
  for (const line of f.lines) log(line);
  await mongoose.disconnect();
  const ok = a <= 1.5 && b >= 0.5 && c >= 50 && d.ackRatio <= 2 && e.ok && f.ok && g.ok;
  log(ok ? 'all targets met' : 'SOME TARGETS MISSED');
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
