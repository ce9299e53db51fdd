import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { parseSupervisorIds, supervisorIdsIn } from '../../src/config/roles.js';

describe('config', () => {
  it('has working defaults for local use', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DEFAULT_TIMEZONE).toBe('America/Sao_Paulo');
    expect(c.BODY_LIMIT_BYTES).toBe(10 * 1024 * 1024);
    expect(c.SLACK_API_URL).toBe('https://slack.com/api/');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer between 0 and 65535 \(got "abc"\)/],
    [{ DEFAULT_TIMEZONE: 'Mars/Base' }, /DEFAULT_TIMEZONE must be an IANA time zone/],
    [{ API_KEYS: 'tenant-without-key' }, /API_KEYS must be a comma-separated list of tenant:key pairs/],
    [{ API_KEYS: 'T1:short' }, /API_KEYS each key must be at least 16 characters/],
    [{ MONGODB_URI: 'postgres://x' }, /MONGODB_URI must be a MongoDB connection string/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, /SLACK_BOT_TOKEN must be a bot token/],
    [{ NODE_ENV: 'production' }, /MONGODB_URI is required in production/],
    [{ SLACK_CLIENT_ID: 'id', SLACK_SIGNING_SECRET: 's' }, /SLACK_CLIENT_SECRET is required/],
    [{ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/x', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, /TEAMS_ALLOW_UNAUTHENTICATED=true is refused in production/],
    [{ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/x', CONSOLE_ENABLED: 'true' }, /CONSOLE_ENABLED=true is refused in production/],
    [{ TEAMS_CLIENT_ID: 'id', TEAMS_CLIENT_SECRET: 's', TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, /cannot be combined with TEAMS_CLIENT_ID/],
    [{ TEAMS_TENANT_ID: 'contoso.onmicrosoft.com' }, /TEAMS_TENANT_ID must be the bot's Microsoft Entra tenant id \(a GUID\)/],
    [{ SUPERVISOR_IDS: 'T0123:' }, /SUPERVISOR_IDS must be user ids or tenant:user pairs/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters \(got a value that does not fit\)/],
  ])('stops with one clear line for %o', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('never echoes a secret value', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value' })).toThrow(/^(?!.*secret-value).*$/);
  });

  it('parses API keys', () => {
    expect(loadConfig({ API_KEYS: 'T1:0123456789abcdef, T2:fedcba9876543210' }).API_KEYS).toEqual([
      { tenantId: 'T1', key: '0123456789abcdef' },
      { tenantId: 'T2', key: 'fedcba9876543210' },
    ]);
  });

  it('leaves HOST unset (the service picks 0.0.0.0, or 127.0.0.1 while anything unauthenticated runs) and Teams closed', () => {
    const c = loadConfig({});
    expect(c.HOST).toBeUndefined();
    expect(c.TEAMS_ALLOW_UNAUTHENTICATED).toBe('false');
    expect(c.METRICS_PORT).toBeUndefined();
  });

  it('splits SUPERVISOR_IDS into unscoped and tenant-scoped ids', () => {
    const ids = parseSupervisorIds(loadConfig({ SUPERVISOR_IDS: 'U1, T0123:U2, E0456:W3, 0A0A0A0A-1111-4111-8111-00000000000A:6b1c0000-0000-4000-8000-000000000001, 29:1abc, S0GROUP' }).SUPERVISOR_IDS);
    expect(ids.everywhere).toEqual(['U1', '29:1abc', 'S0GROUP']);
    expect(supervisorIdsIn(ids, 'T0123')).toEqual(['U1', '29:1abc', 'S0GROUP', 'U2']);
    expect(supervisorIdsIn(ids, 'T9999')).toEqual(['U1', '29:1abc', 'S0GROUP']);
    expect(supervisorIdsIn(ids, '0a0a0a0a-1111-4111-8111-00000000000a')).toContain('6b1c0000-0000-4000-8000-000000000001');
    expect(supervisorIdsIn(ids, 'E0456')).toContain('W3');
  });
});
