/**
 * Rotating DATA_KEYS on one database across restarts: data written under k1 is still read once
 * k2 is put first, new writes (and rewrites of old data) go under k2, and a server given only k2
 * keeps running with a clear error for the k1 data until `cs-ops keys rotate-data` moves it over.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/ops.js';
import { loadConfig } from '../../src/config/index.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createKeyRing } from '../../src/infra/security/key-ring.js';
import { LINK_SECRET_PURPOSE } from '../../src/infra/security/sealed-fields.js';
import { createService, type Service } from '../../src/service.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { postSigned, slashCommandBody, startSlackApi } from '../support/slack.js';
import { accessResponse, installWorkspace, oauthEnv } from '../support/slack-oauth.js';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const keys = (...ks: ['k1' | 'k2', Buffer][]) => ks.map(([kid, key]) => `${kid}:${key.toString('base64')}`).join(',');

let db: TestDb;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let hook: RecordingServer;
let running: { service: Service; url: string; logs: string[] } | null = null;

beforeAll(async () => {
  db = await connectTestDb('key-rotation');
  api = await startSlackApi();
  hook = await startRecordingServer();
});
afterAll(async () => {
  await running?.service.stop(1000);
  await db?.drop();
  await api?.close();
  await hook?.close();
});
beforeEach(() => api.clear());

/** (Re)starts the service on the same database with these keys, its log lines kept. */
async function restart(dataKeys: string) {
  await running?.service.stop(1000);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...oauthEnv(api), DATA_KEYS: dataKeys, WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'http://127.0.0.1:9', DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC' });
  const service = await createService({ config, mongoUri: db.uri, logger: createLogger('info', sink), jobs: false });
  running = { service, url: (await service.start(0, '127.0.0.1')).url, logs };
  return running;
}

async function command(team: string, command: string, text: string, user = 'U_ADMIN') {
  const url = api.hook(`cmd/${randomBytes(4).toString('hex')}`);
  expect((await postSigned(`${running!.url}/slack/events`, slashCommandBody({ team_id: team, channel_id: 'CROT0001', user_id: user, command, text, response_url: url }))).status).toBe(200);
  return ((await api.waitFor((r) => r.path === new URL(url).pathname, 8000)).body as { text: string }).text;
}
const schedule = async (team: string, path: string) => {
  const answer = await command(team, '/report', `schedule daily 08:00 webhook <${hook.url}/${path}> yesterday`);
  return { id: /Id ([a-f0-9]{24})/.exec(answer)![1]!, secret: /\(shown once\): ([a-f0-9]{48})/.exec(answer)![1]! };
};
/** the bearer token the service used for a workspace's /kpi (a new user: users.info is asked their locale) */
const tokenUsedBy = async (team: string) => {
  api.clear();
  await command(team, '/kpi', 'help', `U${randomBytes(4).toString('hex').toUpperCase()}`);
  return api.calls('/api/users.info')[0]!.headers['authorization'];
};

const raw = () => db.connection.db!;
const storedToken = async (team: string) => String((await raw().collection('installations').findOne({ tenantId: team, platform: 'slack' }))!['data'].bot.token);
const storedSecret = async (id: string) => String((await raw().collection('report_schedules').findOne({ _id: new mongoose.Types.ObjectId(id) }))!['webhook'].secret);
const storedLinkKey = async () => String((await raw().collection('installations').findOne({ tenantId: '_service', key: 'link-secret' }))!['data'].secret);
const kid = (sealed: string) => /^enc:v1:([^:]+):/.exec(sealed)?.[1];

describe('rotating DATA_KEYS', () => {
  const s: Record<string, { id: string; secret: string }> = {};
  let linkKey = '';

  it('k1: everything is sealed under k1', async () => {
    await restart(keys(['k1', K1]));
    await installWorkspace(running!.url, api, accessResponse({ team: 'TROT', token: 'xoxb-rot-old' }));
    await installWorkspace(running!.url, api, accessResponse({ team: 'TSTAY', token: 'xoxb-stay' }));
    s['rot'] = await schedule('TROT', 'rot');
    s['stay'] = await schedule('TSTAY', 'stay');
    expect([await storedToken('TROT'), await storedToken('TSTAY'), await storedSecret(s['rot'].id), await storedLinkKey()].map(kid)).toEqual(['k1', 'k1', 'k1', 'k1']);
    linkKey = createKeyRing([{ kid: 'k1', key: K1 }]).open(await storedLinkKey(), LINK_SECRET_PURPOSE);
  });

  it('k2,k1: old data still read, new data under k2, old data moved to k2 on its next write', async () => {
    const { service } = await restart(keys(['k2', K2], ['k1', K1]));
    // start-up leaves k1 data alone (moved lazily), except the link key it reads and rewrites
    expect([await storedToken('TROT'), await storedSecret(s['rot']!.id)].map(kid)).toEqual(['k1', 'k1']);
    expect(kid(await storedLinkKey())).toBe('k2');
    expect(createKeyRing([{ kid: 'k2', key: K2 }]).open(await storedLinkKey(), LINK_SECRET_PURPOSE)).toBe(linkKey);

    expect(await tokenUsedBy('TROT')).toBe('Bearer xoxb-rot-old');
    expect((await service.deps.schedules.get('TROT', s['rot']!.id))!.webhook!.secret).toBe(s['rot']!.secret);

    await installWorkspace(running!.url, api, accessResponse({ team: 'TNEW', token: 'xoxb-new' }));
    s['new'] = await schedule('TNEW', 'new');
    expect([await storedToken('TNEW'), await storedSecret(s['new'].id)].map(kid)).toEqual(['k2', 'k2']);
    expect(await tokenUsedBy('TNEW')).toBe('Bearer xoxb-new');
    expect((await service.deps.schedules.get('TNEW', s['new'].id))!.webhook!.secret).toBe(s['new'].secret);

    // writing the old data again seals it under k2: a reinstall, a pause
    await installWorkspace(running!.url, api, accessResponse({ team: 'TROT', token: 'xoxb-rot-old' }));
    expect(await command('TROT', '/report', `pause ${s['rot']!.id}`)).toMatch(/paused/);
    expect([await storedToken('TROT'), await storedSecret(s['rot']!.id)].map(kid)).toEqual(['k2', 'k2']);
    expect(await tokenUsedBy('TROT')).toBe('Bearer xoxb-rot-old');
    expect((await service.deps.schedules.get('TROT', s['rot']!.id))!.webhook!.secret).toBe(s['rot']!.secret);
    // what was not written stays under k1
    expect([await storedToken('TSTAY'), await storedSecret(s['stay']!.id)].map(kid)).toEqual(['k1', 'k1']);
  });

  it('k2 alone: k1 data gives a clear error and the service keeps running; rotate-data with both keys fixes it', async () => {
    const { service, url, logs } = await restart(keys(['k2', K2]));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await tokenUsedBy('TNEW')).toBe('Bearer xoxb-new');

    // a request from the k1 workspace is acknowledged; nothing is called with a token
    api.clear();
    const ack = await postSigned(`${url}/slack/events`, slashCommandBody({ team_id: 'TSTAY', channel_id: 'C1', user_id: 'U_ADMIN', command: '/kpi', text: 'week', response_url: api.hook('stay') }));
    expect(ack.status).toBe(200);
    await expect.poll(() => logs.some((l) => l.includes('encrypted with data key \\"k1\\", which is not in DATA_KEYS')), { timeout: 5000 }).toBe(true);
    expect(api.calls('/api/users.info')).toEqual([]);

    // its webhook schedule fails its run with a code, nothing is sent
    const stayId = s['stay']!.id;
    const fire = new Date(Date.now() - 10 * 60_000); // one fire time, ten minutes ago (UTC)
    const due = { cron: `${fire.getUTCMinutes()} ${fire.getUTCHours()} * * *`, checkedUntil: new Date(fire.getTime() - 5 * 60_000), nextFireAt: fire };
    await raw().collection('report_schedules').updateOne({ _id: new mongoose.Types.ObjectId(stayId) }, { $set: due });
    expect((await service.deps.schedules.list('TSTAY', 'CROT0001'))[0]!.webhook).toMatchObject({ unreadable: 'data_key_unknown' });
    expect(await runDueReports(service.bot, new Date(), (e) => { throw e; })).toMatchObject({ retrying: 1, posted: 0 });
    expect(await raw().collection('report_runs').findOne({ scheduleId: stayId })).toMatchObject({ status: 'retrying', error: 'data_key_unknown' });
    expect(hook.requests.filter((r) => r.path === '/stay')).toEqual([]);
    expect(logs.some((l) => l.includes(`"scheduleId":"${stayId}"`) && l.includes('report webhook secret unusable'))).toBe(true);
    // logs say which key is missing, never the ciphertexts
    const all = logs.join('\n');
    for (const sealed of [await storedToken('TSTAY'), await storedSecret(stayId)]) expect(all).not.toContain(sealed.split(':').at(-1));

    // the operator's fix: rotate-data with both keys, then k2 alone reads everything
    const cli = async (dataKeys: string) => {
      const out: string[] = [];
      const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, DATA_KEYS: dataKeys } };
      return { code: await runCli(['keys', 'rotate-data'], io), out: out.join('') };
    };
    expect(await cli(keys(['k2', K2]))).toEqual({ code: 1, out: expect.stringMatching(/0 re-encrypted from older keys; 2 could not be decrypted/) });
    expect(await cli(keys(['k2', K2], ['k1', K1]))).toEqual({ code: 0, out: expect.stringMatching(/under data key "k2": 0 encrypted from clear text, 2 re-encrypted from older keys\.\n$/) });
    expect([await storedToken('TSTAY'), await storedSecret(stayId)].map(kid)).toEqual(['k2', 'k2']);
    expect(await tokenUsedBy('TSTAY')).toBe('Bearer xoxb-stay');
    expect((await service.deps.schedules.get('TSTAY', stayId))!.webhook!.secret).toBe(s['stay']!.secret);
  });
});
