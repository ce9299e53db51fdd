/**
 * `/kpi target …` on the real service through signed Slack requests and Teams activities: only
 * admins (roles.admins, a role granted by PATCH /api/v1/settings at once, Slack workspace admins
 * per users.info) set and remove; the target is the settings' (audited as the chat user) and
 * shows as 🎯 on the Slack and Teams cards and in the report preview.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../support/slack.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const TEAMS = GUID_TENANTS.a;
const AAD_ADMIN = '3c2b1a00-0000-4000-8000-0000000000ad';
const AAD_SUP = '3c2b1a00-0000-4000-8000-00000000005b';
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let connector: RecordingServer;
const json = { 'content-type': 'application/json' };

let hooks = 0;
/** A signed slash command from TA; the text of the answer its response_url got. */
async function slash(text: string, user: string, command = '/kpi') {
  const hook = slack.hook(`targets/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: user, command, text, response_url: hook }))).status).toBe(200);
  return JSON.stringify((await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body).replace(/&gt;/g, '>').replace(/&lt;/g, '<');
}

/** A Teams message from an AAD user; the activity the bot sent back. */
async function teams(text: string, aad: string, locale = 'en-US') {
  connector.clear();
  const body = {
    type: 'message', id: `a${++hooks}`, timestamp: NOW.toISOString(), serviceUrl: `${connector.url}/`, channelId: 'msteams', text, locale,
    from: { id: `29:user-${aad}`, name: 'Someone', aadObjectId: aad },
    conversation: { conversationType: 'personal', id: `a:conv-${aad}`, tenantId: TEAMS },
    recipient: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' },
    channelData: { tenant: { id: TEAMS } },
  };
  expect((await fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: json })).status).toBeLessThan(300);
  return JSON.stringify((await connector.waitFor((r) => r.path.includes('/activities'), 10_000)).body);
}

const settings = async (key = KEYS.a) => (await (await svc.api('/api/v1/settings', { key })).json()) as { targets: Record<string, unknown> };
const auditEntries = async (key = KEYS.a) => ((await (await svc.api('/api/v1/settings/audit', { key })).json()) as { entries: { actor: unknown; changes: { path: string }[] }[] }).entries;
const patch = (body: unknown, key = KEYS.a) => svc.api('/api/v1/settings', { method: 'PATCH', key, body: JSON.stringify(body), headers: json });

beforeAll(async () => {
  slack = await startSlackApi({ locales: { UPTADM01: 'pt-BR' }, groups: { SADMINS1: ['UGRP0001'] } });
  // users.info: UWSADM01 is a workspace admin, UOWNER01 its owner, everyone else a member
  slack.on('/api/users.info', (req) => {
    const user = String(webApiArgs(req)['user']);
    return { body: { ok: true, user: { id: user, locale: user === 'UPTADM01' ? 'pt-BR' : 'en-US', is_admin: user === 'UWSADM01', is_owner: user === 'UOWNER01' } } };
  });
  connector = await startRecordingServer({ fallback: () => ({ body: { id: 'sent-1' } }) });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SUPERVISOR_IDS: `TA:USUP0001,${TEAMS}:${AAD_SUP}`, DEFAULT_LOCALE: 'en', TEAMS_ALLOW_UNAUTHENTICATED: 'true' },
    () => NOW,
  );
  // this week: answered in 25 minutes, on both tenants
  for (const key of [KEYS.a, KEYS.ga]) {
    const records = Array.from({ length: 6 }, (_, i) => {
      const created = NOW.getTime() - (i + 1) * 6 * 3_600_000;
      return { externalId: `s${i}`, channel: 'email', customer: { id: `c${i}` }, status: 'resolved', createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + 25 * 60_000).toISOString(), resolvedAt: new Date(created + 80 * 60_000).toISOString() };
    });
    expect((await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
  }
});
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
  await connector?.close();
});
beforeEach(() => slack.clear());

describe('who may set targets', () => {
  it('a supervisor who is no admin is refused, in en and pt-BR, and nothing is stored or audited', async () => {
    const answer = await slash('target csat >= 85%', 'USUP0001');
    expect(answer).toContain(t('en', 'kpi_target.forbidden'));
    expect(await slash('meta remover csat', 'USUP0001')).toContain(t('en', 'kpi_target.forbidden'));
    expect((await settings()).targets).toEqual({});
    expect(await auditEntries()).toEqual([]);
    // the workspace was asked, with the tenant's bot token
    const info = slack.calls('/api/users.info').find((r) => webApiArgs(r)['user'] === 'USUP0001');
    expect(info?.headers['authorization']).toBe('Bearer xoxb-test');
  });

  it('an admin granted by PATCH /api/v1/settings sets a target on the next command; the audit names them', async () => {
    expect(await slash('target frt.median <= 1h', 'UADM0001')).toContain(t('en', 'kpi_target.forbidden'));
    expect((await patch({ roles: { admins: ['UADM0001'] } })).status).toBe(200);
    const answer = await slash('target frt.median <= 1h', 'UADM0001');
    expect(answer).toContain('Target set: 🎯 firstResponseMinutes.median ≤ 1 h 00 min. This week so far: 25 min ✅');
    expect((await settings()).targets).toEqual({ 'firstResponseMinutes.median': { op: '<=', value: 60 } });
    expect((await auditEntries())[0]).toEqual(expect.objectContaining({ actor: { type: 'user', platform: 'slack', userId: 'UADM0001' }, changes: [{ path: 'targets.firstResponseMinutes.median', before: null, after: { op: '<=', value: 60 } }] }));
  });

  it('a Slack workspace admin or owner (users.info) may set targets without being in the roles', async () => {
    expect(await slash('target csat >= 85%', 'UWSADM01')).toContain('Target set: 🎯 csat.score ≥ 85%.');
    expect(await slash('target remove csat', 'UOWNER01')).toContain('Target removed: csat.score ≥ 85%.');
    expect((await settings()).targets).not.toHaveProperty('csat.score');
    expect((await auditEntries()).slice(0, 2).map((e) => e.actor)).toEqual([
      { type: 'user', platform: 'slack', userId: 'UOWNER01' },
      { type: 'user', platform: 'slack', userId: 'UWSADM01' },
    ]);
  });

  it('list is for supervisors and admins: each target with this week’s number', async () => {
    expect(await slash('target list', 'USUP0001')).toContain('🎯 firstResponseMinutes.median ≤ 1 h 00 min — This week so far: 25 min ✅');
    expect(await slash('target list', 'UNOBODY1')).toContain(t('en', 'kpi_target.list_forbidden'));
  });
});

describe('admins by Slack user group', () => {
  it('a member of a user group listed in roles.admins may set and remove targets', async () => {
    expect(await slash('target backlog <= 50', 'UGRP0001')).toContain(t('en', 'kpi_target.forbidden'));
    expect((await patch({ roles: { admins: ['UADM0001', 'SADMINS1'] } })).status).toBe(200);
    expect(await slash('target backlog <= 50', 'UGRP0001')).toContain('Target set: 🎯 backlog ≤ 50.');
    expect(await slash('target remove backlog', 'UGRP0001')).toContain('Target removed: backlog ≤ 50.');
    expect((await settings()).targets).not.toHaveProperty('backlog');
  });
});

describe('what the chat refuses changes nothing', () => {
  it('an unknown KPI names the short names and the paths; a bad value gives an example; stray words are named', async () => {
    const before = await settings();
    const unknown = await slash('target speed >= 5', 'UADM0001');
    expect(unknown).toContain('\\"speed\\" is not a KPI a target can be set on. Use one of: csat, nps, frt');
    expect(unknown).toContain('firstResponseMinutes.median');
    expect(unknown).toContain('/kpi target csat >= 85%');
    expect(await slash('target csat >= 185', 'UADM0001')).toContain('\\"185\\" is not a rate for csat.score. Use a percentage (85%) or a fraction (0.85).');
    expect(await slash('target csat >= 85% please', 'UADM0001')).toContain('I did not understand \\"please\\", so nothing was done. Try: /kpi target csat >= 85%');
    expect(await slash('meta nps >= 200', 'UPTADM01')).toContain(t('pt-BR', 'kpi_target.forbidden'));
    expect(await settings()).toEqual(before);
  });

  it('a value out of the settings’ range is refused by the settings’ own check', async () => {
    expect((await patch({ roles: { admins: ['UADM0001', 'UPTADM01'] } })).status).toBe(200);
    const answer = await slash('meta nps >= 200', 'UPTADM01');
    expect(answer).toContain('Exemplos: /kpi meta csat >= 85%');
    expect((await settings()).targets).not.toHaveProperty('nps.score');
    expect(await slash('meta csat.mean >= 4,5', 'UPTADM01')).toContain('Meta definida: 🎯 csat.mean ≥ 4,5.');
    expect((await settings()).targets).toMatchObject({ 'csat.mean': { op: '>=', value: 4.5 } });
  });
});

describe('a target set in chat reaches the card and the report', () => {
  it('the Slack card shows it as 🎯, and the report preview names the KPI off target', async () => {
    expect(await slash('target frt <= 10', 'UADM0001')).toContain('Target set: 🎯 firstResponseMinutes.median ≤ 10 min. This week so far: 25 min ⚠️');
    expect(await slash('week', 'USUP0001')).toMatch(/First response \(median\)\*[^"]*🎯 ≤ 10 min ⚠️/);
    expect(await slash('preview week', 'USUP0001', '/report')).toMatch(/Bring First response \(median\) from 2\d min to its target \(≤ 10 min\)\./);
  });

  it('on Teams: a supervisor is refused; an admin from roles (AAD id) sets it; the Teams card shows it', async () => {
    expect(await teams('kpi target sla >= 90%', AAD_SUP)).toContain(t('en', 'kpi_target.forbidden'));
    expect((await settings(KEYS.ga)).targets).toEqual({});
    expect((await patch({ roles: { admins: [AAD_ADMIN.toUpperCase()] } }, KEYS.ga)).status).toBe(200);
    expect(await teams('kpi meta tpr <= 10min', AAD_ADMIN, 'pt-BR')).toContain('Meta definida: 🎯 firstResponseMinutes.median ≤ 10 min.');
    expect((await settings(KEYS.ga)).targets).toEqual({ 'firstResponseMinutes.median': { op: '<=', value: 10 } });
    expect((await auditEntries(KEYS.ga))[0]!.actor).toEqual({ type: 'user', platform: 'teams', userId: AAD_ADMIN });
    const card = await teams('kpi week', AAD_SUP);
    expect(card).toMatch(/🎯 ≤ 10 min ⚠️/);
    expect(await teams('kpi target list', AAD_SUP)).toContain('🎯 firstResponseMinutes.median ≤ 10 min');
  });
});
