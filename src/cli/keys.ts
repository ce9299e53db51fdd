/**
 * `cs-ops keys create|list|revoke`: API keys straight in the database (no service is started,
 * API_KEYS is not applied). A new key is printed once; lists never show a key or its hash.
 */
import type { ApiKeyInfo } from '../core/domain/api-key.js';
import type { ApiKeyStore } from '../core/ports/tenants.js';
import { ConfigError, loadConfig } from '../config/index.js';
import { connectMongo } from '../infra/mongo/connection.js';
import { migrateApiKeys } from '../infra/mongo/api-keys/migrate.js';
import { createApiKeyRepository } from '../infra/mongo/api-keys/repository.js';
import { apiKeyModel } from '../infra/mongo/api-keys/schema.js';
import { KEYS_USAGE, KeysUsageError, parseKeysArgs, type KeysArgs } from './keys-args.js';
import { resolveMongoUri } from './mongo-uri.js';
import { runRotateData } from './data-keys.js';
import type { CliIo } from './ops.js';

const when = (d?: Date) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '—');

const infoJson = (k: ApiKeyInfo) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null });

/** Aligned columns: id, name, scopes, source, created, last used, revoked. */
export function keysTable(keys: ApiKeyInfo[]): string {
  const rows = [['id', 'name', 'scopes', 'from', 'created', 'last used', 'revoked'], ...keys.map((k) => [k.id, k.name ?? '—', k.scopes.join(','), k.source === 'env' ? 'API_KEYS' : 'cli', when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

type Action = Exclude<KeysArgs, { action: 'help' }>;

async function run(args: Action, keys: ApiKeyStore, io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s);
  if (args.action === 'create') {
    const { info, key } = await keys.create(args.tenant, { ...(args.name ? { name: args.name } : {}), scopes: args.scopes });
    if (args.json) out(`${JSON.stringify({ ...infoJson(info), key }, null, 2)}\n`);
    else out(`API key ${info.id} created for tenant ${info.tenantId}${info.name ? ` (${info.name})` : ''}, scopes ${info.scopes.join(', ')}.\nIt is shown only now: store it where the tool that uses it keeps secrets.\n\n${key}\n`);
    return 0;
  }
  if (args.action === 'list') {
    const list = await keys.list(args.tenant);
    if (args.json) out(`${JSON.stringify(list.map(infoJson), null, 2)}\n`);
    else out(list.length ? keysTable(list) : `No API keys for tenant ${args.tenant}.\n`);
    return 0;
  }
  const revoked = await keys.revoke(args.id);
  if (!revoked) {
    io.stderr.write(`cs-ops: no API key has the id ${args.id} (see cs-ops keys list --tenant <id>)\n`);
    return 1;
  }
  if (args.json) out(`${JSON.stringify(infoJson(revoked), null, 2)}\n`);
  else {
    const fromEnv = revoked.source === 'env' ? ' It came from API_KEYS: remove it there too (it stays revoked even if listed).' : '';
    out(`API key ${revoked.id} of tenant ${revoked.tenantId} revoked (${when(revoked.revokedAt)}); every instance refuses it within 60 s.${fromEnv}\n`);
  }
  return 0;
}

/** Runs `cs-ops keys …` (argv after "keys"); resolves to the exit status. */
export async function runKeysCli(argv: string[], io: CliIo): Promise<number> {
  // the data keys (DATA_KEYS) rather than API keys
  if (argv[0] === 'rotate-data') return runRotateData(argv, io);
  let args: KeysArgs;
  try {
    args = parseKeysArgs(argv);
  } catch (e) {
    if (!(e instanceof KeysUsageError)) throw e;
    io.stderr.write(`cs-ops: ${e.message} (see cs-ops keys --help)\n`);
    return 2;
  }
  if (args.action === 'help') {
    io.stdout.write(KEYS_USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig({ ...io.env, LOG_LEVEL: io.env['LOG_LEVEL'] || 'silent' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`cs-ops: ${e.message}\n`);
    return 1;
  }
  const conn = await connectMongo(await resolveMongoUri(config));
  try {
    const model = apiKeyModel(conn);
    await migrateApiKeys(model);
    // as ensureIndexes: the collection usually exists already
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
    return await run(args, createApiKeyRepository(conn, io.now ? { now: io.now } : {}), io);
  } finally {
    await conn.close();
  }
}
