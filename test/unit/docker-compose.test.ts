/**
 * docker compose with authentication (Docker itself does not run here): the file parses as YAML,
 * MongoDB 7 gets a root user from .env and publishes no port, the app logs in with it and gets
 * DATA_KEYS; `npm run compose:env` writes a .env (0600) that makes a valid production
 * configuration, and never overwrites one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

// js-yaml comes with eslint (a dev dependency); no runtime dependency for a test
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Service {
  image?: string;
  ports?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
}
const compose = yaml.load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const { mongo, app } = compose.services as { mongo: Service; app: Service };

/** Compose's ${VAR} / ${VAR:?message} interpolation, enough for this file. */
const interpolate = (text: string, env: Record<string, string>) =>
  text.replace(/\$\{(\w+)(?::\?[^}]*)?\}/g, (_, name: string) => {
    if (env[name] === undefined) throw new Error(`${name} is not set`);
    return env[name];
  });

const runEnvScript = (out: string) => spawnSync(process.execPath, [join(root, 'scripts/compose-env.mjs'), '--out', out], { encoding: 'utf8' });
const parseEnv = (text: string) => Object.fromEntries(text.split('\n').filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('docker-compose.yml', () => {
  it('runs MongoDB 7 with a root user from .env, reachable only on the compose network', () => {
    expect(mongo.image).toBe('mongo:7');
    expect(mongo.environment!['MONGO_INITDB_ROOT_USERNAME']).toMatch(/^\$\{MONGO_INITDB_ROOT_USERNAME:\?.+\}$/);
    expect(mongo.environment!['MONGO_INITDB_ROOT_PASSWORD']).toMatch(/^\$\{MONGO_INITDB_ROOT_PASSWORD:\?.+\}$/);
    expect(mongo.ports).toBeUndefined();
  });

  it('gives the app those credentials (authSource=admin) and DATA_KEYS, once MongoDB is healthy', () => {
    expect(app.environment!['MONGODB_URI']).toBe('mongodb://${MONGO_INITDB_ROOT_USERNAME}:${MONGO_INITDB_ROOT_PASSWORD}@mongo:27017/csops?authSource=admin');
    expect(app.environment!['DATA_KEYS']).toMatch(/^\$\{DATA_KEYS:\?.+\}$/);
    expect(app.depends_on).toEqual({ mongo: { condition: 'service_healthy' } });
  });
});

describe('npm run compose:env', () => {
  it('writes a 0600 .env whose values make a valid production configuration, and never overwrites it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'csops-env-')), '.env');
    const first = runEnvScript(out);
    expect(first.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    const env = parseEnv(text);
    expect(env['MONGO_INITDB_ROOT_PASSWORD']).toMatch(/^[\w-]{32}$/);
    expect(env['DATA_KEYS']).toMatch(/^k1:[A-Za-z0-9+/]{43}=$/);

    // what the app container gets from compose with this .env
    const appEnv = { NODE_ENV: 'production', MONGODB_URI: interpolate(app.environment!['MONGODB_URI']!, env), DATA_KEYS: interpolate(app.environment!['DATA_KEYS']!, env) };
    const config = loadConfig(appEnv);
    expect(new URL(config.MONGODB_URI!.replace(/^mongodb:/, 'http:')).password).toBe(env['MONGO_INITDB_ROOT_PASSWORD']);
    expect(config.DATA_KEYS![0]!.key).toHaveLength(32);

    const second = runEnvScript(out);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/exists and was left as it is/);
    expect(readFileSync(out, 'utf8')).toBe(text);
    // a second file gets other secrets
    expect(runEnvScript(`${out}.2`).status).toBe(0);
    const other = parseEnv(readFileSync(`${out}.2`, 'utf8'));
    expect(other['DATA_KEYS']).not.toBe(env['DATA_KEYS']);
    expect(other['MONGO_INITDB_ROOT_PASSWORD']).not.toBe(env['MONGO_INITDB_ROOT_PASSWORD']);
  });
});
