// Vitest globalSetup: provides `mongoUri` to every test file.
//  1. MONGODB_URI set (CI, `npm run db:start`, a real MongoDB) → use it as is.
//  2. else java (+ jars or mvn) available → throwaway mongo-java-server on .data/test/run-*.h2.
//  3. else → mongodb-memory-server-core (downloads/uses a real mongod binary).
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, canLaunch, reapStale, startServer, stopServer } from '../../scripts/db.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

const TEST_DATA_DIR = path.join(ROOT, '.data', 'test');
const debug = process.env.DEBUG_TEST_DB ? (m: string) => console.error(m) : () => {};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) {
    project.provide('mongoUri', fromEnv);
    return async () => {};
  }

  if (canLaunch()) {
    fs.mkdirSync(TEST_DATA_DIR, { recursive: true });
    await reapStale(TEST_DATA_DIR); // servers left by killed runs
    removeOrphanFiles();
    const base = path.join(TEST_DATA_DIR, `run-${process.pid}-${Date.now().toString(36)}`);
    const files = { dataFile: `${base}.h2`, stateFile: `${base}.json`, logFile: `${base}.log` };
    const server = await startServer({
      ...files,
      port: 0,
      reuse: false,
      fresh: true,
      dbName: 'test',
      log: debug,
      meta: { ownerPid: process.pid },
    });
    debug(`test db: ${server.uri} (pid ${server.pid})`);
    project.provide('mongoUri', server.uri);
    return async () => {
      await stopServer({ stateFile: files.stateFile, graceMs: 5000 });
      for (const f of Object.values(files)) fs.rmSync(f, { force: true });
    };
  }

  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const mem = await MongoMemoryServer.create().catch((e: unknown) => {
    throw new Error(
      'test db: java (and mvn, for the first jar fetch) not found, and mongodb-memory-server could not start ' +
        `either (${(e as Error).message}). Install a JDK + Maven, or set MONGODB_URI.`,
      { cause: e },
    );
  });
  project.provide('mongoUri', mem.getUri('test'));
  return async () => {
    await mem.stop();
  };
}

/** Deletes run-* files of earlier runs that have no live state file left. */
function removeOrphanFiles(): void {
  const names = fs.readdirSync(TEST_DATA_DIR);
  const live = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
  for (const n of names) {
    const stem = n.replace(/\.(h2|log|json|mv\.db|trace\.db)$/, '').replace(/\.\d+\.tmp$/, '');
    if (n.startsWith('run-') && !live.has(stem)) fs.rmSync(path.join(TEST_DATA_DIR, n), { force: true });
  }
}
