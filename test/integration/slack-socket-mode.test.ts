/**
 * Socket Mode (SLACK_APP_TOKEN): the real Bolt app opens its connection through
 * apps.connections.open, receives envelopes over a WebSocket, acknowledges them on the socket
 * at once and answers through response_url; /slack/events says HTTP is not used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { startTestService, type TestService } from '../support/service.js';
import { startSlackApi } from '../support/slack.js';
import { startSocketModeServer, type SocketModeServer } from '../support/slack-socket.js';

const NOW = new Date('2026-11-25T15:00:00Z');
let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
let socket: SocketModeServer;

beforeAll(async () => {
  api = await startSlackApi();
  socket = await startSocketModeServer();
  api.on('/api/apps.connections.open', { body: { ok: true, url: socket.url } });
  svc = await startTestService({ SLACK_APP_TOKEN: 'xapp-1-A111-test', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'U_SUP' }, () => NOW);
  await socket.connected;
});
afterAll(async () => {
  await svc?.stop();
  await socket?.close();
  await api?.close();
});

describe('Socket Mode', () => {
  it('connects with the app-level token', () => {
    const open = api.calls('/api/apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.headers['authorization']).toBe('Bearer xapp-1-A111-test');
  });

  it('acknowledges a slash command on the socket and answers through response_url', async () => {
    const hook = api.hook('socket-cmd');
    const sent = Date.now();
    socket.send({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'verification-token',
        team_id: 'TA',
        team_domain: 'testteam',
        channel_id: 'C_OPS',
        channel_name: 'cs-ops',
        user_id: 'U_SUP',
        user_name: 'sup',
        command: '/kpi',
        text: 'help',
        api_app_id: 'A111',
        is_enterprise_install: 'false',
        response_url: hook,
        trigger_id: '1.2.3',
      },
    });
    const ack = await socket.waitForAck('env-1');
    expect(ack.at - sent).toBeLessThan(3000);
    const answer = (await api.waitFor((r) => r.path === new URL(hook).pathname)).body as { response_type: string; text: string };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe(t('en', 'help.title'));
  });

  it('says on /slack/events that HTTP delivery is not used', async () => {
    const res = await fetch(`${svc.url}/slack/events`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slack_socket_mode');
  });
});
