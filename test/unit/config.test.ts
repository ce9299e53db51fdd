import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

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
});
