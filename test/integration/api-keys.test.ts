/**
 * API key lifecycle: `cs-ops keys create|list|revoke`, API_KEYS applied at every start (keys no
 * longer listed revoked, CLI keys untouched), revocation reaching every instance within the
 * cache's time to live, and older data migrated to the unique { keyHash } index.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runCli } from '../../src/cli/ops.js';
import { hashKey } from '../../src/infra/mongo/api-keys/key-doc.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createService, type Service } from '../../src/service.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

const K1 = 'env-key-one-0123456789';
const K2 = 'env-key-two-0123456789';
let db: TestDb;
const running: Service[] = [];

beforeAll(async () => {
  db = await connectTestDb('api-keys');
});
afterAll(async () => {
  for (const s of running) await s.stop(500);
  await db?.drop();
});

/** A service instance on the shared test database. */
async function instance(env: Record<string, string>, o: { apiKeyCacheMs?: number; logs?: (s: string) => void; uri?: string } = {}) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: o.logs ? 'info' : 'silent', DEFAULT_LOCALE: 'en', ...env });
  const sink = new Writable({ write: (chunk, _enc, done) => (o.logs?.(String(chunk)), done()) });
  const service = await createService({ config, mongoUri: o.uri ?? db.uri, logger: createLogger(config.LOG_LEVEL, sink), jobs: false, ...(o.apiKeyCacheMs ? { apiKeyCacheMs: o.apiKeyCacheMs } : {}) });
  running.push(service);
  const { url } = await service.start(0, '127.0.0.1');
  const status = async (key: string) => (await fetch(`${url}/api/v1/settings/privacy`, { headers: { authorization: `Bearer ${key}` } })).status;
  return { service, url, status };
}

async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(argv, { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: { NODE_ENV: 'test', MONGODB_URI: db.uri } });
  return { code, ...out };
}
const createdKey = (stdout: string) => /^(csk_([0-9a-f]{16})_[\w-]{43})$/m.exec(stdout)!;

describe('cs-ops keys', () => {
  it('creates a key shown once, lists keys without secrets, revokes by id', async () => {
    const made = await cli('keys', 'create', '--tenant', 'T0123', '--name', 'crm', '--scopes', 'read,ingest');
    expect(made.code).toBe(0);
    const [, key, id] = createdKey(made.stdout);
    expect(made.stdout).toContain(`API key ${id} created for tenant T0123 (crm), scopes ingest, read.`);
    const plain = await cli('keys', 'create', '--tenant', 'T0123');
    const [, , id2] = createdKey(plain.stdout);
    expect(plain.stdout).toContain('scopes ingest, read.');

    const list = await cli('keys', 'list', '--tenant', 'T0123');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^id +name +scopes +from +created +last used +revoked$/);
    expect(list.stdout).toMatch(new RegExp(`^${id} +crm +ingest,read +cli +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ +— +—$`, 'm'));
    expect(list.stdout).toContain(id2);
    for (const secret of [key!, key!.slice(22), hashKey(key!)]) expect(list.stdout).not.toContain(secret);
    const asJson = JSON.parse((await cli('keys', 'list', '--tenant', 'T0123', '--json')).stdout) as Record<string, unknown>[];
    expect(Object.keys(asJson[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scopes', 'source', 'tenantId']);

    const svc = await instance({});
    expect(await svc.status(key!)).toBe(200);
    const revoked = await cli('keys', 'revoke', id!);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^API key ${id} of tenant T0123 revoked`));
    expect((await cli('keys', 'revoke', id!)).code).toBe(0);
    expect((await cli('keys', 'list', '--tenant', 'T0123')).stdout).toMatch(new RegExp(`^${id} .+\\d\\d:\\d\\dZ$`, 'm'));
    const unknown = await cli('keys', 'revoke', '0123456789abcdef');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^cs-ops: no API key has the id 0123456789abcdef/);
    expect((await cli('keys', 'list', '--tenant', 'T9999')).stdout).toBe('No API keys for tenant T9999.\n');
  });

  it('exits 2 with one clear line for bad arguments', async () => {
    for (const [argv, message] of [
      [['keys', 'frob'], /^cs-ops: unknown keys action "frob"; use one of create, list, revoke/],
      [['keys', 'create'], /^cs-ops: --tenant is required/],
      [['keys', 'create', '--tenant', 'T1', '--scopes', 'read,write'], /^cs-ops: --scopes takes ingest, read, admin/],
      [['keys', 'create', '--tenant', 'T1', '--scopes', ','], /^cs-ops: --scopes needs at least one scope/],
      [['keys', 'create', '--tenant', 'T 1'], /^cs-ops: --tenant must be/],
      [['keys', 'list', '--tenant', 'T1', '--name', 'x'], /^cs-ops: --name is not an option of keys list/],
      [['keys', 'revoke'], /^cs-ops: keys revoke needs the key id/],
      [['keys', 'revoke', 'xyz'], /^cs-ops: a key id is 16 hexadecimal digits/],
      [['keys', 'list', '--bogus'], /^cs-ops: unknown option '--bogus'/],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const help = await cli('keys', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cs-ops keys <create\|list\|revoke>/);
  });
});

describe('API_KEYS at start-up', () => {
  it('revokes keys no longer listed at the next start, keeps CLI keys; listing again revives, except after cs-ops keys revoke', async () => {
    const first = await instance({ API_KEYS: `TA:${K1},TB:${K2}` });
    const cliKey = (await first.service.deps.apiKeys.create('TB', { scopes: ['read'] })).key;
    expect([await first.status(K1), await first.status(K2), await first.status(cliKey)]).toEqual([200, 200, 200]);
    const listed = await first.service.deps.apiKeys.list('TA');
    expect(listed.find((k) => k.source === 'env')).toMatchObject({ scopes: ['ingest', 'read', 'admin'] });

    const second = await instance({ API_KEYS: `TA:${K1}` });
    expect([await second.status(K1), await second.status(K2), await second.status(cliKey)]).toEqual([200, 401, 200]);
    const third = await instance({ API_KEYS: `TA:${K1},TB:${K2}` });
    expect(await third.status(K2)).toBe(200);
    const k1 = listed.find((k) => k.source === 'env')!.id;
    expect((await cli('keys', 'revoke', k1)).stdout).toContain('It came from API_KEYS: remove it there too');
    const fourth = await instance({ API_KEYS: `TA:${K1},TB:${K2}` });
    expect([await fourth.status(K1), await fourth.status(K2)]).toEqual([401, 200]);
    await expect(instance({ API_KEYS: `TC:${K1}` })).rejects.toThrow(/API_KEYS lists a key for TC that is already another tenant's key/);
  });
});

describe('revocation', () => {
  it('reaches every instance within the cache time to live', async () => {
    const ttl = 400;
    const a = await instance({}, { apiKeyCacheMs: ttl });
    const b = await instance({}, { apiKeyCacheMs: ttl });
    const viaCli = createdKey((await cli('keys', 'create', '--tenant', 'TR', '--scopes', 'read')).stdout);
    const viaStore = await a.service.deps.apiKeys.create('TR', { scopes: ['read'] });
    for (const key of [viaCli[1]!, viaStore.key]) expect([await a.status(key), await b.status(key)]).toEqual([200, 200]);

    // revoked through instance A: A refuses at once, B within the time to live
    const t0 = Date.now();
    await a.service.deps.apiKeys.revoke(viaStore.info.id);
    expect(await a.status(viaStore.key)).toBe(401);
    while ((await b.status(viaStore.key)) !== 401) await new Promise((r) => setTimeout(r, 10));
    expect(Date.now() - t0).toBeLessThan(ttl + 1000);

    // revoked through the CLI (another process in production): both within the time to live
    const t1 = Date.now();
    await cli('keys', 'revoke', viaCli[2]!);
    for (const svc of [a, b]) while ((await svc.status(viaCli[1]!)) !== 401) await new Promise((r) => setTimeout(r, 10));
    expect(Date.now() - t1).toBeLessThan(ttl + 1500);
  });

  it('logs the key id of a request, never the key', async () => {
    let logs = '';
    const svc = await instance({}, { logs: (s) => (logs += s) });
    const { info, key } = await svc.service.deps.apiKeys.create('TL', { scopes: ['read'] });
    expect(await svc.status(key)).toBe(200);
    await svc.service.deps.apiKeys.revoke(info.id);
    expect(await svc.status(key)).toBe(401);
    const lines = logs.split('\n').filter((l) => l.includes('/api/v1/settings/privacy'));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ apiKeyId: info.id });
    expect(logs).not.toContain(key.slice(22));
  });
});

describe('older data', () => {
  it('migrates to the unique { keyHash } index without failing start-up', async () => {
    const legacy = await connectTestDb('api-keys-legacy');
    const coll = legacy.connection.collection('api_keys');
    await coll.createIndex({ tenantId: 1, keyHash: 1 }, { unique: true });
    const createdAt = new Date('2026-01-01T00:00:00Z');
    await coll.insertMany([
      { tenantId: 'TA', keyHash: hashKey(K1), label: 'API_KEYS', createdAt },
      // one key listed for two tenants: it authenticated either, so it is revoked for both
      { tenantId: 'TB', keyHash: hashKey(K2), label: 'API_KEYS', createdAt },
      { tenantId: 'TC', keyHash: hashKey(K2), label: 'API_KEYS', createdAt },
    ]);
    try {
      const svc = await instance({ API_KEYS: `TA:${K1}` }, { uri: legacy.uri });
      expect([await svc.status(K1), await svc.status(K2)]).toEqual([200, 401]);
      const indexes = await coll.indexes();
      expect(indexes.find((i) => i.name === 'keyHash_1')).toMatchObject({ key: { keyHash: 1 }, unique: true });
      expect(indexes.find((i) => i.name === 'tenantId_1')).toMatchObject({ key: { tenantId: 1 } });
      expect(indexes.map((i) => i.name)).not.toContain('tenantId_1_keyHash_1');
      const docs = await coll.find({}).toArray();
      expect(docs.every((d) => /^[0-9a-f]{16}$/.test(String(d['keyId'])))).toBe(true);
      expect(docs.filter((d) => d['revokedAt']).map((d) => d['tenantId']).sort()).toEqual(['TB', 'TC']);
      expect((await svc.service.deps.apiKeys.list('TA'))[0]).toMatchObject({ source: 'env', scopes: ['ingest', 'read', 'admin'] });
    } finally {
      await running.pop()?.stop(500);
      await legacy.drop();
    }
  });
});
