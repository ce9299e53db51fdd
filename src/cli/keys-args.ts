/** `cs-ops keys …` arguments: parsed with node's parseArgs, validated with zod. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES } from '../core/domain/api-key.js';

export const KEYS_USAGE = `Usage: cs-ops keys <create|list|revoke> [options]

Manages the REST API keys of a tenant (stored as SHA-256 hashes; a key is shown only when made).
  cs-ops keys create --tenant T0123 [--name crm] [--scopes ingest,read,admin]
  cs-ops keys list --tenant T0123
  cs-ops keys revoke <id>
  cs-ops keys rotate-data           re-encrypts every stored secret under the first key of DATA_KEYS

Options:
  --tenant <id>       the tenant the key is for (create, list)
  --name <text>       a label for people, e.g. the tool that uses it (create)
  --scopes <list>     comma-separated among ${API_KEY_SCOPES.join(', ')} (default ${DEFAULT_API_KEY_SCOPES.join(',')}):
                      ingest pushes interactions and survey answers, read reads KPIs and
                      settings, admin sends surveys, changes settings and erases customers
  --json              print JSON
  --help              this text

A revoked key is refused by every instance within 60 s.
Exit status: 0 done, 1 failed (unknown id, database), 2 bad arguments.
`;

const tenant = z.string({ message: '--tenant is required' }).regex(/^[\w.:@-]{1,128}$/, '--tenant must be 1-128 letters, digits or . : @ _ -');
const scopes = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.enum(API_KEY_SCOPES, { message: `--scopes takes ${API_KEY_SCOPES.join(', ')} (comma-separated)` })).min(1, '--scopes needs at least one scope'))
  .transform((list) => API_KEY_SCOPES.filter((s) => list.includes(s)));
const flags = { json: z.boolean(), help: z.literal(false) };

const keysArgs = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('create'),
    tenant,
    name: z.string().trim().regex(/^[\p{L}\p{N} ._:@/-]{1,60}$/u, '--name must be 1-60 letters, digits, spaces or . _ : @ / -').optional(),
    scopes: scopes.default(() => [...DEFAULT_API_KEY_SCOPES]),
    ...flags,
  }),
  z.strictObject({ action: z.literal('list'), tenant, ...flags }),
  z.strictObject({ action: z.literal('revoke'), id: z.string({ message: 'keys revoke needs the key id (see cs-ops keys list)' }).regex(/^[0-9a-f]{16}$/, 'a key id is 16 hexadecimal digits (see cs-ops keys list)'), ...flags }),
]);
export type KeysArgs = z.infer<typeof keysArgs> | { action: 'help' };

export class KeysUsageError extends Error {}

const ACTIONS = ['create', 'list', 'revoke'];

/** argv after `keys` → validated arguments; a KeysUsageError says what is wrong in one line. */
export function parseKeysArgs(argv: string[]): KeysArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { tenant: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (e) {
    const first = (e as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new KeysUsageError(first.charAt(0).toLowerCase() + first.slice(1));
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === 'help') return { action: 'help' };
  if (!ACTIONS.includes(action)) throw new KeysUsageError(`unknown keys action "${action}"; use one of ${ACTIONS.join(', ')}`);
  if (rest.length > (action === 'revoke' ? 1 : 0)) throw new KeysUsageError(`unexpected argument "${rest.at(-1)}"`);
  const input = { action, ...values, ...(action === 'revoke' && rest[0] !== undefined ? { id: rest[0] } : {}) };
  const result = keysArgs.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') throw new KeysUsageError(`--${issue.keys[0]} is not an option of keys ${action}`);
    throw new KeysUsageError(issue.message);
  }
  return result.data;
}
