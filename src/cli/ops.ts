/**
 * cs-ops: runs one bot command (the same handler as Slack and Teams) and prints the reply as
 * plain text or JSON. Kept apart from main.ts so tests can run it in-process.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/index.js';
import { handleBotEvent } from '../core/bot/handle-event.js';
import type { BotReply } from '../core/chat/types.js';
import { LOCALES } from '../core/i18n/index.js';
import { cardToText, noticeToText } from '../adapters/text/render.js';
import { CONSOLE_PLATFORM } from '../adapters/text/profile.js';
import { createLogger } from '../infra/observability/logger.js';
import { createService } from '../service.js';
import { resolveMongoUri } from './mongo-uri.js';
import { runKeysCli } from './keys.js';
import { ROTATE_DATA_USAGE } from './data-keys.js';
import { CONSOLE_TENANTS } from '../adapters/console/users.js';

export interface CliIo {
  stdout: { write(s: string): unknown; columns?: number; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  /** the clock (tests pin it) */
  now?: () => Date;
}

export const USAGE = `Usage: cs-ops <command> [words…] [options]

Runs a bot command as Slack and Teams would and prints the reply.
Commands: kpi, survey, meeting, actions, report, help (cs-ops help lists them with examples)
  cs-ops kpi week --tenant T0DEMO001
  cs-ops survey results week --tenant T0DEMO001 --lang en
  cs-ops report preview last week --tenant T0DEMO001
API keys: cs-ops keys create|list|revoke (cs-ops keys --help)
Maintenance: ${ROTATE_DATA_USAGE}

Options:
  --tenant <id>     tenant (default T0DEMO001, the console's Slack workspace)
  --user <id>       who asks (default cli)
  --channel <id>    conversation (default cli)
  --lang <locale>   pt-BR or en (default: the tenant's locale)
  --supervisor      act as a supervisor (else only when the service lists --user as one)
  --json            print the raw reply as JSON
  --show-actions    print each button's action id and value
  --help            this text

Environment: MONGODB_URI (else the local database is started), LOG_LEVEL (default silent).
Exit status: 0 done, 1 the bot answered with an error, 2 bad arguments.
`;

const COMMANDS = ['kpi', 'survey', 'meeting', 'actions', 'report', 'help'] as const;
// Slack user ids, Teams "29:…" ids, AAD GUIDs, emails: no spaces, nothing a shell would mangle
const id = (what: string) => z.string().regex(/^[\w.:@-]{1,128}$/, `--${what} must be 1-128 letters, digits or . : @ _ -`);

const argsSchema = z.object({
  command: z.enum(COMMANDS),
  text: z.string().max(2000, 'the command text is too long (2000 characters at most)'),
  tenant: id('tenant'),
  user: id('user'),
  channel: id('channel'),
  lang: z.enum(LOCALES, { message: '--lang must be pt-BR or en' }).optional(),
  supervisor: z.boolean(),
  json: z.boolean(),
  showActions: z.boolean(),
  help: z.boolean(),
});
export type CliArgs = z.infer<typeof argsSchema>;

export class UsageError extends Error {}

/** argv (without node and the script) → validated arguments; a UsageError says what is wrong. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tenant: { type: 'string', default: CONSOLE_TENANTS.slack },
        user: { type: 'string', default: 'cli' },
        channel: { type: 'string', default: 'cli' },
        lang: { type: 'string' },
        supervisor: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'show-actions': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    // node's messages run on with hints about "--"; the first sentence is the useful part
    const first = (e as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1));
  }
  const { values, positionals } = parsed;
  const [first = 'help', ...words] = positionals;
  const result = argsSchema.safeParse({
    ...values,
    showActions: values['show-actions'],
    command: first.replace(/^\//, '').toLowerCase(),
    text: words.join(' '),
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    if (issue.path[0] === 'command') throw new UsageError(`unknown command "${first}"; use one of ${COMMANDS.join(', ')}`);
    throw new UsageError(issue.path[0] === 'lang' ? `${issue.message} (got "${values.lang}")` : issue.message);
  }
  return result.data;
}

/** The reply as the terminal shows it; errors are notices with tone 'bad'. */
export function replyToText(reply: BotReply, opts: { width?: number; showActions?: boolean } = {}): string {
  return reply.kind === 'notice' ? noticeToText(reply.notice, opts) : cardToText(reply.card, opts);
}

const isError = (reply: BotReply) => reply.kind === 'notice' && reply.notice.tone === 'bad';

/** Runs the CLI; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'keys') return runKeysCli(argv.slice(1), io);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`cs-ops: ${e.message} (see cs-ops --help)\n`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  let config;
  try {
    // a terminal wants the answer, not the service's JSON logs
    config = loadConfig({ ...io.env, LOG_LEVEL: io.env['LOG_LEVEL'] || 'silent' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`cs-ops: ${e.message}\n`);
    return 1;
  }
  // logs go to stderr so that --json output stays parseable
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const now = io.now ?? (() => new Date());
  // API_KEYS is the running service's business, not this terminal's
  const service = await createService({ config, mongoUri: await resolveMongoUri(config), logger, jobs: false, now, syncApiKeys: false });
  try {
    service.deps.platforms.console = CONSOLE_PLATFORM;
    const tenant = await service.bot.tenants.get(args.tenant);
    const ctx = {
      platform: 'console' as const,
      chat: CONSOLE_PLATFORM,
      tenantId: args.tenant,
      userId: args.user,
      channelId: args.channel,
      locale: args.lang ?? tenant.locale,
      isSupervisor: args.supervisor || (await service.isSupervisor(args.tenant, args.user)),
      now: now(),
    };
    const reply = await handleBotEvent(service.bot, ctx, { kind: 'command', command: args.command, text: args.text });
    if (args.json) io.stdout.write(`${JSON.stringify(reply, null, 2)}\n`);
    else {
      const width = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 120) : 80;
      (isError(reply) ? io.stderr : io.stdout).write(replyToText(reply, { width, showActions: args.showActions }));
    }
    return isError(reply) ? 1 : 0;
  } finally {
    await service.stop();
  }
}
