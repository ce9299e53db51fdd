/**
 * The real entry (src/main.ts, console on as with `npm start`) on a MongoDB wire server of its
 * own, stopped while the demo data is being written: the process stays up (/healthz 200,
 * /readyz 503), and once MongoDB is back the seeding is retried and finishes once — the rollups
 * hold exactly the stored interactions and answers, nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/db.mjs';
import { CONSOLE_TENANTS } from '../../src/adapters/console/users.js';

const CONSOLE_TENANT = CONSOLE_TENANTS.slack;
import { startOwnMongo, type OwnMongo } from '../support/mongo-outage.js';

let mongo: OwnMongo;
let child: ChildProcess;
let url: string;
let conn: Connection;
const lines: string[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
const status = async (path: string) => (await fetch(`${url}${path}`, { signal: AbortSignal.timeout(10_000) })).status;
const count = (collection: string) => conn.collection(collection).countDocuments({ tenantId: CONSOLE_TENANT });

beforeAll(async () => {
  mongo = await startOwnMongo('post-start', 'csops');
  const port = await freePort();
  // a clean environment: no platform credentials, so the console (and its demo data) is on
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'development', MONGODB_URI: mongo.uri, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
  url = `http://127.0.0.1:${port}`;
  conn = await mongoose.createConnection(mongo.uri, { serverSelectionTimeoutMS: 60_000 }).asPromise();
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await conn?.close();
  await mongo?.close();
});

describe('MongoDB stopped while the demo data is seeded after start-up', () => {
  it('the process stays up, /readyz says 503 meanwhile, and the seeding finishes once when MongoDB is back', async () => {
    await expect.poll(() => lines.some((l) => l.includes('listening on')), { timeout: 60_000, interval: 50 }).toBe(true);
    // stopped once the first demo interactions are in: the seeding is cut in the middle
    await expect.poll(() => count('interactions'), { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
    const marker = { tenantId: '_service', key: `demo-seeded:${CONSOLE_TENANT}` };
    expect(((await conn.collection('installations').findOne(marker))?.['data'] as { state: string }).state).toBe('seeding');
    await mongo.stop();

    // the seeding's write fails (or, before, the process ended)
    await expect.poll(() => child.exitCode !== null || lines.some((l) => l.includes('background task failed; retrying')), { timeout: 60_000, interval: 100 }).toBe(true);
    expect(child.exitCode, lines.join('\n')).toBeNull();
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(503);
    await new Promise((r) => setTimeout(r, 3000));
    expect(child.exitCode, lines.join('\n')).toBeNull();
    expect(lines.join('\n')).not.toMatch(/Start-up failed/);
    await mongo.start();
    await expect.poll(() => status('/readyz'), { timeout: 60_000, interval: 250 }).toBe(200);
    await expect.poll(() => lines.some((l) => l.includes('demo data seeded')), { timeout: 240_000, interval: 250 }).toBe(true);
    expect(((await conn.collection('installations').findOne(marker))?.['data'] as { state: string }).state).toBe('done');
    expect(lines.filter((l) => l.includes('demo data seeded'))).toHaveLength(1);
    expect(child.exitCode).toBeNull();

    // every interaction and answer once in the rollups: none written twice, none counted twice
    const interactions = await count('interactions');
    const responses = await conn.collection('survey_responses').find({ tenantId: CONSOLE_TENANT }).project({ type: 1 }).toArray();
    expect(interactions).toBeGreaterThan(1000);
    const days = await conn.collection('rollups').find({ tenantId: CONSOLE_TENANT, g: 'd' }).toArray();
    // each day's numbers are kept per hour of the day, as flat fields "<hour>:c:<counter>"
    const fields = (d: Record<string, unknown>) => Object.entries((d['v'] as Record<string, Record<string, number>>)['all:*'] ?? {});
    const sum = (name: string) => days.reduce((n, d) => n + fields(d).reduce((m, [k, v]) => m + (k.endsWith(`:c:${name}`) ? v : 0), 0), 0);
    expect({ vol: sum('vol'), csat: sum('csN'), nps: sum('npN') }).toEqual({
      vol: interactions,
      csat: responses.filter((r) => r['type'] === 'csat').length,
      nps: responses.filter((r) => r['type'] === 'nps').length,
    });
    expect(await conn.collection('kpi_targets').countDocuments({ tenantId: CONSOLE_TENANT })).toBe(7);
  }, 420_000);
});
