/**
 * Team settings over REST (GET/PATCH /api/v1/settings, the audit) on the real service, and
 * their effect through the real Slack app: a target set by REST shows on the next `/kpi week`
 * card and in `/report preview`; a report without targets, or of a quiet period, says so.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../src/core/domain/interaction.js';
import { KPI_TARGET_PATHS } from '../../src/core/kpi/stats.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';
import { postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi } from '../support/slack.js';

const NOW = new Date('2026-11-25T15:00:00Z');
/** advanced by each change, so audit entries have distinct times */
let clock = NOW;
let svc: TestService;
let slack: Awaited<ReturnType<typeof startSlackApi>>;
let readKey: string;
const json = { 'content-type': 'application/json' };

type Settings = Record<string, unknown> & { targets: Record<string, unknown>; roles: { admins: string[]; supervisors: string[] } };
const get = async (key = KEYS.a) => (await (await svc.api('/api/v1/settings', { key })).json()) as Settings;
async function patch(body: unknown, o: { key?: string; locale?: string } = {}) {
  clock = new Date(clock.getTime() + 1000);
  const res = await svc.api('/api/v1/settings', { method: 'PATCH', key: o.key ?? KEYS.a, body: JSON.stringify(body), headers: { ...json, 'accept-language': o.locale ?? 'en' } });
  return { status: res.status, body: (await res.json()) as Settings & { error: { code: string; message: string; details?: string[] } } };
}
const audit = async (query = '', key = KEYS.a) => (await (await svc.api(`/api/v1/settings/audit${query}`, { key })).json()) as { entries: { at: string; actor: unknown; changes: { path: string; before: unknown; after: unknown }[] }[]; nextBefore: string | null };

let hooks = 0;
/** A signed slash command from TA; the text of the answer its response_url got. */
async function slash(command: string, text: string, user = 'U_SUP') {
  const hook = slack.hook(`settings/${++hooks}`);
  expect((await postSigned(`${svc.url}/slack/events`, slashCommandBody({ team_id: 'TA', channel_id: 'C_OPS', user_id: user, command, text, response_url: hook }))).status).toBe(200);
  return JSON.stringify((await slack.waitFor((r) => r.path === new URL(hook).pathname, 8000)).body).replace(/&gt;/g, '>').replace(/&lt;/g, '<');
}

beforeAll(async () => {
  slack = await startSlackApi({ locales: { U_SUP_PT: 'pt-BR' } });
  svc = await startTestService(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, SUPERVISOR_IDS: 'TA:U_SUP,TA:U_SUP_PT', DEFAULT_LOCALE: 'en' },
    () => clock,
  );
  readKey = (await svc.service.deps.apiKeys.create('TA', { name: 'read only', scopes: ['read'] })).key;
  // this week: tickets answered in 25 minutes
  const records = Array.from({ length: 6 }, (_, i) => {
    const created = NOW.getTime() - (i + 1) * 6 * 3_600_000;
    return { externalId: `s${i}`, channel: 'email', customer: { id: `c${i}` }, status: 'resolved', createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + 25 * 60_000).toISOString(), resolvedAt: new Date(created + 80 * 60_000).toISOString() };
  });
  expect((await svc.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: json })).status).toBe(200);
});
afterAll(async () => {
  await svc?.stop();
  await slack?.close();
});
beforeEach(() => slack.clear());

describe('GET /api/v1/settings', () => {
  it('answers the whole document, with the defaults for a new tenant', async () => {
    expect(await get(KEYS.b)).toEqual({
      timezone: 'America/Sao_Paulo',
      locale: 'en',
      targets: {},
      slaPolicy: DEFAULT_SLA_POLICY,
      businessHours: null,
      holidays: [],
      roles: { admins: [], supervisors: [] },
      surveys: { autoSend: { enabled: false, type: 'csat', delayHours: 24, platform: 'slack' }, expiryDays: 28, reasons: [], supervisorsChannel: null },
      privacy: { retentionDays: null },
    });
  });
});

describe('PATCH /api/v1/settings', () => {
  it('changes each field alone, leaving the others as they were', async () => {
    const steps: [Record<string, unknown>, (s: Settings) => void][] = [
      [{ timezone: 'europe/lisbon' }, (s) => expect(s['timezone']).toBe('Europe/Lisbon')],
      [{ locale: 'pt-BR' }, (s) => expect(s['locale']).toBe('pt-BR')],
      [{ targets: { 'csat.score': { op: '>=', value: 0.85 } } }, (s) => expect(s.targets).toEqual({ 'csat.score': { op: '>=', value: 0.85 } })],
      [{ slaPolicy: { high: { firstResponseMinutes: 20 } } }, (s) => expect(s['slaPolicy']).toEqual({ ...DEFAULT_SLA_POLICY, high: { firstResponseMinutes: 20, resolutionMinutes: 480 } })],
      [{ businessHours: { days: ['fri', 'mon', 'tue', 'wed', 'thu'], from: '09:00', to: '18:00' } }, (s) => expect(s['businessHours']).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' })],
      [{ holidays: ['2026-12-25', '2026-01-01', '2026-12-25'] }, (s) => expect(s['holidays']).toEqual(['2026-01-01', '2026-12-25'])],
      [{ roles: { admins: ['U0123ADM'], supervisors: ['S0456GRP', '7FAF8AB2-3D56-4244-B585-20C8A42ED2B8', 'U0123ADM'] } }, (s) => expect(s.roles).toEqual({ admins: ['U0123ADM'], supervisors: ['S0456GRP', '7faf8ab2-3d56-4244-b585-20c8a42ed2b8', 'U0123ADM'] })],
    ];
    let expected = await get();
    for (const [body, check] of steps) {
      const { status, body: answer } = await patch(body);
      expect(status, JSON.stringify(body)).toBe(200);
      check(answer);
      expect(answer).toEqual(await get());
      // nothing else moved
      const field = Object.keys(body)[0]!;
      expect({ ...answer, [field]: expected[field] }).toEqual(expected);
      expected = answer;
    }
    // the stored tenant: what cards and the SLA helper read
    const tenant = await svc.service.deps.tenants.get('TA');
    expect(tenant.businessHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' });
    expect(tenant.holidays).toEqual(['2026-01-01', '2026-12-25']);
    expect(tenant.rollupTimezone).toBe('America/Sao_Paulo');
    expect(await svc.service.isSupervisor('TA', '7faf8ab2-3d56-4244-b585-20c8a42ed2b8')).toBe(true);
  });

  it('changes several fields together, and null removes a target and the business hours', async () => {
    const { status, body } = await patch({
      timezone: 'America/Sao_Paulo',
      locale: 'en',
      targets: { 'csat.score': null, 'firstResponseMinutes.median': { op: '<=', value: 60 }, 'nps.score': { op: '>=', value: 40 } },
      slaPolicy: { urgent: { firstResponseMinutes: 10, resolutionMinutes: 120 } },
      businessHours: null,
      holidays: [],
      roles: { admins: [] },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      timezone: 'America/Sao_Paulo',
      locale: 'en',
      targets: { 'firstResponseMinutes.median': { op: '<=', value: 60 }, 'nps.score': { op: '>=', value: 40 } },
      businessHours: null,
      holidays: [],
      roles: { admins: [], supervisors: ['S0456GRP', '7faf8ab2-3d56-4244-b585-20c8a42ed2b8', 'U0123ADM'] },
    });
    expect(Object.keys(body.targets)).toHaveLength(2);
    expect((body['slaPolicy'] as Record<string, unknown>)['urgent']).toEqual({ firstResponseMinutes: 10, resolutionMinutes: 120 });
    expect(await get()).toEqual(body);
  });

  const BAD: [string, Record<string, unknown>, RegExp, RegExp][] = [
    ['an unknown KPI path (listing the valid ones)', { targets: { 'csat.scor': { op: '>=', value: 0.8 } } }, new RegExp(`Unknown KPI "csat.scor" in targets. Valid KPIs: ${KPI_TARGET_PATHS.join(', ').replace(/\./g, '\\.')}\\.`), /KPI desconhecido "csat\.scor" em targets\. KPIs válidos: volume, resolved/],
    ['a rate over 1', { targets: { 'csat.score': { op: '>=', value: 85 } } }, /targets\.csat\.score\.value: csat\.score is a rate from 0 to 1 \(0\.85 = 85%\); got 85\./, /csat\.score é uma taxa de 0 a 1 \(0,85 = 85%\); recebido: 85/],
    ['a bad operator', { targets: { fcrRate: { op: '>', value: 0.7 } } }, /targets\.fcrRate\.op ">" is not valid; expected one of <=, >=/, /targets\.fcrRate\.op/],
    ['a zone that is none', { timezone: 'Mars/Olympus_Mons' }, /timezone "Mars\/Olympus_Mons" is not an IANA time zone/, /não é um fuso horário IANA/],
    ['a zone whose hours do not line up', { timezone: 'Asia/Kolkata' }, /Asia\/Kolkata cannot be the team’s: its numbers are kept in hours of America\/Sao_Paulo.*\+8:30 h away.*not a whole number of hours/, /O fuso Asia\/Kolkata não pode ser o da equipe.*America\/Sao_Paulo.*horas inteiras/],
    ['bad role ids', { roles: { admins: ['ana'], supervisors: ['U0123', 'C0CHANNEL'] } }, /roles\.admins\[0\] "ana" is not a Slack user id.*roles\.supervisors\[1\] "C0CHANNEL" is not a Slack user id/, /roles\.admins\[0\] "ana" não é um id de usuário do Slack/],
    ['business hours ending before they start', { businessHours: { days: ['mon'], from: '18:00', to: '09:00' } }, /businessHours\.to \(09:00\) must be later than businessHours\.from/, /businessHours\.to \(09:00\) deve ser depois de businessHours\.from/],
    ['business hours that are not times', { businessHours: { days: ['monday'], from: '9h', to: '18:00' } }, /businessHours\.days\[0\].*businessHours\.from must be a time of day HH:MM/, /businessHours\.from deve ser um horário HH:MM/],
    ['a holiday that is no date', { holidays: ['2026-02-30'] }, /holidays\[0\] "2026-02-30" is not a date YYYY-MM-DD/, /holidays\[0\] "2026-02-30" não é uma data AAAA-MM-DD/],
    ['resolution before first response', { slaPolicy: { low: { resolutionMinutes: 100 } } }, /slaPolicy\.low: resolutionMinutes \(100\) must be at least firstResponseMinutes \(240\)/, /slaPolicy\.low: resolutionMinutes \(100\) deve ser pelo menos firstResponseMinutes \(240\)/],
    ['an unknown field, with the valid part beside it', { locale: 'pt-BR', timezon: 'UTC' }, /Unknown field "timezon"\. Did you mean "timezone"\?/, /timezon/],
    // JSON.parse makes "__proto__" an own key, as a client's JSON body would be read (it was accepted and dropped)
    ['a target path named "__proto__"', JSON.parse('{"targets":{"__proto__":{"op":">=","value":0.5}}}') as Record<string, unknown>, /A field may not be named "__proto__"/, /Um campo não pode se chamar "__proto__"/],
  ];
  it.each(BAD)('refuses %s with a 400 naming the field, in en and pt-BR, and changes nothing', async (_name, body, en, pt) => {
    const before = await get();
    const entries = (await audit()).entries.length;
    for (const [locale, message] of [['en', en], ['pt-BR', pt]] as const) {
      const { status, body: answer } = await patch(body, { locale });
      expect(status).toBe(400);
      expect(answer.error.code).toBe('validation');
      expect(answer.error.message).toMatch(message);
    }
    expect(await get()).toEqual(before);
    expect((await audit()).entries).toHaveLength(entries);
  });

  it('refuses a key without the admin scope (403), lets it read, and changes nothing', async () => {
    const before = await get();
    const { status, body } = await patch({ locale: 'pt-BR' }, { key: readKey });
    expect(status).toBe(403);
    expect(body.error.code).toBe('insufficient_scope');
    expect(await get(readKey)).toEqual(before);
    expect((await svc.api('/api/v1/settings/audit', { key: readKey })).status).toBe(200);
  });

  it('keeps tenants apart: another tenant’s key sees and changes only its own settings', async () => {
    const mine = await get();
    expect((await patch({ locale: 'pt-BR', targets: { backlog: { op: '<=', value: 50 } } }, { key: KEYS.b })).status).toBe(200);
    expect(await get()).toEqual(mine);
    expect((await get(KEYS.b)).targets).toEqual({ backlog: { op: '<=', value: 50 } });
    expect((await audit('', KEYS.b)).entries).toHaveLength(1);
    expect((await audit()).entries.every((e) => e.changes.every((c) => c.path !== 'targets.backlog'))).toBe(true);
  });
});

describe('GET /api/v1/settings/audit', () => {
  it('lists who changed what and when, newest first, with before → after of each path', async () => {
    const keyId = (await svc.service.deps.apiKeys.list('TA')).find((k) => k.source === 'env')!.id;
    await patch({ timezone: 'America/Manaus', targets: { fcrRate: { op: '>=', value: 0.7 } } });
    clock = new Date(clock.getTime() + 1000);
    await svc.api('/api/v1/settings/privacy', { method: 'PATCH', body: JSON.stringify({ retentionDays: 90 }), headers: json });
    clock = new Date(clock.getTime() + 1000);
    await svc.api('/api/v1/settings/surveys', { method: 'PATCH', body: JSON.stringify({ expiryDays: 10 }), headers: json });
    const { entries } = await audit('?limit=3');
    expect(entries.map((e) => e.changes)).toEqual([
      [{ path: 'surveys.expiryDays', before: 28, after: 10 }],
      [{ path: 'privacy.retentionDays', before: null, after: 90 }],
      [
        { path: 'targets.fcrRate', before: null, after: { op: '>=', value: 0.7 } },
        { path: 'timezone', before: 'America/Sao_Paulo', after: 'America/Manaus' },
      ],
    ]);
    for (const e of entries) expect(e.actor).toEqual({ type: 'api_key', keyId });
    expect(Date.parse(entries[0]!.at)).toBeGreaterThan(Date.parse(entries[2]!.at));
    // the next page: older entries only
    const older = await audit(`?limit=50&before=${encodeURIComponent(entries[2]!.at)}`);
    expect(older.entries.length).toBeGreaterThan(0);
    expect(older.entries.every((e) => Date.parse(e.at) < Date.parse(entries[2]!.at))).toBe(true);
    expect(older.entries.at(-1)!.changes).toEqual([{ path: 'timezone', before: 'America/Sao_Paulo', after: 'Europe/Lisbon' }]);
    expect((await svc.api('/api/v1/settings/audit?limit=0', { headers: { 'accept-language': 'pt-BR' } })).status).toBe(400);
    await patch({ timezone: 'America/Sao_Paulo' });
  });
});

describe('targets reach the KPI card and the report at once', () => {
  it('a target set by REST shows on the next /kpi week card, and goes when removed', async () => {
    expect((await patch({ targets: { 'firstResponseMinutes.median': { op: '<=', value: 60 }, 'nps.score': null, fcrRate: null } })).status).toBe(200);
    const withTarget = await slash('/kpi', 'week');
    expect(withTarget).toMatch(/First response \(median\)\*[^"]*🎯 ≤ [^"]*✅/);
    expect((await patch({ targets: { 'firstResponseMinutes.median': { op: '<=', value: 10 } } })).status).toBe(200);
    expect(await slash('/kpi', 'week')).toMatch(/First response \(median\)\*[^"]*🎯 ≤ 10 min ⚠️/);
    expect((await patch({ targets: { 'firstResponseMinutes.median': null } })).status).toBe(200);
    expect(await slash('/kpi', 'week')).not.toContain('🎯');
  });

  it('the report names a KPI off its target, and says so when no target is set, in en and pt-BR', async () => {
    expect((await patch({ targets: { 'firstResponseMinutes.median': { op: '<=', value: 10 }, 'csat.mean': { op: '>=', value: 4.5 } } })).status).toBe(200);
    const off = await slash('/report', 'preview week');
    expect(off).toMatch(/Bring First response \(median\) from 2\d min to its target \(≤ 10 min\)\./);
    expect(off).not.toContain('Every KPI with a target met it');
    expect((await patch({ targets: { 'firstResponseMinutes.median': null, 'csat.mean': null } })).status).toBe(200);
    expect((await get()).targets).toEqual({});
    const none = await slash('/report', 'preview week');
    expect(none).toContain('No targets set — `/kpi target csat >= 85%` sets one');
    expect(none).not.toContain('Every KPI with a target met it');
    expect(await slash('/report', 'preview semana', 'U_SUP_PT')).toContain('Nenhuma meta definida — `/kpi target csat >= 85%` define uma');
  });

  it('a report of a period without activity says there was none, in en and pt-BR', async () => {
    const en = await slash('/report', 'preview 2026-01-05..2026-01-11');
    expect(en).toContain('No activity in this period (');
    expect(en).not.toContain('No KPI changed much');
    const pt = await slash('/report', 'preview 2026-01-05..2026-01-11', 'U_SUP_PT');
    expect(pt).toContain('Nenhuma atividade neste período (');
  });
});
