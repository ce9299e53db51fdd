/**
 * npm run soak [-- minutes]: the soak run (10 minutes by default) with its figures and the
 * service's memory every 30 s. SOAK_PLAIN=1 runs the service without the Docker image's
 * NODE_OPTIONS, SOAK_NODE_FLAGS adds node flags, SOAK_SNAPSHOTS=<dir> writes heap snapshots.
 */
import { runSoak, type MemorySample } from './soak.js';

const row = (s: MemorySample) => `  ${String(s.atS).padStart(4)} s  rss ${s.rss}  anon ${s.anon}  heap ${s.heapUsed}/${s.heapTotal}  external ${s.external}  arrayBuffers ${s.arrayBuffers}  malloced ${s.malloced}  old ${s.oldSpace}  new ${s.newSpace}  large ${s.largeObjects}  limit ${s.heapLimit}\n`;

async function main() {
  const minutes = Number(process.argv[2] ?? 10);
  const db = (await import(new URL('../scripts/db.mjs', import.meta.url).href)) as { startServer: (o: object) => Promise<{ uri: string }> };
  // a data file of its own: the bench's (millions of documents) takes minutes to open
  const server = process.env['MONGODB_URI'] ?? (await db.startServer({ dataFile: '.data/soak/db.h2', stateFile: '.data/soak/server.json', logFile: '.data/soak/server.log' })).uri;
  const r = await runSoak({
    // a database of its own: the soak's scheduler passes at fake times would post other tenants' reports
    mongoUri: server.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?/, '$1/csops_soak'),
    durationMs: minutes * 60_000,
    warmupMs: 60_000,
    productionEnv: process.env['SOAK_PLAIN'] !== '1',
    nodeFlags: (process.env['SOAK_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
    ...(process.env['SOAK_SNAPSHOTS'] ? { snapshotDir: process.env['SOAK_SNAPSHOTS'] } : {}),
  });
  const growth = (r.rssEndMb - r.rssStartMb) / r.rssStartMb;
  process.stdout.write('service memory (MB):\n');
  for (const s of r.samples) process.stdout.write(row(s));
  process.stdout.write(`soak ${r.seconds.toFixed(0)} s: ${r.requests} requests, ${r.errors.length} errors, service RSS ${r.rssStartMb} → ${r.rssEndMb} MB (${(growth * 100).toFixed(1)} %), heap after GC ${r.heapStartMb} → ${r.heapEndMb} MB, lost ${r.lost}, duplicated ${r.duplicated}\n`);
  for (const e of r.errors) process.stdout.write(`  error: ${e}\n`);
  if (r.errors.length) for (const l of r.serviceLog) process.stdout.write(`  service: ${l}\n`);
  process.exit(r.errors.length === 0 && r.lost === 0 && r.duplicated === 0 && growth < 0.1 ? 0 : 1);
}
main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
