/**
 * Signing helpers against Slack's published test vector, the slash-command body builder against
 * Slack's recorded bodies, the service without (or with a broken) Slack configuration, and the
 * app manifest against what the adapter actually handles.
 */
import { readFileSync } from 'node:fs';
import { verifySlackRequest } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_SCOPES, SLACK_PATHS } from '../../src/adapters/slack/app.js';
import { OTHER_COMMANDS } from '../../src/adapters/slack/listeners/help-command.js';
import { SETTINGS_COMMAND } from '../../src/adapters/slack/listeners/settings.js';
import { t } from '../../src/core/i18n/index.js';
import { startTestService, type TestService } from '../support/service.js';
import { signSlack, slashCommandBody } from '../support/slack.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('request signing', () => {
  const vector = JSON.parse(fixture('slack-signing-test-vector.json')) as {
    signing_secret: string;
    headers: Record<string, string>;
    body: string;
    sig_basestring: string;
    expected_signature: string;
  };

  it('matches Slack’s test vector', () => {
    const ts = vector.headers['X-Slack-Request-Timestamp']!;
    expect(vector.sig_basestring).toBe(`v0:${ts}:${vector.body}`);
    expect(signSlack(vector.signing_secret, ts, vector.body)).toBe(vector.expected_signature);
    expect(vector.body).toBe(fixture('slack-slash-command.txt'));
  });

  it('is what Bolt verifies: accepted at the vector’s time, refused 10 minutes later or tampered', () => {
    const ts = Number(vector.headers['X-Slack-Request-Timestamp']);
    const headers = { 'x-slack-signature': vector.expected_signature, 'x-slack-request-timestamp': ts };
    const verify = (body: string, nowMilliseconds: number) => verifySlackRequest({ signingSecret: vector.signing_secret, body, headers, nowMilliseconds });
    expect(() => verify(vector.body, ts * 1000)).not.toThrow();
    expect(() => verify(vector.body, (ts + 600) * 1000)).toThrow(/stale|old|expired|timestamp/i);
    expect(() => verify(vector.body.replace('text=', 'text=x'), ts * 1000)).toThrow(/signature/i);
  });

  it('builds slash-command bodies byte for byte like Slack', () => {
    expect(
      slashCommandBody({
        token: 'xyzz0WbapA4vBCDEFasx0q6G',
        team_id: 'T1DC2JH3J',
        team_domain: 'testteamnow',
        channel_id: 'G8PSS9T3V',
        channel_name: 'foobar',
        user_id: 'U2CERLKJA',
        user_name: 'roadrunner',
        command: '/webhook-collect',
        text: '',
        response_url: 'https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN',
        trigger_id: '398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
      }),
    ).toBe(fixture('slack-slash-command.txt'));
    expect(
      slashCommandBody({
        token: 'xxx',
        team_id: 'T111',
        team_domain: 'test-workspace',
        channel_id: 'C111',
        channel_name: 'dev',
        user_id: 'W111',
        user_name: 'primary-owner',
        command: '/org-level-command',
        text: 'test',
        api_app_id: 'A111',
        is_enterprise_install: true,
        enterprise_id: 'E111',
        enterprise_name: 'Sandbox Org',
        response_url: 'https://hooks.slack.com/commands/T111/111/xxx',
        trigger_id: '111.222.xxx',
      }),
    ).toBe(fixture('slack-slash-command-org-install.txt'));
  });
});

describe('the service without a working Slack configuration', () => {
  let svc: TestService | undefined;
  afterEach(async () => {
    await svc?.stop();
    svc = undefined;
  });

  it('answers /slack/events with 503 and what to set, in the caller’s language', async () => {
    svc = await startTestService({});
    const res = await fetch(`${svc.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'slack_not_configured', message: t('en', 'slack.not_configured') } });
    const pt = await fetch(`${svc.url}/slack/events`, { method: 'POST', headers: { 'accept-language': 'pt-BR' } });
    expect(((await pt.json()) as { error: { message: string } }).error.message).toBe(t('pt-BR', 'slack.not_configured'));
    expect((await fetch(`${svc.url}${SLACK_PATHS.install}`)).status).toBe(404);
  });

  it('names the missing setting when OAuth has no state secret, and still serves the API', async () => {
    svc = await startTestService({ SLACK_SIGNING_SECRET: 'secret', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'cs' });
    const res = await fetch(`${svc.url}/slack/events`, { method: 'POST' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('slack_misconfigured');
    expect(body.error.message).toMatch(/SLACK_STATE_SECRET/);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
  });

  it('names the missing token when only the signing secret is set', async () => {
    svc = await startTestService({ SLACK_SIGNING_SECRET: 'secret' });
    const body = (await (await fetch(`${svc.url}/slack/events`, { method: 'POST' })).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/SLACK_BOT_TOKEN/);
  });
});

describe('manifests/slack/manifest.json', () => {
  interface Manifest {
    _metadata: { major_version: number };
    display_information: { name: string; description: string; long_description?: string };
    features: {
      app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
      bot_user: { display_name: string };
      slash_commands: { command: string; url: string; description: string; usage_hint?: string; should_escape?: boolean }[];
    };
    oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { request_url: string; bot_events: string[] };
      interactivity: { is_enabled: boolean; request_url: string };
      org_deploy_enabled: boolean;
      socket_mode_enabled: boolean;
    };
  }
  const manifest = JSON.parse(readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8')) as Manifest;
  const url = (path: string) => `https://YOUR_PUBLIC_URL${path}`;

  it('declares every command the adapter handles, each pointing at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/kpi', ...OTHER_COMMANDS, SETTINGS_COMMAND]);
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe(url(SLACK_PATHS.events));
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.usage_hint!.length).toBeLessThanOrEqual(1000);
      // mentions arrive as <@U123|name>, which the /kpi parser reads as an agent id
      expect(c.should_escape).toBe(true);
    }
  });

  it('asks for exactly the scopes the app requests at install, and subscribes to the events it handles', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual([url(SLACK_PATHS.redirect)]);
    // conversations.info on DMs and group DMs; keyed-post lookups in group DMs
    expect(BOT_SCOPES).toEqual(expect.arrayContaining(['im:read', 'mpim:read', 'mpim:history']));
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'message.im', 'tokens_revoked']);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url(SLACK_PATHS.events));
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url(SLACK_PATHS.events) });
  });

  it('has the Home tab, org-wide deploy, HTTP delivery and display limits right', () => {
    expect(manifest._metadata.major_version).toBe(2);
    expect(manifest.display_information.name).toBe('CS Ops Bot');
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe('CS Ops Bot');
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
