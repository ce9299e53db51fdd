/**
 * A request acts only for the tenant its platform vouches for. Teams (here unauthenticated, as
 * in development): the AAD tenant of the conversation, a GUID, the same in channelData, and a
 * loopback serviceUrl — anything else is refused before a route runs and nothing is stored.
 * Slack: a signed request for a team id that is not Slack-shaped gets a localized refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const TENANT = GUID_TENANTS.a;
const BOT = { id: '28:bot', name: 'CS Ops Bot' };
let svc: TestService;
let connector: RecordingServer;
let slack: Awaited<ReturnType<typeof startSlackApi>>;

const activity = (over: Record<string, unknown> = {}) => ({
  type: 'conversationUpdate', id: `a${Math.random().toString(36).slice(2)}`, timestamp: new Date().toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams',
  from: { id: '29:sup', aadObjectId: '0c1f0000-0000-4000-8000-000000000001' }, recipient: BOT, membersAdded: [BOT], locale: 'en-US',
  conversation: { conversationType: 'channel', id: '19:vouch@thread.tacv2', tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
  ...over,
});
const withTenant = (conversationTenant: string | undefined, channelTenant: string | undefined, over: Record<string, unknown> = {}) =>
  activity({
    conversation: { conversationType: 'channel', id: '19:vouch@thread.tacv2', ...(conversationTenant ? { tenantId: conversationTenant } : {}) },
    channelData: channelTenant ? { tenant: { id: channelTenant } } : {},
    ...over,
  });
const post = (url: string, body: unknown) => fetch(`${url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const installations = (s = svc) => s.service.models.installations.find({ platform: 'teams' }).lean();
const tenantDocs = (s = svc) => s.service.models.tenants.find({}).lean();

beforeAll(async () => {
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  slack = await startSlackApi();
  svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, DEFAULT_LOCALE: 'en' });
});
afterAll(async () => {
  await svc?.stop();
  await connector?.close();
  await slack?.close();
});

describe('Teams tenants', () => {
  it.each([
    ['a Slack-shaped tenant', 'T0123', 'T0123'],
    ['a tenant that is not a GUID', 'demo', undefined],
    ['a GUID-like tenant with a bad digit', '0a0a0a0a-1111-4111-8111-00000000000g', undefined],
    ['channelData naming another tenant', TENANT, GUID_TENANTS.b],
    ['channelData naming a Slack workspace', TENANT, 'TA'],
    ['no tenant at all', undefined, undefined],
  ])('refuses %s: 403, no installation, no tenant document', async (_name, conversationTenant, channelTenant) => {
    for (const type of ['conversationUpdate', 'message']) {
      const res = await post(svc.url, withTenant(conversationTenant, channelTenant, { type, text: 'kpi week' }));
      expect(res.status).toBe(403);
    }
    expect(await installations()).toHaveLength(0);
    expect(await tenantDocs()).toHaveLength(0);
    expect(connector.requests).toHaveLength(0);
  });

  it('answers a refused card action with an error (nothing processed)', async () => {
    const res = await post(svc.url, withTenant('T0123', undefined, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kpi.show', data: { value: '{}' } } } }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    expect(await tenantDocs()).toHaveLength(0);
  });

  it.each(['https://attacker.example.com/', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.5:8080/', 'http://127.0.0.1.nip.io/', 'file:///etc/passwd'])(
    'unauthenticated, refuses the serviceUrl %s and stores nothing',
    async (serviceUrl) => {
      // a serviceUrl that is no http(s) URL is refused as malformed (400) before the tenant check (403)
      for (const type of ['conversationUpdate', 'message']) expect((await post(svc.url, activity({ type, serviceUrl, text: 'kpi week' }))).status).toBe(serviceUrl.startsWith('http') ? 403 : 400);
      expect(await installations()).toHaveLength(0);
    },
  );

  it('keeps a loopback serviceUrl, under the lower-cased tenant GUID', async () => {
    const res = await post(svc.url, withTenant(TENANT.toUpperCase(), TENANT));
    expect(res.status).toBe(200);
    expect(await installations()).toMatchObject([{ tenantId: TENANT, key: '19:vouch@thread.tacv2', data: { serviceUrl: `${connector.url}/`, tenantId: TENANT } }]);
  });

  it('a single-tenant bot (TEAMS_TENANT_ID) refuses every other tenant', async () => {
    const single = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_TENANT_ID: TENANT });
    try {
      expect((await post(single.url, withTenant(GUID_TENANTS.b, GUID_TENANTS.b))).status).toBe(403);
      expect(await installations(single)).toHaveLength(0);
      expect((await post(single.url, activity())).status).toBe(200);
      expect(await installations(single)).toHaveLength(1);
    } finally {
      await single.stop();
    }
  });
});

describe('Slack tenants', () => {
  // a tenant the Teams tests above never used (adding the bot there makes its installer admin)
  it('refuses a signed request whose team id is a Teams tenant GUID, in the user’s words, and stores nothing', async () => {
    const hook = slack.hook('commands/guid');
    const res = await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: GUID_TENANTS.b, channel_id: 'C_OPS', user_id: 'U_SUP', command: '/kpi', text: 'week', response_url: hook }));
    expect(res.status).toBe(200);
    const answer = await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(t('en', 'slack.bad_tenant')) });
    expect(await svc.service.models.tenants.countDocuments({ tenantId: GUID_TENANTS.b })).toBe(0);
    expect(await svc.service.models.botEvents.countDocuments({ tenantId: GUID_TENANTS.b })).toBe(0);
  });
});
