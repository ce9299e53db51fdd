import { mkdirSync } from 'node:fs';
import { ConfigError, type Config } from '../config/index.js';

/**
 * Without MONGODB_URI (development): the local MongoDB wire server kept under .data/ (needs Java),
 * else an embedded MongoDB (mongodb-memory-server, downloads mongod once) with its data under
 * .data/embedded so it survives restarts; when neither works, one line says what to do.
 */
export async function resolveMongoUri(config: Config): Promise<string> {
  if (config.MONGODB_URI) return config.MONGODB_URI;
  const reasons: string[] = [];
  try {
    const scriptUrl = new URL('../../scripts/db.mjs', import.meta.url);
    const db = (await import(scriptUrl.href)) as { startServer: (o?: object) => Promise<{ uri: string }> };
    return (await db.startServer()).uri;
  } catch (e) {
    reasons.push(`local server: ${(e as Error).message}`);
  }
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const dbPath = new URL('../../.data/embedded', import.meta.url).pathname;
    mkdirSync(dbPath, { recursive: true });
    const mem = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
    return mem.getUri('csops');
  } catch (e) {
    reasons.push(`embedded MongoDB: ${(e as Error).message}`);
  }
  throw new ConfigError(
    `Invalid configuration: MONGODB_URI is not set and no local MongoDB could be started (${reasons.join('; ')}); set MONGODB_URI=mongodb://host:27017/csops or run "docker compose up".`,
  );
}
