/** Starts the real service on a loopback port against a fresh test database. */
import { loadConfig } from '../../src/config/index.js';
import { createService, type Service, type ServiceOptions } from '../../src/service.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { connectTestDb, type TestDb } from './mongo.js';

export const KEYS = {
  a: 'key-tenant-a-0123456789',
  b: 'key-tenant-b-0123456789',
  /** API keys of the two Teams tenants below */
  ga: 'key-tenant-guid-a-0123456789',
  gb: 'key-tenant-guid-b-0123456789',
};

/** Teams tenants are AAD tenant GUIDs (TA and TB are Slack-shaped and refused by Teams). */
export const GUID_TENANTS = {
  a: '0a0a0a0a-1111-4111-8111-00000000000a',
  b: '0b0b0b0b-2222-4222-8222-00000000000b',
};

export interface TestService {
  service: Service;
  url: string;
  /** the METRICS_PORT listener's /metrics, when METRICS_PORT is set */
  metricsUrl?: string;
  db: TestDb;
  stop(): Promise<void>;
  /** fetch with a tenant's API key */
  api(path: string, init?: RequestInit & { key?: string }): Promise<Response>;
}

/** `extra`: createService options beyond the environment (e.g. a Teams cloud whose tokens the test signs) */
export async function startTestService(env: Record<string, string> = {}, now?: () => Date, extra: Pick<ServiceOptions, 'teamsCloud' | 'slaRecompute'> = {}): Promise<TestService> {
  const db = await connectTestDb('svc');
  const config = loadConfig({
    NODE_ENV: 'test',
    // TEST_LOG=warn (or debug…) shows the service's log while a test runs
    LOG_LEVEL: process.env['TEST_LOG'] ?? 'silent',
    API_KEYS: `TA:${KEYS.a},TB:${KEYS.b},${GUID_TENANTS.a}:${KEYS.ga},${GUID_TENANTS.b}:${KEYS.gb}`,
    // suites send bursts far beyond a workspace's normal use; rate-limits.test.ts sets real limits
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    WORKSPACE_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  const service = await createService({ config, mongoUri: db.uri, logger: createLogger(config.LOG_LEVEL), ...(now ? { now } : {}), ...extra });
  const { url, metricsUrl } = await service.start(0, '127.0.0.1');
  return {
    service,
    url,
    ...(metricsUrl ? { metricsUrl } : {}),
    db,
    async stop() {
      await service.stop(1000);
      await db.drop();
    },
    api(path, init = {}) {
      const { key = KEYS.a, headers, ...rest } = init;
      return fetch(`${url}${path}`, { ...rest, headers: { authorization: `Bearer ${key}`, ...(headers as Record<string, string>) } });
    },
  };
}
