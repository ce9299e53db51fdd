/**
 * The API key cache: valid keys stay cached through a flood of random keys (an unknown key
 * never takes a valid key's place), and lastUsedAt is written at most once a minute per key.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRepository } from '../../src/infra/mongo/api-keys/repository.js';
import { createModels, ensureIndexes } from '../../src/infra/mongo/models.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';

let db: TestDb;
let clock = new Date('2026-11-25T15:00:00Z');
const now = () => clock;

beforeAll(async () => {
  db = await connectTestDb('api-key-cache');
  await ensureIndexes(createModels(db.connection));
});
afterAll(async () => db?.drop());

const stored = (id: string) => db.connection.collection('api_keys').findOne({ keyId: id });

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('API key cache', () => {
  it('keeps serving a valid key from its cache after 20,000 random wrong keys', async () => {
    const keys = createApiKeyRepository(db.connection, { now });
    const { info, key } = await keys.create('TA', { scopes: ['ingest', 'read'] });
    expect(await keys.authenticate(key)).toEqual({ keyId: info.id, tenantId: 'TA', scopes: ['ingest', 'read'] });
    const wrong = Array.from({ length: 20_000 }, () => `csk_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`);
    for (let i = 0; i < wrong.length; i += 100) {
      const answers = await Promise.all(wrong.slice(i, i + 100).map((k) => keys.authenticate(k)));
      expect(answers.every((a) => a === null)).toBe(true);
    }
    // the database now says revoked, behind the cache's back: only a cached entry still answers
    await db.connection.collection('api_keys').updateOne({ keyId: info.id }, { $set: { revokedAt: clock } });
    expect(await createApiKeyRepository(db.connection, { now }).authenticate(key)).toBeNull();
    expect(await keys.authenticate(key)).toMatchObject({ keyId: info.id, tenantId: 'TA' });
  });

  it('forgets a valid key after its time to live: the database decides again', async () => {
    const keys = createApiKeyRepository(db.connection, { now, cacheTtlMs: 10_000 });
    const { info, key } = await keys.create('TA', { scopes: ['read'] });
    expect(await keys.authenticate(key)).not.toBeNull();
    await db.connection.collection('api_keys').updateOne({ keyId: info.id }, { $set: { revokedAt: clock } });
    clock = new Date(clock.getTime() + 9_999);
    expect(await keys.authenticate(key)).not.toBeNull();
    clock = new Date(clock.getTime() + 1);
    expect(await keys.authenticate(key)).toBeNull();
    // a longer time to live is cut to 60 s
    const capped = createApiKeyRepository(db.connection, { now, cacheTtlMs: 3_600_000 });
    const other = await capped.create('TA', { scopes: ['read'] });
    expect(await capped.authenticate(other.key)).not.toBeNull();
    await db.connection.collection('api_keys').updateOne({ keyId: other.info.id }, { $set: { revokedAt: clock } });
    clock = new Date(clock.getTime() + 60_000);
    expect(await capped.authenticate(other.key)).toBeNull();
  });

  it('records lastUsedAt at most once a minute per key', async () => {
    const keys = createApiKeyRepository(db.connection, { now });
    const { info, key } = await keys.create('TA', { scopes: ['read'] });
    const t0 = clock;
    await keys.authenticate(key);
    expect((await eventually(() => stored(info.id), (d) => Boolean(d?.['lastUsedAt'])))?.['lastUsedAt']).toEqual(t0);
    // 30 s later (the cached entry has expired, the stored time is read back): no write
    clock = new Date(t0.getTime() + 30_000);
    await keys.authenticate(key);
    clock = new Date(t0.getTime() + 59_000);
    await keys.authenticate(key);
    await new Promise((r) => setTimeout(r, 200));
    expect((await stored(info.id))?.['lastUsedAt']).toEqual(t0);
    clock = new Date(t0.getTime() + 61_000);
    await keys.authenticate(key);
    expect((await eventually(() => stored(info.id), (d) => d?.['lastUsedAt']?.getTime() !== t0.getTime()))?.['lastUsedAt']).toEqual(clock);
  });
});
