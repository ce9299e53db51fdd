/**
 * (b) NDJSON ingest through POST /api/v1/interactions against the raw driver's insertMany of
 * the same documents into a collection with the same indexes, alternated chunk by chunk so both
 * sides see the same machine noise.
 */
import type { Service } from '../src/service.js';
import { generateInteractions } from '../src/cli/demo-data.js';

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export interface IngestBenchOptions {
  service: Service;
  url: string;
  /** API key of the tenant that ingests */
  key: string;
  tenantId: string;
  records: number;
  chunk: number;
  timezone: string;
  now: Date;
}

export async function benchIngest(o: IngestBenchOptions): Promise<{ ratio: number; lines: string[] }> {
  const { service } = o;
  await service.models.interactions.deleteMany({ tenantId: o.tenantId });
  await service.deps.rollups.clear(o.tenantId);
  const records = generateInteractions({ days: 7, perDay: Math.round(o.records / 7), end: o.now, timezone: o.timezone, seed: 7, idPrefix: 'I' });
  // the raw side inserts the same documents into the interactions collection itself (a tenant of
  // its own): both pay for the same indexes at the same size, whatever else the database holds
  const rawColl = service.models.interactions.collection;
  const RAW = 'bench-raw';
  await rawColl.deleteMany({ tenantId: RAW });
  let oursMs = 0;
  let rawMs = 0;
  const chunk = o.chunk;
  for (let i = 0; i < records.length; i += chunk) {
    const part = records.slice(i, i + chunk);
    const body = part.map((r) => JSON.stringify(r)).join('\n');
    let t0 = process.hrtime.bigint();
    const res = await fetch(`${o.url}/api/v1/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    const report = (await res.json()) as { accepted: number; rejected: unknown[] };
    oursMs += ms(t0);
    if (report.rejected.length > 0) throw new Error(`ingest rejected: ${JSON.stringify(report.rejected[0])}`);
    t0 = process.hrtime.bigint();
    await rawColl.insertMany(part.map((r) => ({ ...r, tenantId: RAW })), { ordered: false });
    rawMs += ms(t0);
  }
  await rawColl.deleteMany({ tenantId: RAW });
  const ratio = rawMs / oursMs;
  const line = `(b) ingest of ${records.length} records in NDJSON chunks of ${chunk}: ours ${(records.length / (oursMs / 1000)).toFixed(0)}/s, raw insertMany ${(records.length / (rawMs / 1000)).toFixed(0)}/s; ratio ${ratio.toFixed(2)} (target ≥ 0.5)`;
  return { ratio, lines: [line] };
}
