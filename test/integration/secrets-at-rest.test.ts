/**
 * Secrets never stored in clear: after an OAuth install (bot and user tokens), a webhook report
 * schedule and a start-up (the link key), the raw documents — read through the driver, not the
 * repositories — hold none of them; they are AES-256-GCM ciphertexts under DATA_KEYS that the
 * service still uses. Clear secrets stored by an earlier version are encrypted in place at
 * start-up (idempotent, two instances at once). Production refuses to start without DATA_KEYS.
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { installationModel } from '../../src/infra/mongo/installations/schema.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createKeyRing } from '../../src/infra/security/key-ring.js';
import { loadLinkSecret } from '../../src/infra/security/link-secret.js';
import { LINK_SECRET_PURPOSE } from '../../src/infra/security/sealed-fields.js';
import { sealStoredSecrets } from '../../src/infra/security/stored-secrets.js';
import { createService, type Service } from '../../src/service.js';
import { connectTestDb, type TestDb } from '../support/mongo.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { startTestService, type TestService } from '../support/service.js';
import { postSigned, slashCommandBody, startSlackApi } from '../support/slack.js';
import { accessResponse, installWorkspace, oauthEnv } from '../support/slack-oauth.js';

const KEY = randomBytes(32);
const DATA_KEYS = `k1:${KEY.toString('base64')}`;
const ring = createKeyRing([{ kid: 'k1', key: KEY }]);
const silent = createLogger('silent');
const BOT = 'xoxb-111-222-at-rest-bot-token';
const USER = 'xoxp-111-222-at-rest-user-token';

let api: Awaited<ReturnType<typeof startSlackApi>>;
let hook: RecordingServer;
beforeAll(async () => {
  api = await startSlackApi();
  hook = await startRecordingServer();
});
afterAll(async () => {
  await api?.close();
  await hook?.close();
});
beforeEach(() => api.clear());

/** Every document of every collection, serialized: what someone reading the database sees. */
async function dumpDatabase(conn: Connection): Promise<string> {
  const db = conn.db!;
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) parts.push(JSON.stringify(await db.collection(name).find().toArray()));
  return parts.join('\n');
}

async function command(url: string, team: string, command: string, text: string) {
  const hookUrl = api.hook(`cmd/${randomBytes(4).toString('hex')}`);
  expect((await postSigned(`${url}/slack/events`, slashCommandBody({ team_id: team, channel_id: 'CSEC0001', user_id: 'U_ADMIN', command, text, response_url: hookUrl }))).status).toBe(200);
  return ((await api.waitFor((r) => r.path === new URL(hookUrl).pathname, 8000)).body as { text: string }).text;
}

/** The annex link's HMAC proves which key signs links. */
const signedWith = (url: string, key: string) => {
  const [payload, mac] = new URL(url).searchParams.get('token')!.split('.');
  return createHmac('sha256', key).update(payload!).digest('base64url') === mac;
};
const annexUrl = (s: Service) => s.bot.annexLinks!.urlFor({ tenantId: 'T1', query: 'week', locale: 'en', asOf: new Date() })!;

describe('what the database holds', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ ...oauthEnv(api), DATA_KEYS, WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'http://127.0.0.1:9', DEFAULT_LOCALE: 'en', DEFAULT_TIMEZONE: 'UTC' });
  });
  afterAll(() => svc?.stop());

  it('no token, webhook secret or link key appears in clear in any document, and each still works', async () => {
    await installWorkspace(svc.url, api, accessResponse({ team: 'TSEC', token: BOT, userToken: USER }));
    const answer = await command(svc.url, 'TSEC', '/report', `schedule daily 08:00 webhook <${hook.url}/in> yesterday`);
    const secret = /\(shown once\): ([a-f0-9]{48})/.exec(answer)![1]!;
    const id = /Id ([a-f0-9]{24})/.exec(answer)![1]!;

    const raw = svc.db.connection.db!;
    const install = (await raw.collection('installations').findOne({ tenantId: 'TSEC', platform: 'slack' }))!;
    const schedule = (await raw.collection('report_schedules').findOne({ _id: new mongoose.Types.ObjectId(id) }))!;
    const linkDoc = (await raw.collection('installations').findOne({ tenantId: '_service', key: 'link-secret' }))!;
    expect(install['data'].bot.token).toMatch(/^enc:v1:k1:/);
    expect(install['data'].user.token).toMatch(/^enc:v1:k1:/);
    expect(schedule['webhook'].secret).toMatch(/^enc:v1:k1:/);
    expect(linkDoc['data'].secret).toMatch(/^enc:v1:k1:/);
    const linkKey = ring.open(linkDoc['data'].secret, LINK_SECRET_PURPOSE);

    const dump = await dumpDatabase(svc.db.connection);
    for (const needle of ['xoxb-', 'xoxp-', BOT, USER, BOT.slice(5), secret, linkKey]) expect(dump, needle.slice(0, 6)).not.toContain(needle);

    // and the service still uses every one of them
    await command(svc.url, 'TSEC', '/kpi', 'help');
    expect(api.calls('/api/users.info')[0]!.headers['authorization']).toBe(`Bearer ${BOT}`);
    expect((await svc.service.deps.schedules.get('TSEC', id))!.webhook).toEqual({ url: `${hook.url}/in`, secret });
    expect(signedWith(annexUrl(svc.service), linkKey)).toBe(true);
  });
});

describe('clear secrets stored before encryption', () => {
  let db: TestDb;
  let service: Service | undefined;
  /** an installation, a webhook schedule and the link key as an earlier version stored them */
  const insertClear = async (tenantId: string, link: string) => {
    const raw = db.connection.db!;
    const at = new Date();
    const sid = new mongoose.Types.ObjectId();
    await raw.collection('installations').insertOne({ tenantId, platform: 'slack', key: 'team', data: { team: { id: tenantId }, bot: { token: `xoxb-legacy-${tenantId}`, userId: 'UBOTOLD', id: 'BOLD', scopes: ['chat:write'] }, user: { id: 'U_ADMIN', token: `xoxp-legacy-${tenantId}` }, isEnterpriseInstall: false, authVersion: 'v2' }, updatedAt: at });
    await raw.collection('installations').updateOne({ tenantId: '_service', platform: 'service', key: 'link-secret' }, { $set: { data: { secret: link }, updatedAt: at } }, { upsert: true });
    await raw.collection('report_schedules').insertOne({
      _id: sid, tenantId, platform: 'slack', channelId: 'C1', cron: '0 8 * * *', timezone: 'UTC', label: 'daily 08:00', query: 'yesterday', locale: 'en', ownerId: 'U_ADMIN', paused: false,
      webhook: { url: 'https://tools.example.com/in', secret: `legacy-webhook-secret-${tenantId}` }, checkedUntil: at, nextFireAt: new Date(at.getTime() + 86_400_000), createdAt: at,
    });
    return String(sid);
  };
  const stored = async () => JSON.stringify([await db.connection.db!.collection('installations').find().toArray(), await db.connection.db!.collection('report_schedules').find().toArray()]);
  beforeAll(async () => {
    db = await connectTestDb('legacy-secrets');
  });
  afterAll(async () => {
    await service?.stop(1000);
    await db?.drop();
  });

  it('are encrypted in place when the service starts, still read, and left alone by later starts', async () => {
    const sid = await insertClear('TOLD', 'legacy-link-key-0123456789');
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...oauthEnv(api), DATA_KEYS, PUBLIC_URL: 'http://127.0.0.1:9' });
    service = await createService({ config, mongoUri: db.uri, logger: silent, jobs: false });
    const { url } = await service.start(0, '127.0.0.1');
    const dump = await dumpDatabase(db.connection);
    for (const needle of ['xoxb-', 'xoxp-', 'legacy-link-key', 'legacy-webhook-secret']) expect(dump).not.toContain(needle);
    const before = await stored();

    await command(url, 'TOLD', '/kpi', 'help');
    expect(api.calls('/api/users.info')[0]!.headers['authorization']).toBe('Bearer xoxb-legacy-TOLD');
    expect((await service.deps.schedules.get('TOLD', sid))!.webhook!.secret).toBe('legacy-webhook-secret-TOLD');
    expect(signedWith(annexUrl(service), 'legacy-link-key-0123456789')).toBe(true);

    // idempotent: nothing left to do, nothing rewritten
    expect(await sealStoredSecrets(db.connection, ring, silent)).toEqual({ sealed: 0, resealed: 0, unreadable: 0 });
    expect(await stored()).toBe(before);
  });

  it('two instances at once: each secret is encrypted once and both read the same values', async () => {
    const sid = await insertClear('TTWIN', 'legacy-link-key-twin');
    const [a, b] = await Promise.all([sealStoredSecrets(db.connection, ring, silent), sealStoredSecrets(db.connection, ring, silent)]);
    expect(a.sealed + b.sealed).toBe(3); // bot token, user token, webhook secret: each written once
    const model = installationModel(db.connection);
    const links = await Promise.all([loadLinkSecret(model, ring, new Date(), silent), loadLinkSecret(model, ring, new Date(), silent)]);
    expect(links.map((l) => l.secret)).toEqual(['legacy-link-key-twin', 'legacy-link-key-twin']);
    expect(await dumpDatabase(db.connection)).not.toMatch(/xoxb-|xoxp-|legacy-link-key|legacy-webhook-secret/);
    const install = (await db.connection.db!.collection('installations').findOne({ tenantId: 'TTWIN' }))!;
    expect(ring.open(install['data'].bot.token, 'slack-installation/TTWIN/team/bot.token')).toBe('xoxb-legacy-TTWIN');
    expect((await service!.deps.schedules.get('TTWIN', sid))!.webhook!.secret).toBe('legacy-webhook-secret-TTWIN');
  });
});

describe('production without DATA_KEYS', () => {
  it('exits 1 with one line naming the variable', async () => {
    const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    const env = { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', MONGODB_URI: 'mongodb://127.0.0.1:9/csops' };
    const child = spawn(process.execPath, ['--import', 'tsx', main], { env, cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration: DATA_KEYS is required in production/)]);
  }, 60_000);
});
