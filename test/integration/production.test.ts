/**
 * Nothing open unless opened on purpose. In production the real entry point refuses to start
 * with unauthenticated Teams or the console (one line on stderr, exit 1); without Teams
 * credentials /api/messages does not exist; the listener binds 127.0.0.1 while anything
 * unauthenticated runs unless HOST says otherwise; compiled code defaults to production.
 */
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultNodeEnv, loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createService, type Service } from '../../src/service.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let db: TestDb;
const services: Service[] = [];

beforeAll(async () => {
  db = await connectTestDb('production');
});
afterAll(async () => {
  for (const s of services) await s.stop(1000);
  await db?.drop();
});

/** `node --import tsx src/main.ts` with only the given environment; killed after 30 s. */
function runMain(env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** production needs its data keys (secrets-at-rest.test.ts covers their absence) */
const TEST_DATA_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

async function startService(env: Record<string, string>, lines?: string[]) {
  const config = loadConfig({ LOG_LEVEL: 'info', MONGODB_URI: db.uri, DATA_KEYS: TEST_DATA_KEYS, ...env });
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines?.push(chunk.toString()), done()) });
  const service = await createService({ config, mongoUri: db.uri, logger: createLogger('info', sink), jobs: false });
  services.push(service);
  return service;
}

describe('production refusals (the real entry point)', () => {
  it.each([
    ['TEAMS_ALLOW_UNAUTHENTICATED', { TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, /^Invalid configuration: TEAMS_ALLOW_UNAUTHENTICATED=true is refused in production/],
    ['CONSOLE_ENABLED', { CONSOLE_ENABLED: 'true' }, /^Invalid configuration: CONSOLE_ENABLED=true is refused in production/],
  ])('%s=true with NODE_ENV=production: exit 1 with one clear line', async (_name, env, message) => {
    const { code, stderr } = await runMain({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:9/never', ...env });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  }, 40_000);

  it('compiled code without NODE_ENV runs as production, the TypeScript source as development', () => {
    expect(defaultNodeEnv('file:///app/dist/main.js')).toBe('production');
    expect(defaultNodeEnv('file:///work/src/main.ts')).toBe('development');
  });

  it('createService refuses the console in production, even when called in-process', async () => {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, DATA_KEYS: TEST_DATA_KEYS });
    await expect(createService({ config, mongoUri: db.uri, logger: createLogger('silent'), jobs: false, console: { base: 'http://127.0.0.1:1', slackSigningSecret: 'x' } })).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('a production service', () => {
  it('has no /api/messages without Teams credentials (404), listens on 0.0.0.0 and warns about unscoped SUPERVISOR_IDS', async () => {
    const lines: string[] = [];
    const service = await startService({ NODE_ENV: 'production', SUPERVISOR_IDS: 'UEVERY01,TA:USCOPED1' }, lines);
    const { url, host } = await service.start(0);
    expect(host).toBe('0.0.0.0');
    const activity = { type: 'message', text: 'kpi week', serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', from: { id: '29:x' }, conversation: { id: 'a:1', tenantId: '0a0a0a0a-1111-4111-8111-00000000000a' }, recipient: { id: '28:b' } };
    const res = await fetch(`${url}/api/messages`, { method: 'POST', body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(404);
    expect(await service.models.installations.countDocuments({ platform: 'teams' })).toBe(0);
    const warning = lines.find((l) => l.includes('SUPERVISOR_IDS holds ids without a tenant'));
    expect(warning).toBeDefined();
    expect(warning).not.toContain('UEVERY01');
  });
});

describe('the listening address', () => {
  it('is 127.0.0.1 while Teams runs unauthenticated, unless HOST is set', async () => {
    const local = await startService({ NODE_ENV: 'test', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect((await local.start(0)).host).toBe('127.0.0.1');
    const opened = await startService({ NODE_ENV: 'test', TEAMS_ALLOW_UNAUTHENTICATED: 'true', HOST: '0.0.0.0' });
    expect((await opened.start(0)).host).toBe('0.0.0.0');
  });
});
