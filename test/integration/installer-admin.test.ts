/**
 * The first admin of a new team is whoever installs the app: the Slack OAuth installer
 * (`installation.user.id`), the Teams user who adds the bot (`installationUpdate` add, or
 * `conversationUpdate` with the bot in `membersAdded`, by `from.aadObjectId`), each only while
 * the tenant has no admin, recorded in the settings audit; that person may then set targets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, slashCommandBody, startSlackApi } from '../support/slack.js';
import { accessResponse, installWorkspace, oauthEnv } from '../support/slack-oauth.js';

const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const INSTALLER = '9a9a9a9a-0000-4000-8000-0000000000a1';
const LATER = '9a9a9a9a-0000-4000-8000-0000000000b2';
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;

/** oauth.v2.access for a workspace, installed by a user with a real-shaped id */
const access = (team: string, token: string, installer = 'UINST0001') => ({ ...accessResponse({ team, token }), authed_user: { id: installer, scope: '', token_type: 'user' } });
const roles = async (tenantId: string) => (await svc.service.deps.tenants.get(tenantId)).roles;
const audit = (tenantId: string) => svc.service.deps.audit.list(tenantId, { limit: 10 });

function teamsActivity(over: Record<string, unknown>, tenant: string, aad: string) {
  return {
    id: `f:${Math.random().toString(36).slice(2)}`, timestamp: '2026-11-26T12:00:00.000Z', serviceUrl: `${connector.url}/`, channelId: 'msteams',
    from: { id: `29:${aad}`, aadObjectId: aad },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2' },
    recipient: BOT,
    channelData: { tenant: { id: tenant } },
    ...over,
  };
}
const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  slack = await startSlackApi();
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  // no SUPERVISOR_IDS: the installer's rights come from the install alone
  svc = await startTestService({ ...oauthEnv(slack), SUPERVISOR_IDS: '', TEAMS_ALLOW_UNAUTHENTICATED: 'true', DEFAULT_LOCALE: 'en' });
});
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
  await connector?.close();
});

describe('Slack OAuth', () => {
  it('the installer of a workspace without admins becomes its admin (audited) and may set a target', async () => {
    await installWorkspace(svc.url, slack, access('TINST01', 'xoxb-inst'));
    expect(await roles('TINST01')).toEqual({ admins: ['UINST0001'], supervisors: [] });
    expect((await audit('TINST01'))[0]).toMatchObject({ actor: { type: 'user', platform: 'slack', userId: 'UINST0001' }, changes: [{ path: 'roles.admins', before: [], after: ['UINST0001'] }] });
    const hook = slack.hook('inst/1');
    await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TINST01', channel_id: 'C1', user_id: 'UINST0001', command: '/kpi', text: 'target csat >= 85%', response_url: hook }));
    expect(JSON.stringify((await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body)).toContain('Target set: 🎯 csat.score');
    expect(await svc.service.deps.targets.list('TINST01')).toMatchObject([{ kpi: 'csat.score', op: '>=', value: 0.85 }]);
  });

  it('a later install (a reinstall, another installer) leaves the admins as they are', async () => {
    await svc.service.deps.tenants.update('TINST02', { roles: { admins: ['UFIRST01'], supervisors: [] } });
    await installWorkspace(svc.url, slack, access('TINST02', 'xoxb-inst2', 'UOTHER01'));
    expect((await roles('TINST02')).admins).toEqual(['UFIRST01']);
    expect(await audit('TINST02')).toEqual([]);
  });
});

describe('Teams', () => {
  it('the user who adds the bot to a team becomes the first admin; a later one does not', async () => {
    const tenant = GUID_TENANTS.b;
    const added = teamsActivity({ type: 'conversationUpdate', membersAdded: [{ id: BOT.id }], channelData: { tenant: { id: tenant }, eventType: 'teamMemberAdded' } }, tenant, INSTALLER);
    expect((await post(added)).status).toBeLessThan(300);
    expect((await roles(tenant)).admins).toEqual([INSTALLER]);
    expect((await audit(tenant))[0]).toMatchObject({ actor: { type: 'user', platform: 'teams', userId: INSTALLER } });
    expect((await post(teamsActivity({ type: 'installationUpdate', action: 'add' }, tenant, LATER))).status).toBeLessThan(300);
    // someone else joining is no install
    expect((await post(teamsActivity({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] }, GUID_TENANTS.a, LATER))).status).toBeLessThan(300);
    expect((await roles(tenant)).admins).toEqual([INSTALLER]);
    expect((await roles(GUID_TENANTS.a)).admins).toEqual([]);
  });

  it('installationUpdate (add) makes the installer admin of a tenant without one', async () => {
    const res = await post(teamsActivity({ type: 'installationUpdate', action: 'add', conversation: { conversationType: 'personal', id: 'a:personal-1', tenantId: GUID_TENANTS.a } }, GUID_TENANTS.a, LATER));
    expect(res.status).toBeLessThan(300);
    expect((await roles(GUID_TENANTS.a)).admins).toEqual([LATER]);
    // and the settings say so (the API shows the same roles)
    const settings = (await (await svc.api('/api/v1/settings', { key: KEYS.ga })).json()) as { roles: { admins: string[] } };
    expect(settings.roles.admins).toEqual([LATER]);
  });
});
