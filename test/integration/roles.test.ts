/**
 * Roles per tenant: SUPERVISOR_IDS entries written `<tenant>:<user>` count in that tenant only
 * (unscoped ids, kept for one-workspace setups, in every tenant); a tenant's own roles live on
 * its document (`roles.admins`, `roles.supervisors`; admins are supervisors too), and the older
 * `supervisorIds` field moves into `roles.supervisors` the first time it is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const OID = '0d1f0000-0000-4000-8000-0000000000aa';
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let hooks = 0;

/** `/kpi week` from a user of a workspace; the answer the response_url got. */
async function kpiWeek(team: string, user: string) {
  const hook = slack.hook(`roles/${++hooks}`);
  await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: team, channel_id: 'C_OPS', user_id: user, command: '/kpi', text: 'week', response_url: hook }));
  return JSON.stringify((await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body);
}

beforeAll(async () => {
  slack = await startSlackApi();
  svc = await startTestService({
    SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, DEFAULT_LOCALE: 'en',
    SUPERVISOR_IDS: `TA:USCOPED1, UEVERY01, ${GUID_TENANTS.a.toUpperCase()}:${OID}, 29:legacy-teams-id`,
  });
});
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
});

describe('tenant-scoped SUPERVISOR_IDS', () => {
  it('TA:U1 makes U1 a supervisor in TA and not in TB', async () => {
    expect(await svc.service.isSupervisor('TA', 'USCOPED1')).toBe(true);
    expect(await svc.service.isSupervisor('TB', 'USCOPED1')).toBe(false);
    expect(await kpiWeek('TA', 'USCOPED1')).toContain('Customer service KPIs');
    // "Team-wide numbers are for supervisors"
    expect(await kpiWeek('TB', 'USCOPED1')).toContain(t('en', 'kpi.forbidden').split('.')[0]);
  });

  it('<tenant guid>:<AAD object id> scopes a Teams user (the GUID in any case)', async () => {
    expect(await svc.service.isSupervisor(GUID_TENANTS.a, OID)).toBe(true);
    expect(await svc.service.isSupervisor(GUID_TENANTS.b, OID)).toBe(false);
  });

  it('keeps unscoped ids (Teams 29:… ids included) working in every tenant', async () => {
    for (const tenant of ['TA', 'TB', GUID_TENANTS.b]) expect(await svc.service.isSupervisor(tenant, 'UEVERY01')).toBe(true);
    expect(await svc.service.isSupervisor(GUID_TENANTS.b, '29:legacy-teams-id')).toBe(true);
  });
});

describe('roles stored on the tenant', () => {
  it('an admin or supervisor of one tenant is one there only, and the document holds the roles', async () => {
    await svc.service.deps.tenants.update('TB', { roles: { admins: ['UADMINB1'], supervisors: ['USUPB001'] } });
    expect(await svc.service.isSupervisor('TB', 'UADMINB1')).toBe(true);
    expect(await svc.service.isSupervisor('TB', 'USUPB001')).toBe(true);
    expect(await svc.service.isSupervisor('TA', 'UADMINB1')).toBe(false);
    expect(await kpiWeek('TB', 'UADMINB1')).toContain('Customer service KPIs');
    expect(await svc.service.models.tenants.findOne({ tenantId: 'TB' }).lean()).toMatchObject({ roles: { admins: ['UADMINB1'], supervisors: ['USUPB001'] } });
  });

  it('moves an older tenant’s supervisorIds into roles.supervisors when it is read', async () => {
    const now = new Date('2026-11-25T12:00:00Z');
    await svc.service.models.tenants.collection.insertOne({ tenantId: 'TLEGACY1', timezone: 'UTC', locale: 'en', slaPolicy: {}, supervisorIds: ['UOLD0001'], createdAt: now, updatedAt: now });
    expect((await svc.service.deps.tenants.get('TLEGACY1')).roles).toEqual({ admins: [], supervisors: ['UOLD0001'] });
    expect(await svc.service.isSupervisor('TLEGACY1', 'UOLD0001')).toBe(true);
    const raw = await svc.service.models.tenants.collection.findOne({ tenantId: 'TLEGACY1' });
    expect(raw).toMatchObject({ roles: { admins: [], supervisors: ['UOLD0001'] } });
    expect(raw).not.toHaveProperty('supervisorIds');
  });
});
