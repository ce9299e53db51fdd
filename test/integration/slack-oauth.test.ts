/**
 * Multi-workspace Slack: the OAuth install flow on the service's own server, installations in
 * MongoDB (workspace and org-wide), requests authorised with the installed tokens, uninstall,
 * and live-card updates sent with the tenant's token (waiting out a 429).
 */
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mountSlack } from '../../src/adapters/slack/index.js';
import { loadConfig } from '../../src/config/index.js';
import { PlatformError } from '../../src/core/errors.js';
import { installationPurpose } from '../../src/infra/security/sealed-fields.js';
import { startTestService, type TestService } from '../support/service.js';
import { eventEnvelope, postSigned, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';
import { accessResponse, oauthEnv as slackOauthEnv } from '../support/slack-oauth.js';

let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
const oauthEnv = () => slackOauthEnv(api);

beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService(oauthEnv());
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});
beforeEach(() => api.clear());

/** /slack/install → Slack's consent screen (we stop there) → back to /slack/oauth_redirect. */
async function install(access: ReturnType<typeof accessResponse>) {
  api.on('/api/oauth.v2.access', { body: access });
  const start = await fetch(`${svc.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  expect(consent.origin + consent.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(consent.searchParams.get('client_id')).toBe('1111.2222');
  expect(consent.searchParams.get('scope')!.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'im:history', 'im:read', 'mpim:read', 'mpim:history']));
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const state = consent.searchParams.get('state')!;
  return fetch(`${svc.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
}

const installations = () => svc.service.models.installations.find({ platform: 'slack' }).lean();

describe('OAuth installs', () => {
  it('installs a workspace: oauth.v2.access with the code, installation stored under the team', async () => {
    const done = await install(accessResponse({ team: 'TNEW', token: 'xoxb-new' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/Thank you/);
    const access = webApiArgs(api.calls('/api/oauth.v2.access')[0]!);
    expect(access).toMatchObject({ code: 'the-code', client_id: '1111.2222', client_secret: 'client-secret-for-tests' });
    const docs = await installations();
    const doc = docs.find((d) => d.tenantId === 'TNEW');
    // the token is stored sealed (key-ring.ts); secrets-at-rest.test.ts proves it in depth
    expect(doc).toMatchObject({ key: 'team', data: { team: { id: 'TNEW' }, bot: { token: expect.stringMatching(/^enc:v1:/), userId: 'UBOTNEW', id: 'BBOT' }, isEnterpriseInstall: false } });
    expect(svc.service.keyRing.open(doc!.data.bot.token, installationPurpose('TNEW', 'team', 'bot.token'))).toBe('xoxb-new');
  });

  it('refuses a callback whose state is not from this browser', async () => {
    api.on('/api/oauth.v2.access', { body: accessResponse({ team: 'T_EVIL', token: 'xoxb-evil' }) });
    const start = await fetch(`${svc.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await fetch(`${svc.url}/slack/oauth_redirect?code=c&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(api.calls('/api/oauth.v2.access')).toEqual([]);
    expect((await installations()).some((d) => d.tenantId === 'T_EVIL')).toBe(false);
  });

  it('answers a workspace’s /kpi with that workspace’s token', async () => {
    const hook = api.hook('cmd-new');
    const res = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TNEW', channel_id: 'C1', user_id: 'U_ADMIN', command: '/kpi', text: 'help', response_url: hook }));
    expect(res.status).toBe(200);
    await api.waitFor((r) => r.path === new URL(hook).pathname);
    const info = api.calls('/api/users.info')[0]!;
    expect(info.headers['authorization']).toBe('Bearer xoxb-new');
  });

  it('stores an org-wide install under the organisation and serves its workspaces as one tenant', async () => {
    expect((await install(accessResponse({ enterprise: 'EORG', org: true, token: 'xoxb-org' }))).status).toBe(200);
    const doc = (await installations()).find((d) => d.tenantId === 'EORG');
    expect(doc).toMatchObject({ key: 'enterprise', data: { isEnterpriseInstall: true, bot: { token: expect.stringMatching(/^enc:v1:/) } } });
    expect(svc.service.keyRing.open(doc!.data.bot.token, installationPurpose('EORG', 'enterprise', 'bot.token'))).toBe('xoxb-org');

    api.clear();
    const hook = api.hook('cmd-org');
    const body = slashCommandBody({ team_id: 'TWS1', channel_id: 'C9', user_id: 'W_ADMIN', command: '/kpi', text: 'week', is_enterprise_install: true, enterprise_id: 'EORG', enterprise_name: 'Sports Org', api_app_id: 'A0KRD7HC3', response_url: hook });
    expect((await postSigned(`${svc.url}/slack/events`, body)).status).toBe(200);
    const answer = (await api.waitFor((r) => r.path === new URL(hook).pathname)).body as { response_type: string };
    expect(answer.response_type).toBe('in_channel');
    expect(api.calls('/api/users.info')[0]!.headers['authorization']).toBe('Bearer xoxb-org');
    // the usage record is written after the answer, without blocking it: wait for it, however slow the machine
    await expect.poll(() => svc.service.models.botEvents.countDocuments({ tenantId: 'EORG', platform: 'slack', userId: 'W_ADMIN' }), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('acknowledges a workspace that never installed the app and does nothing else', async () => {
    const hook = api.hook('cmd-stranger');
    const res = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TSTRANGER', channel_id: 'C1', user_id: 'U1', command: '/kpi', text: 'week', response_url: hook }));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(api.requests).toEqual([]);
  });

  it('forgets the installation when the app is uninstalled', async () => {
    expect((await install(accessResponse({ team: 'T_GONE', token: 'xoxb-gone' }))).status).toBe(200);
    expect((await installations()).some((d) => d.tenantId === 'T_GONE')).toBe(true);
    const res = await postSigned(`${svc.url}/slack/events`, eventEnvelope({ type: 'app_uninstalled', event_ts: '1.2' }, { team: 'T_GONE' }), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    await expect.poll(async () => (await installations()).some((d) => d.tenantId === 'T_GONE'), { timeout: 5000 }).toBe(false);
  });
});

describe('tokens_revoked (signed Events API request)', () => {
  const revoked = (team: string, tokens: Record<string, unknown>) =>
    postSigned(`${svc.url}/slack/events`, eventEnvelope({ type: 'tokens_revoked', tokens }, { team }), { contentType: 'application/json' });
  const stored = async (team: string) => (await installations()).find((d) => d.tenantId === team);

  it('a revoked bot token removes the installation: nothing is called with it afterwards, even from the cache', async () => {
    expect((await install(accessResponse({ team: 'TREV', token: 'xoxb-rev' }))).status).toBe(200);
    const hook = api.hook('rev-1');
    await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TREV', channel_id: 'C1', user_id: 'U_ADMIN', command: '/kpi', text: 'help', response_url: hook }));
    await api.waitFor((r) => r.path === new URL(hook).pathname);
    expect(api.calls('/api/users.info')[0]!.headers['authorization']).toBe('Bearer xoxb-rev');

    // another app's bot user: not ours, nothing changes
    expect((await revoked('TREV', { bot: ['UOTHERBOT'] })).status).toBe(200);
    expect((await revoked('TREV', { nonsense: true })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stored('TREV')).toBeDefined();

    expect((await revoked('TREV', { bot: ['UBOTNEW'] })).status).toBe(200);
    await expect.poll(async () => stored('TREV'), { timeout: 5000 }).toBeUndefined();
    api.clear();
    const res = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TREV', channel_id: 'C1', user_id: 'U_OTHER', command: '/kpi', text: 'week', response_url: api.hook('rev-2') }));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(api.requests).toEqual([]);
  });

  it('a revoked user token is forgotten and the bot keeps working; the bot revoked next leaves the user token alone', async () => {
    expect((await install(accessResponse({ team: 'TUSR', token: 'xoxb-usr', userToken: 'xoxp-usr' }))).status).toBe(200);
    expect((await stored('TUSR'))!.data.user.token).toMatch(/^enc:v1:/);
    expect((await revoked('TUSR', { oauth: ['U_ADMIN'] })).status).toBe(200);
    await expect.poll(async () => (await stored('TUSR'))?.data.user.token, { timeout: 5000 }).toBeUndefined();
    expect((await stored('TUSR'))!.data.bot.token).toMatch(/^enc:v1:/);
    const hook = api.hook('usr');
    await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TUSR', channel_id: 'C1', user_id: 'U_USR1', command: '/kpi', text: 'help', response_url: hook }));
    await api.waitFor((r) => r.path === new URL(hook).pathname);
    expect(api.calls('/api/users.info')[0]!.headers['authorization']).toBe('Bearer xoxb-usr');

    expect((await install(accessResponse({ team: 'TBOTH', token: 'xoxb-both', userToken: 'xoxp-both' }))).status).toBe(200);
    expect((await revoked('TBOTH', { bot: ['UBOTNEW'] })).status).toBe(200);
    await expect.poll(async () => (await stored('TBOTH'))?.data.bot.token, { timeout: 5000 }).toBeUndefined();
    expect((await stored('TBOTH'))!.data.user.token).toMatch(/^enc:v1:/);
  });
});

describe('slack messenger (live cards, surveys, alerts)', () => {
  const at = { channelId: 'C_LIVE', messageId: '1764082800.000100' };
  const card = { title: 'Customer service KPIs — This week', fallbackText: 'KPIs', elements: [{ type: 'text' as const, text: 'hello' }] };

  it('updates the message with the tenant’s token, waiting out a 429 (Retry-After)', async () => {
    const s = svc.service;
    const config = loadConfig({ NODE_ENV: 'test', ...oauthEnv() });
    const mounted = await mountSlack({ app: express(), config, logger: s.logger, bot: s.bot, tenants: s.deps.tenants, installations: s.deps.installations, keyRing: s.keyRing, isSupervisor: s.isSupervisor, now: () => new Date() });
    try {
      api.rateLimit('/api/chat.update', 1, 1);
      const started = Date.now();
      await mounted.chat.update!('TNEW', at, card);
      const calls = api.calls('/api/chat.update');
      expect(calls).toHaveLength(2);
      expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(calls[1]!.headers['authorization']).toBe('Bearer xoxb-new');
      expect(webApiArgs(calls[1]!)).toMatchObject({ channel: 'C_LIVE', ts: '1764082800.000100', text: 'KPIs' });
      await expect(mounted.chat.update!('T_NOBODY', at, card)).rejects.toBeInstanceOf(PlatformError);
      api.on('/api/chat.update', { body: { ok: false, error: 'message_not_found' } });
      await expect(mounted.chat.update!('TNEW', at, card)).rejects.toMatchObject({ platformCode: 'message_not_found' });
    } finally {
      await mounted.stop();
    }
  });
});
