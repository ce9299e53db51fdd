/**
 * Teams: the real Teams SDK app on /api/messages with activities of Teams' shapes (messages,
 * adaptiveCard/action invokes); replies and proactive posts go to the activity's serviceUrl, a
 * recording server standing in for the Bot Connector.
 */
import type { Service } from '../../../src/service.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../../support/recording-server.js';
import { GUID_TENANTS, KEYS, startTestService, type TestService } from '../../support/service.js';
import { fromActivity, fromAdaptive, type ChatMsg } from '../normalise.js';
import type { ChatDriver, Person } from './driver.js';

const TENANT = GUID_TENANTS.a;
const CONV = '19:ops@thread.tacv2';
const BOT = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'CS Ops Bot' };
const PUBLIC_URL = 'https://bot.example.com';
const PEOPLE: Record<Person, { id: string; aadObjectId: string; name: string }> = {
  sup: { id: '29:sup', aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8', name: 'Megan Bowen' },
  customer: { id: '29:cust', aadObjectId: 'b1f4e2c0-1111-4c3a-9f00-000000000001', name: 'Ana Souza' },
  other: { id: '29:other', aadObjectId: 'b1f4e2c0-1111-4c3a-9f00-000000000002', name: 'Olav Berg' },
};
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export function teamsDriver(): ChatDriver {
  let connector: RecordingServer;
  let svc: TestService;
  let clock: () => Date = () => new Date('2026-11-26T12:00:00Z'); // replaced by start()
  let sent = 0;
  const ids = new WeakMap<RecordedRequest, string>();
  const lost = new Set<string>();
  let lastInvoke: unknown;

  const activity = (over: Record<string, unknown>, conversation = CONV, as: Person = 'sup') => ({
    id: `a${Math.random().toString(36).slice(2)}`,
    timestamp: clock().toISOString(),
    serviceUrl: `${connector.url}/`,
    channelId: 'msteams',
    from: PEOPLE[as],
    conversation: { conversationType: conversation.startsWith('a:') ? 'personal' : 'channel', id: conversation, tenantId: TENANT },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    ...over,
  });
  const post = (body: unknown) => fetch(`${svc.url}/api/messages`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const target = (r: RecordedRequest) => {
    const m = ACTIVITIES.exec(decodeURIComponent(r.path));
    return m ? { conversation: m[1]!, activity: m[2] } : null;
  };
  // the SDK's reply in the turn names its sender and conversation; proactive posts carry the card only
  const isReply = (r: RecordedRequest) => r.method === 'POST' && typeof r.body === 'object' && r.body !== null && 'from' in r.body;
  const recordedOf = (r: RecordedRequest): ChatMsg[] => {
    const to = target(r);
    if (!to || (r.method !== 'POST' && r.method !== 'PUT')) return [];
    const kind = r.method === 'PUT' ? 'update' : isReply(r) ? 'answer' : 'post';
    const id = r.method === 'PUT' ? to.activity : ids.get(r);
    return [{ ...fromActivity(kind, r.body, { conversation: to.conversation, ...(id ? { id } : {}) }), raw: r.body }];
  };

  return {
    name: 'teams',
    // a Bot Connector post cannot be looked for: an unknown outcome is posted again later
    caps: { click: true, proactive: true, findsLostPost: false, annex: 'link' },
    tenant: TENANT,
    apiKey: KEYS.ga,
    conversation: CONV,
    async start(now) {
      clock = now;
      connector = await startRecordingServer();
      connector.on(/^\/v3\/conversations$/, { body: { id: 'a:1on1-new' } });
      connector.on(/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/, (req) => {
        const to = target(req)!;
        const id = req.method === 'PUT' ? to.activity! : `msg-${++sent}`;
        ids.set(req, id);
        // it went through, but the Bot Connector's answer says otherwise
        if (req.method === 'POST' && lost.delete(to.conversation)) return { status: 500, body: {} };
        return { status: req.method === 'POST' ? 201 : 200, body: { id } };
      });
      svc = await startTestService({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', SUPERVISOR_IDS: PEOPLE.sup.aadObjectId, PUBLIC_URL }, now);
      // the bot was added to the ops channel: its conversation reference is stored
      const res = await post(activity({ type: 'conversationUpdate', membersAdded: [BOT] }));
      if (res.status >= 300) throw new Error(`conversationUpdate: HTTP ${res.status}`);
    },
    async stop() {
      await svc?.stop();
      await connector?.close();
    },
    api: (path, init = {}) => svc.api(path, { ...init, key: KEYS.ga }),
    async command(text, o = {}) {
      const conversation = o.conversation ?? CONV;
      const mentionsCustomer = text.includes('{customer}');
      const entities = [
        { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT },
        ...(mentionsCustomer ? [{ type: 'mention', text: `<at>${PEOPLE.customer.name}</at>`, mentioned: { id: PEOPLE.customer.id, name: PEOPLE.customer.name } }] : []),
      ];
      const message = activity({ type: 'message', text: `<at>${BOT.name}</at> ${text.replace('{customer}', `<at>${PEOPLE.customer.name}</at>`)}`, entities, locale: o.locale === 'pt-BR' ? 'pt-BR' : 'en-US' }, conversation, o.as);
      const before = connector.requests.length;
      const res = await post(message);
      if (res.status >= 300) throw new Error(`"${text}": HTTP ${res.status}`);
      // the answer: the turn's reply to this conversation
      const answer = await connector.waitFor((r) => connector.requests.indexOf(r) >= before && isReply(r) && target(r)?.conversation === conversation, 10_000);
      return { ...fromActivity('answer', answer.body, { conversation, id: ids.get(answer) ?? '' }), raw: answer.body };
    },
    async click(on, action, o = {}) {
      const conversation = on.conversation ?? CONV;
      const invoke = o.retry && lastInvoke
        ? lastInvoke
        : activity({ type: 'invoke', name: 'adaptiveCard/action', ...(on.id ? { replyToId: on.id } : {}), locale: o.locale === 'pt-BR' ? 'pt-BR' : 'en-US', value: { action: { type: 'Action.Execute', verb: action.id, data: { value: o.value ?? action.value } }, trigger: 'manual' } }, conversation, o.as);
      lastInvoke = invoke;
      const res = await post(invoke);
      if (res.status !== 200) throw new Error(`invoke ${action.id}: HTTP ${res.status}`);
      const body = (await res.json()) as { type: string; value: unknown };
      if (body.type === 'application/vnd.microsoft.card.adaptive') return { ...fromAdaptive('update', body.value as { body?: unknown }, { conversation, ...(on.id ? { id: on.id } : {}) }), raw: body.value };
      const lines = [String(body.value)];
      return { kind: 'ephemeral', conversation, title: lines[0]!, lines, actions: [], raw: body };
    },
    recorded: () => connector.requests.flatMap(recordedOf),
    clear: () => connector.clear(),
    personId: (p) => PEOPLE[p].aadObjectId,
    loseNextAnswer: (conversation) => void lost.add(conversation),
    async annexCsv(post) {
      const link = post.actions.find((a) => a.url?.startsWith(`${PUBLIC_URL}/files/`));
      if (!link) throw new Error(`no signed annex link in ${JSON.stringify(post.actions)}`);
      const res = await fetch(link.url!.replace(PUBLIC_URL, svc.url));
      if (res.status !== 200) throw new Error(`annex link: HTTP ${res.status}`);
      return res.text();
    },
    service: (): Service => svc.service,
  };
}
