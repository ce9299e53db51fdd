/**
 * Teams with credentials, for real: the SDK fetches its signing keys from a local OpenID
 * endpoint (a custom cloud environment passed to createService) and the test signs Bot Framework
 * tokens with its own RSA key. Only a valid token whose `serviceurl` claim matches the body's is
 * processed; the serviceUrl then stored is the one the token vouched for (any host: the token,
 * not the loopback rule, is the guarantee here).
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';
import { GUID_TENANTS, startTestService, type TestService } from '../support/service.js';

const APP_ID = '3f1c0000-0000-4000-8000-00000000a991';
const ISSUER = 'https://api.botframework.test';
const KID = 'test-key-1';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const TENANT = GUID_TENANTS.a;
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

let svc: TestService;
let openId: RecordingServer;

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** An RS256 JWT as the Bot Framework signs them (header kid → the key in the JWKS). */
function token(claims: Record<string, unknown> = {}, key: KeyObject = signing.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64url({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now, nbf: now - 60, exp: now + 3600, ...claims })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

const activity = (over: Record<string, unknown> = {}) => ({
  type: 'conversationUpdate', id: `a${Math.random().toString(36).slice(2)}`, timestamp: new Date().toISOString(), serviceUrl: SERVICE_URL, channelId: 'msteams',
  from: { id: '29:someone', aadObjectId: '9a9a0000-0000-4000-8000-000000000001' }, recipient: { id: `28:${APP_ID}`, name: 'CS Ops Bot' },
  conversation: { conversationType: 'channel', id: '19:auth@thread.tacv2', tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, membersAdded: [{ id: `28:${APP_ID}` }],
  ...over,
});
const post = (body: unknown, jwt?: string) =>
  fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) } });
const stored = () => svc.service.models.installations.find({ platform: 'teams' }).lean();
const tenantDocs = () => svc.service.models.tenants.countDocuments({});

beforeAll(async () => {
  openId = await startRecordingServer();
  openId.on('/v1/.well-known/keys', { body: { keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] } });
  const cloud = withOverrides(PUBLIC, { openIdMetadataUrl: `${openId.url}/v1/.well-known/openidconfiguration`, tokenIssuer: ISSUER, loginEndpoint: openId.url });
  svc = await startTestService({ TEAMS_CLIENT_ID: APP_ID, TEAMS_CLIENT_SECRET: 'not-a-real-secret' }, undefined, { teamsCloud: cloud });
});
afterAll(async () => {
  await svc?.stop();
  await openId?.close();
});

describe('Teams with Bot Framework tokens', () => {
  it.each([
    ['no token', undefined],
    ['a token signed by another key', () => token({}, stranger.privateKey)],
    ['a token for another bot (audience)', () => token({ aud: '00000000-0000-4000-8000-000000000bad' })],
    ['an expired token (beyond the 5-minute leeway)', () => token({ iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token from another issuer', () => token({ iss: 'https://login.example.com' })],
    ['an unsigned token (alg none)', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) + 3600 })}.`],
  ])('refuses %s with 401 and stores nothing', async (_name, make) => {
    const res = await post(activity(), make?.());
    expect(res.status).toBe(401);
    expect(await stored()).toHaveLength(0);
    expect(await tenantDocs()).toBe(0);
  });

  it('refuses a valid token whose serviceurl is not the body’s: 401, nothing stored', async () => {
    const res = await post(activity({ serviceUrl: 'http://169.254.169.254/latest/' }), token());
    expect(res.status).toBe(401);
    expect(await stored()).toHaveLength(0);
  });

  it('refuses a valid token for an activity naming a Slack-shaped tenant: 403, nothing stored', async () => {
    const res = await post(activity({ conversation: { conversationType: 'channel', id: '19:auth@thread.tacv2', tenantId: 'T0123' }, channelData: { tenant: { id: 'T0123' } } }), token());
    expect(res.status).toBe(403);
    expect(await stored()).toHaveLength(0);
    expect(await tenantDocs()).toBe(0);
  });

  it('processes a valid token: the conversation reference is stored with the vouched serviceUrl', async () => {
    const res = await post(activity(), token());
    expect(res.status).toBe(200);
    expect(await stored()).toMatchObject([{ tenantId: TENANT, key: '19:auth@thread.tacv2', data: { serviceUrl: SERVICE_URL, tenantId: TENANT } }]);
    // the signature was checked against the keys of the test's OpenID endpoint
    expect(openId.calls('/v1/.well-known/keys').length).toBeGreaterThan(0);
  });

  it('answers a card action carrying a valid token (the bot handled it)', async () => {
    const res = await post(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'kpi.show', data: { value: '{"period":"x"}' } } } }), token());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { type: string; value: string };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value.startsWith(t('pt-BR', 'kpi.bad_action'))).toBe(true);
  });
});
