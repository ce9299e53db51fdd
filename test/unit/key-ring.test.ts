import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { createKeyRing, DataKeyError } from '../../src/infra/security/key-ring.js';
import { loadLocalDataKey } from '../../src/infra/security/local-key.js';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };

describe('key ring (AES-256-GCM)', () => {
  it('seals under the current key with its id, a fresh IV each time, and opens again', () => {
    const ring = createKeyRing([k1]);
    const a = ring.seal('xoxb-123', 'slack-installation/T1/team/bot.token');
    const b = ring.seal('xoxb-123', 'slack-installation/T1/team/bot.token');
    expect(a).toMatch(/^enc:v1:k1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(ring.open(a, 'slack-installation/T1/team/bot.token')).toBe('xoxb-123');
    expect(ring.kidOf(a)).toBe('k1');
    expect(ring.isCurrent(a)).toBe(true);
  });

  it('refuses a ciphertext moved to another field or document (authenticated purpose)', () => {
    const ring = createKeyRing([k1]);
    const sealed = ring.seal('s3cret', 'report-schedule/TA/1/webhook.secret');
    expect(() => ring.open(sealed, 'report-schedule/TA/2/webhook.secret')).toThrow(DataKeyError);
    expect(() => ring.open(sealed, 'report-schedule/TB/1/webhook.secret')).toThrow(/does not decrypt with data key "k1"/);
  });

  it('refuses altered ciphertexts and truncated tags', () => {
    const ring = createKeyRing([k1]);
    const sealed = ring.seal('s3cret', 'p');
    const parts = sealed.split(':');
    const flipped = [...parts.slice(0, 5), Buffer.from(Buffer.from(parts[5]!, 'base64url').map((x) => x ^ 1)).toString('base64url')].join(':');
    expect(() => ring.open(flipped, 'p')).toThrow(expect.objectContaining({ code: 'data_key_mismatch' }));
    const shortTag = [...parts.slice(0, 4), parts[4]!.slice(0, 6), parts[5]].join(':');
    expect(() => ring.open(shortTag, 'p')).toThrow(expect.objectContaining({ code: 'data_key_mismatch' }));
    expect(() => ring.open('enc:v1:k1:only-two', 'p')).toThrow(expect.objectContaining({ code: 'data_malformed' }));
  });

  it('rotation: a new first key seals, the old one still opens; without it, a clear error naming the key id only', () => {
    const old = createKeyRing([k1]).seal('s3cret', 'p');
    const rotated = createKeyRing([k2, k1]);
    expect(rotated.open(old, 'p')).toBe('s3cret');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.kidOf(rotated.seal('s3cret', 'p'))).toBe('k2');
    let error: unknown;
    try {
      createKeyRing([k2]).open(old, 'p');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataKeyError);
    expect(error).toMatchObject({ code: 'data_key_unknown', kid: 'k1' });
    expect((error as Error).message).toMatch(/encrypted with data key "k1", which is not in DATA_KEYS/);
    expect((error as Error).message).not.toContain(old.split(':')[5]);
  });

  it('reads clear text stored before encryption as it is', () => {
    expect(createKeyRing([k1]).open('xoxb-legacy', 'p')).toBe('xoxb-legacy');
    expect(createKeyRing([k1]).isSealed('xoxb-legacy')).toBe(false);
  });
});

describe('DATA_KEYS', () => {
  const b64 = (n = 32) => randomBytes(n).toString('base64');
  const fails = (value: string) => {
    let error: unknown;
    try {
      loadConfig({ DATA_KEYS: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Invalid configuration: DATA_KEYS /);
    for (const part of value.split(/[,:]/).filter((p) => p.length > 3)) expect(message).not.toContain(part);
    return message;
  };

  it('parses kid:base64 pairs, first = current', () => {
    const [a, b] = [b64(), b64()];
    const keys = loadConfig({ DATA_KEYS: `k2:${a}, k1:${b}` }).DATA_KEYS!;
    expect(keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(keys[0]!.key.equals(Buffer.from(a, 'base64'))).toBe(true);
  });

  it('refuses bad base64, wrong key lengths, missing kids and repeated kids, without echoing the value', () => {
    expect(fails(`k1:${b64(16)}`)).toMatch(/entry 1 must hold a 32-byte key in base64/);
    expect(fails(`k1:${b64()},k2:not*base64*at*all*here`)).toMatch(/entry 2 must hold a 32-byte key/);
    expect(fails(b64())).toMatch(/entry 1 must be kid:base64/);
    expect(fails(`k1:${b64()},k1:${b64()}`)).toMatch(/entry 2 repeats a key id/);
    expect(fails(',')).toMatch(/at least one/);
  });

  it('is required in production: one line', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017/csops' })).toThrow(/^Invalid configuration: DATA_KEYS is required in production[^\n]*$/);
    expect(loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017/csops', DATA_KEYS: `k1:${b64()}` }).DATA_KEYS).toHaveLength(1);
  });
});

describe('local development key', () => {
  it('is made once under the data directory with mode 0600 and read back by every later start', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'csops-key-')), '.data');
    const first = loadLocalDataKey(dir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dir, 'data-key'));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(first.key.key).toHaveLength(32);
    const again = loadLocalDataKey(dir);
    expect(again.created).toBe(false);
    expect(again.key.key.equals(first.key.key)).toBe(true);
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.key.key.toString('base64'));
  });
});
