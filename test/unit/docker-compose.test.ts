/**
 * docker compose with authentication (Docker itself does not run here): the file parses as YAML,
 * MongoDB 7 gets a root user from .env and publishes no port, its first start creates the app's
 * own user (readWrite on csops only) that the app logs in with (root for a .env from before),
 * and the app gets DATA_KEYS; `npm run compose:env` writes a .env (0600) that makes a valid
 * production configuration, and never overwrites one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

// js-yaml comes with eslint (a dev dependency); no runtime dependency for a test
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Service {
  image?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
}
const compose = yaml.load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const { mongo, app } = compose.services as { mongo: Service; app: Service };

/** Compose's ${VAR}, ${VAR:?message} and ${VAR:-default} (nested) interpolation, enough for this file. */
const interpolate = (text: string, env: Record<string, string>): string => {
  const next = text.replace(/\$\{(\w+)(?::([?-])([^${}]*))?\}/g, (_, name: string, op?: string, fallback = '') => {
    if (env[name]) return env[name];
    if (op === '-') return fallback;
    throw new Error(`${name} is not set`);
  });
  return next === text ? text : interpolate(next, env);
};
const uriOf = (env: Record<string, string>) => new URL(interpolate(app.environment!['MONGODB_URI']!, env).replace(/^mongodb:/, 'http:'));

const runEnvScript = (out: string) => spawnSync(process.execPath, [join(root, 'scripts/compose-env.mjs'), '--out', out], { encoding: 'utf8' });
const parseEnv = (text: string) => Object.fromEntries(text.split('\n').filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('docker-compose.yml', () => {
  it('runs MongoDB 7 with a root user from .env, reachable only on the compose network', () => {
    expect(mongo.image).toBe('mongo:7');
    expect(mongo.environment!['MONGO_INITDB_ROOT_USERNAME']).toMatch(/^\$\{MONGO_INITDB_ROOT_USERNAME:\?.+\}$/);
    expect(mongo.environment!['MONGO_INITDB_ROOT_PASSWORD']).toMatch(/^\$\{MONGO_INITDB_ROOT_PASSWORD:\?.+\}$/);
    expect(mongo.ports).toBeUndefined();
  });

  it('creates the app user at the first start of the volume, from .env', () => {
    expect(mongo.volumes).toContain('./docker/mongo-init:/docker-entrypoint-initdb.d:ro');
    expect(mongo.environment).toMatchObject({ MONGO_APP_USERNAME: '${MONGO_APP_USERNAME:-}', MONGO_APP_PASSWORD: '${MONGO_APP_PASSWORD:-}' });
  });

  it('logs the app in as the app user, or as root with a .env from before the app user (authSource=admin)', () => {
    const root = { MONGO_INITDB_ROOT_USERNAME: 'csops', MONGO_INITDB_ROOT_PASSWORD: 'rootpw' };
    const withApp = uriOf({ ...root, MONGO_APP_USERNAME: 'csops_app', MONGO_APP_PASSWORD: 'apppw' });
    expect([withApp.username, withApp.password, withApp.pathname, withApp.searchParams.get('authSource')]).toEqual(['csops_app', 'apppw', '/csops', 'admin']);
    const before = uriOf(root);
    expect([before.username, before.password]).toEqual(['csops', 'rootpw']);
  });

  it('gives the app DATA_KEYS, once MongoDB is healthy', () => {
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
    const login = new URL(config.MONGODB_URI!.replace(/^mongodb:/, 'http:'));
    expect([login.username, login.password]).toEqual([env['MONGO_APP_USERNAME'], env['MONGO_APP_PASSWORD']]);
    expect(env['MONGO_APP_PASSWORD']).toMatch(/^[\w-]{32}$/);
    expect(env['MONGO_APP_PASSWORD']).not.toBe(env['MONGO_INITDB_ROOT_PASSWORD']);
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

describe('docker/mongo-init/app-user.js (what mongosh runs, as root, at the volume’s first start)', () => {
  const script = readFileSync(join(root, 'docker/mongo-init/app-user.js'), 'utf8');
  /** Runs the script with mongosh's globals; records the users it creates. */
  const run = (env: Record<string, string>) => {
    const created: { db: string; spec: unknown }[] = [];
    const db = { getSiblingDB: (name: string) => ({ createUser: (spec: unknown) => created.push({ db: name, spec }) }) };
    runInNewContext(script, { db, print: () => undefined, process: { env } });
    return created;
  };

  it('creates the app user in admin with readWrite on the app database only', () => {
    expect(run({ MONGO_APP_USERNAME: 'csops_app', MONGO_APP_PASSWORD: 'apppw' })).toEqual([
      { db: 'admin', spec: { user: 'csops_app', pwd: 'apppw', roles: [{ role: 'readWrite', db: uriOf({ MONGO_INITDB_ROOT_USERNAME: 'r', MONGO_INITDB_ROOT_PASSWORD: 'p' }).pathname.slice(1) }] } },
    ]);
  });

  it('creates nobody without the variables (the app then logs in as root)', () => {
    expect(run({})).toEqual([]);
  });
});
