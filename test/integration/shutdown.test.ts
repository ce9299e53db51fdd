/**
 * SIGTERM to the real process (src/main.ts): the scheduled jobs stop first, new connections are
 * refused, the request in flight still completes, and the process exits 0 within the grace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/db.mjs';
import mongoose from 'mongoose';
import { mongoUri, testDbName, withDbName } from '../support/mongo.js';
import { KEYS } from '../support/service.js';

let child: ChildProcess;
let port: number;
const uri = withDbName(mongoUri(), testDbName('sigterm'));
const lines: string[] = [];
const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
  const wait = () => (child ? child.once('exit', (code) => resolve({ code, at: Date.now() })) : setTimeout(wait, 50));
  wait();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
const refused = () =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
const logged = (msg: string) => lines.findIndex((l) => l.includes(`"msg":"${msg}"`));

beforeAll(async () => {
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      MONGODB_URI: uri,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_KEYS: `TA:${KEYS.a}`,
      LOG_LEVEL: 'info',
      CONSOLE_ENABLED: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (b: Buffer) => lines.push(...b.toString().split('\n').filter(Boolean)));
  for (const deadline = Date.now() + 60_000; !lines.some((l) => l.includes('listening on')); ) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the service did not start:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 90_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  const conn = await mongoose.createConnection(uri).asPromise();
  await conn.dropDatabase();
  await conn.close();
});

describe('SIGTERM', () => {
  it('drains the request in flight, refuses new connections, stops the jobs and exits 0', async () => {
    const records = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({ externalId: `SIG-${i}`, channel: 'chat', customer: { id: `c${i}` }, status: 'open', createdAt: new Date(Date.now() - 3_600_000).toISOString() }),
    );
    const body = Buffer.from(records.join('\n'));
    let signalledAt = 0;
    // a large body sent slowly: the request is in flight when the signal arrives
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/interactions', headers: { authorization: `Bearer ${KEYS.a}`, 'content-type': 'application/x-ndjson', 'content-length': body.length } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      setTimeout(() => {
        signalledAt = Date.now();
        child.kill('SIGTERM');
        setTimeout(() => {
          req.write(body.subarray(1000, 5000));
          setTimeout(() => req.end(body.subarray(5000)), 300);
        }, 700);
      }, 300);
    });
    await expect.poll(() => signalledAt, { timeout: 5000, interval: 20 }).toBeGreaterThan(0);
    await expect.poll(refused, { timeout: 2000, interval: 50 }).toBe(true);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ accepted: 200, created: 200 });
    const exit = await exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    // the jobs are stopped first: none starts while the requests drain
    expect(logged('shutting down')).toBeGreaterThanOrEqual(0);
    expect(logged('scheduled jobs stopped')).toBeGreaterThan(logged('shutting down'));
  }, 60_000);
});
