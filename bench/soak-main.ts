/** npm run soak [-- minutes]: the soak run (10 minutes by default) with its figures. */
import mongoose from 'mongoose';
import { runSoak } from './soak.js';

async function main() {
  const minutes = Number(process.argv[2] ?? 10);
  const db = (await import(new URL('../scripts/db.mjs', import.meta.url).href)) as { startServer: (o: object) => Promise<{ uri: string }> };
  const uri = process.env['MONGODB_URI'] ?? (await db.startServer({ dataFile: '.data/bench/db.h2', stateFile: '.data/bench/server.json', logFile: '.data/bench/server.log' })).uri;
  const r = await runSoak(uri, minutes * 60_000, 60_000);
  const growth = (r.rssEndMb - r.rssStartMb) / r.rssStartMb;
  process.stdout.write(`soak ${r.seconds.toFixed(0)} s: ${r.requests} requests, ${r.errors.length} errors, RSS ${r.rssStartMb} → ${r.rssEndMb} MB (${(growth * 100).toFixed(1)} %), heap after GC ${r.heapStartMb} → ${r.heapEndMb} MB, lost ${r.lost}, duplicated ${r.duplicated}\n`);
  for (const e of r.errors) process.stdout.write(`  error: ${e}\n`);
  await mongoose.disconnect();
  process.exit(r.errors.length === 0 && r.lost === 0 && r.duplicated === 0 && growth < 0.1 ? 0 : 1);
}
main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
