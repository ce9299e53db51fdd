/**
 * Slack: the real Bolt app over HTTP on loopback. Slash commands and button clicks are signed
 * requests of Slack's shapes; the Web API and every response_url are a recording server.
 */
import type { Service } from '../../../src/service.js';
import type { RecordedRequest } from '../../support/recording-server.js';
import { KEYS, startTestService, type TestService } from '../../support/service.js';
import { keepSlackHistory, type SlackHistory } from '../../support/slack-history.js';
import { blockActionsPayload, interactivityBody, postSigned, SIGNING_SECRET, slashCommandBody, startSlackApi, webApiArgs } from '../../support/slack.js';
import { fromBlockKit, type ChatMsg } from '../normalise.js';
import type { ChatDriver, Person } from './driver.js';

const TEAM = 'TA';
const CHANNEL = 'C_OPS';
const USERS: Record<Person, { en: string; 'pt-BR': string }> = {
  sup: { en: 'U_SUP', 'pt-BR': 'U_SUP_PT' },
  customer: { en: 'UCUST01', 'pt-BR': 'UCUST01' },
  other: { en: 'U_OTHER', 'pt-BR': 'U_OTHER_PT' },
};

type SlackBody = { response_type?: string; replace_original?: boolean; text?: string; blocks?: unknown[] };

export function slackDriver(): ChatDriver {
  let api: Awaited<ReturnType<typeof startSlackApi>>;
  let history: SlackHistory;
  let svc: TestService;
  let events = '';
  let hooks = 0;
  let lastClick: { body: string; path: string } | undefined;

  /** the `n`-th answer (1-based) posted to a response_url */
  const answerAt = async (path: string, n = 1): Promise<SlackBody> => {
    const deadline = performance.now() + 8000;
    while (api.calls(path).length < n) {
      if (performance.now() > deadline) throw new Error(`no answer ${n} at ${path}; got ${api.requests.map((r) => r.path).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return api.calls(path)[n - 1]!.body as SlackBody;
  };
  const kindOf = (b: SlackBody) => (b.replace_original ? 'update' : b.response_type === 'in_channel' ? 'answer' : 'ephemeral');

  const recordedOf = (r: RecordedRequest): ChatMsg[] => {
    const args = webApiArgs(r);
    if (r.path === '/api/chat.postMessage') {
      const posted = history.postOf(r);
      return [{ ...fromBlockKit('post', args, { conversation: posted?.channel ?? String(args['channel']), ...(posted ? { id: posted.ts } : {}) }), raw: args }];
    }
    if (r.path === '/api/chat.update') return [{ ...fromBlockKit('update', args, { conversation: String(args['channel']), id: String(args['ts']) }), raw: args }];
    if (r.path === '/api/files.completeUploadExternal') {
      const files = (args['files'] ?? []) as { id: string; title?: string }[];
      return [{ kind: 'file', conversation: String(args['channel_id']), id: String(args['thread_ts'] ?? ''), title: files[0]?.title ?? '', lines: files.map((f) => f.title ?? f.id), actions: [], raw: args }];
    }
    return [];
  };

  return {
    name: 'slack',
    caps: { click: true, proactive: true, findsLostPost: true, annex: 'file' },
    tenant: TEAM,
    apiKey: KEYS.a,
    conversation: CHANNEL,
    async start(now) {
      api = await startSlackApi({ locales: { U_SUP_PT: 'pt-BR', U_OTHER_PT: 'pt-BR' } });
      history = keepSlackHistory(api, now);
      // Web API calls time out after 2 s here (10 s by default), so a lost answer is quick
      svc = await startTestService({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, SLACK_API_TIMEOUT_MS: '2000', SUPERVISOR_IDS: 'U_SUP,U_SUP_PT' }, now);
      events = `${svc.url}/slack/events`;
    },
    async stop() {
      await svc?.stop();
      await api?.close();
    },
    api: (path, init = {}) => svc.api(path, { ...init, key: KEYS.a }),
    async command(text, o = {}) {
      const [name = '', ...words] = text.split(' ');
      const hook = api.hook(`commands/${++hooks}`);
      const body = slashCommandBody({ team_id: TEAM, channel_id: o.conversation ?? CHANNEL, user_id: USERS[o.as ?? 'sup'][o.locale ?? 'en'], command: `/${name}`, text: words.join(' ').replace('{customer}', '<@UCUST01|ana>'), response_url: hook });
      const res = await postSigned(events, body);
      if (res.status !== 200) throw new Error(`/${name}: HTTP ${res.status} ${res.text}`);
      const answer = await answerAt(new URL(hook).pathname);
      return { ...fromBlockKit(kindOf(answer), answer, { conversation: o.conversation ?? CHANNEL }), raw: answer };
    },
    async click(on, action, o = {}) {
      let click = lastClick;
      if (!o.retry || !click) {
        const hook = api.hook(`actions/${++hooks}`);
        const blocks = ((on.raw ?? {}) as { blocks?: unknown[] }).blocks ?? [];
        const payload = blockActionsPayload({
          team: TEAM,
          user: USERS[o.as ?? 'sup'][o.locale ?? 'en'],
          channel: on.conversation ?? CHANNEL,
          message: { ts: on.id ?? '1764082800.000100', text: on.title, blocks },
          // Slack sends back the rendered action_id (`id:index`); the index is not read
          action: { action_id: `${action.id}:0`, text: action.label, value: o.value ?? action.value },
          response_url: hook,
        });
        click = lastClick = { body: interactivityBody(payload), path: new URL(hook).pathname };
      }
      const before = api.calls(click.path).length;
      const res = await postSigned(events, click.body, o.retry ? { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } } : {});
      if (res.status !== 200) throw new Error(`click ${action.id}: HTTP ${res.status} ${res.text}`);
      const answer = await answerAt(click.path, before + 1);
      const kind = kindOf(answer);
      return { ...fromBlockKit(kind, answer, { ...(on.conversation ? { conversation: on.conversation } : {}), ...(kind === 'update' && on.id ? { id: on.id } : {}) }), raw: answer };
    },
    recorded: () => api.requests.flatMap(recordedOf),
    clear: () => api.clear(),
    personId: (p) => USERS[p].en,
    loseNextAnswer: (conversation) => history.loseNextAnswer(conversation),
    async annexCsv(post) {
      await api.waitFor((r) => r.path === '/api/files.completeUploadExternal' && webApiArgs(r)['thread_ts'] === post.id, 8000);
      const upload = api.requests.find((r) => r.path.startsWith('/upload/'));
      if (!upload) throw new Error('no file bytes were uploaded');
      // the bytes arrive as one multipart/form-data part: its content lies between headers and boundary
      const boundary = /boundary=(\S+)/.exec(upload.headers['content-type'] ?? '')?.[1];
      if (!boundary) return upload.raw;
      const part = upload.raw.split(`--${boundary}`)[1] ?? '';
      return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
    },
    service: (): Service => svc.service,
  };
}
