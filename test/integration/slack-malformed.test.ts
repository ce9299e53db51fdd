/**
 * Correctly signed Slack payloads whose fields have other types than Slack sends: Bolt alone
 * answered some with a 500 and some with a 404 after 3 s. Each is now a clear 400 at once (or an
 * immediate acknowledgement when it is Slack-shaped and nobody listens), and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { blockActionsPayload, eventEnvelope, interactivityBody, postSigned, SIGNING_SECRET, startSlackApi } from '../support/slack.js';
import type { Service } from '../../src/service.js';

let svc: TestService;
let api: Awaited<ReturnType<typeof startSlackApi>>;
beforeAll(async () => {
  api = await startSlackApi();
  svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SUPERVISOR_IDS: 'UMAL0001' });
});
afterAll(async () => {
  await svc?.stop();
  await api?.close();
});

const WRONG: unknown[] = [7, null, [], {}, 'x', true, [1, 2]];
type Json = Record<string, unknown>;
/** The payload with one field (to three levels down) replaced by a value of another type. */
function* mutations(obj: unknown, depth = 0): Generator<[string, unknown]> {
  if (!obj || typeof obj !== 'object') return;
  for (const [k, v] of Object.entries(obj)) {
    const set = (value: unknown) => (Array.isArray(obj) ? Object.assign([...obj], { [k]: value }) : { ...(obj as Json), [k]: value });
    for (const w of WRONG) yield [`${k}=${JSON.stringify(w)}`, set(w)];
    if (depth < 2) for (const [p, m] of mutations(v, depth + 1)) yield [`${k}.${p}`, set(m)];
  }
}

const click = () => blockActionsPayload({ team: 'TA', user: 'UMAL0001', channel: 'CMAL', message: { ts: '1.1', text: 'x', blocks: [] }, action: { action_id: 'kpi.show:0', value: '{"p":"week"}', text: 'x' }, response_url: api.hook('mal') });
const submission = () => ({ type: 'view_submission', team: { id: 'TA', domain: 'testteam' }, user: { id: 'UMAL0001', team_id: 'TA' }, api_app_id: 'A111', token: 'verification-token', trigger_id: '1.2.3', view: { id: 'VMAL', type: 'modal', team_id: 'TA', callback_id: 'form.submit', private_metadata: '{"a":{"id":"survey.comment","value":"{}"},"c":"CMAL","m":"1.1"}', state: { values: { 'in:comment': { comment: { type: 'plain_text_input', value: 'ok' } } } } } });
const mention = () => JSON.parse(eventEnvelope({ type: 'app_mention', user: 'UMAL0001', text: '<@UBOT> kpi', channel: 'CMAL', ts: '1.2' }, { team: 'TA' })) as Json;
const events = (body: unknown, lang = 'en') => postSigned(`${svc.url}/slack/events`, JSON.stringify(body), { contentType: 'application/json', headers: { 'accept-language': lang } });
const interactivity = (payload: unknown, lang = 'en') => postSigned(`${svc.url}/slack/events`, interactivityBody(payload), { headers: { 'accept-language': lang } });
const allDocuments = async (models: Service['models']) => {
  let n = 0;
  for (const m of Object.values(models)) n += await (m as { countDocuments(f: object): Promise<number> }).countDocuments({});
  return n;
};

describe('Slack payloads of the wrong types', () => {
  it('never get a 5xx or a late 404, whichever field (to three levels) has another type', async () => {
    const bad: string[] = [];
    for (const [name, payload, send] of [['click', click(), interactivity], ['form', submission(), interactivity], ['event', mention(), events]] as const) {
      for (const [path, body] of mutations(payload)) {
        const res = await send(body);
        if (res.status >= 500 || res.status === 404) bad.push(`${name} ${path}: ${res.status}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each([
    ['a click without a type Slack knows', (lang: string) => interactivity({ ...click(), type: 7 }, lang), 'en', /not a Slack request the app can read/],
    ['a click whose user is null', (lang: string) => interactivity({ ...click(), user: null }, lang), 'pt-BR', /não é uma requisição do Slack/],
    ['a click whose actions are an object', (lang: string) => interactivity({ ...click(), actions: { id: 5 } }, lang), 'en', /not a Slack request/],
    ['an event that is a number', (lang: string) => events({ ...mention(), event: 7 }, lang), 'pt-BR', /não é uma requisição do Slack/],
    ['an event whose channel is null', (lang: string) => events({ ...mention(), event: { ...(mention()['event'] as Json), channel: null } }, lang), 'en', /not a Slack request/],
  ])('%s: a localized 400 at once, nothing written, nothing sent', async (_name, send, lang, message) => {
    const before = await allDocuments(svc.service.models);
    const sent = api.requests.length;
    const res = await send(lang);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(res.ms).toBeLessThan(2500);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.requests.slice(sent).map((r) => r.path)).toEqual([]);
    expect(await allDocuments(svc.service.models)).toBe(before);
  });

  it('acknowledges at once a Slack-shaped click no listener takes, and does nothing else', async () => {
    const sent = api.requests.length;
    const res = await interactivity({ ...click(), actions: [{ action_id: 'not-ours', type: 'button', value: 'x', block_id: 'b', action_ts: '1.1' }] });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(2500);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.requests.slice(sent).map((r) => r.path)).toEqual([]);
  });
});
