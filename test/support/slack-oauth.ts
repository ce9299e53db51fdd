/** Multi-workspace Slack in tests: the OAuth environment, Slack's oauth.v2.access answer, an install. */
import { expect } from 'vitest';
import { SIGNING_SECRET, type startSlackApi } from './slack.js';

type SlackApi = Awaited<ReturnType<typeof startSlackApi>>;

export const oauthEnv = (api: SlackApi) => ({
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789',
  SLACK_API_URL: api.apiUrl,
  SUPERVISOR_IDS: 'U_ADMIN,W_ADMIN',
});

/** oauth.v2.access as Slack answers it (docs example shape); `userToken` when user scopes were granted */
export const accessResponse = (o: { team?: string; enterprise?: string; org?: boolean; token: string; userToken?: string }) => ({
  ok: true,
  access_token: o.token,
  token_type: 'bot',
  scope: 'commands,chat:write,users:read',
  bot_user_id: 'UBOTNEW',
  app_id: 'A0KRD7HC3',
  team: o.team ? { name: 'Softball Team', id: o.team } : null,
  enterprise: o.enterprise ? { name: 'Sports Org', id: o.enterprise } : null,
  authed_user: { id: 'U_ADMIN', scope: o.userToken ? 'search:read' : '', token_type: 'user', ...(o.userToken ? { access_token: o.userToken } : {}) },
  is_enterprise_install: Boolean(o.org),
});

/** /slack/install → Slack's consent screen (we stop there) → back to /slack/oauth_redirect. */
export async function installWorkspace(serviceUrl: string, api: SlackApi, access: ReturnType<typeof accessResponse>) {
  api.on('/api/oauth.v2.access', { body: access });
  const start = await fetch(`${serviceUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const state = consent.searchParams.get('state')!;
  const done = await fetch(`${serviceUrl}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
  expect(done.status).toBe(200);
  return done;
}
