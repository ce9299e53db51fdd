/**
 * The console (platform 'console'): the `cs-ops` CLI run in-process with `--json`, which prints
 * the neutral BotReply. It answers commands but has no buttons to press and cannot post on its
 * own: scenarios that need either assert the refusal it gives.
 */
import { runCli } from '../../../src/cli/ops.js';
import type { Service } from '../../../src/service.js';
import type { BotReply } from '../../../src/core/chat/types.js';
import { KEYS, startTestService, type TestService } from '../../support/service.js';
import { fromBotReply } from '../normalise.js';
import type { ChatDriver, Person } from './driver.js';

const TENANT = 'TA';
const CHANNEL = 'C_OPS';
const USERS: Record<Person, string> = { sup: 'U_SUP', customer: 'UCUST01', other: 'U_OTHER' };

export function consoleDriver(): ChatDriver {
  let svc: TestService;
  let clock: () => Date = () => new Date('2026-11-26T12:00:00Z'); // replaced by start()
  const refuse = (what: string) => Promise.reject(new Error(`the console cannot ${what} (see its capabilities)`));

  return {
    name: 'console',
    caps: { click: false, proactive: false, findsLostPost: false, annex: null },
    tenant: TENANT,
    apiKey: KEYS.a,
    conversation: CHANNEL,
    async start(now) {
      clock = now;
      // the service is for the REST API (seeding, KPIs); the CLI opens the database itself
      svc = await startTestService({}, now);
    },
    async stop() {
      await svc?.stop();
    },
    api: (path, init = {}) => svc.api(path, { ...init, key: KEYS.a }),
    async command(text, o = {}) {
      const as = o.as ?? 'sup';
      const argv = [
        ...text.replace('{customer}', `<@${USERS.customer}>`).split(' '),
        ...['--tenant', TENANT, '--user', USERS[as], '--channel', o.conversation ?? CHANNEL, '--lang', o.locale ?? 'en', '--json'],
        ...(as === 'sup' ? ['--supervisor'] : []),
      ];
      const out = { stdout: '', stderr: '' };
      const code = await runCli(argv, {
        stdout: { write: (s: string) => (out.stdout += s) },
        stderr: { write: (s: string) => (out.stderr += s) },
        env: { NODE_ENV: 'test', MONGODB_URI: svc.db.uri },
        now: clock,
      });
      if (code === 2) throw new Error(`cs-ops ${argv.join(' ')}: ${out.stderr}`);
      return { ...fromBotReply(JSON.parse(out.stdout) as BotReply, { conversation: o.conversation ?? CHANNEL }), raw: { code, stderr: out.stderr } };
    },
    click: () => refuse('press a button'),
    recorded: () => [],
    clear: () => undefined,
    personId: (p) => USERS[p],
    loseNextAnswer: () => undefined,
    annexCsv: () => refuse('post a report'),
    service: (): Service => svc.service,
  };
}
