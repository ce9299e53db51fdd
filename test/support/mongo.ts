// Per-test-file database on the server provided by test/support/global-setup.ts.
import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { inject } from 'vitest';

export interface TestDb {
  /** A dedicated mongoose connection (not the global default one). */
  connection: Connection;
  /** URI of the test database: pass it to the app's own connect function if it needs one. */
  uri: string;
  dbName: string;
  /** Drops the database and closes the connection. Safe to call twice. */
  drop(): Promise<void>;
  /** Closes the connection without dropping. */
  close(): Promise<void>;
}

/** Base URI provided by the global setup. */
export function mongoUri(): string {
  return inject('mongoUri');
}

/** Replaces the database part of a mongodb:// or mongodb+srv:// URI (hosts and options kept). */
export function withDbName(uri: string, dbName: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`not a MongoDB URI: ${uri}`);
  return `${m[1]}/${dbName}${m[2] ?? ''}`;
}

/** A fresh database name (MongoDB allows at most 63 bytes). */
export function testDbName(name?: string): string {
  const slug = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  return `t_${slug ? `${slug}_` : ''}${randomBytes(5).toString('hex')}`;
}

export async function connectTestDb(name?: string): Promise<TestDb> {
  const dbName = testDbName(name);
  const uri = withDbName(mongoUri(), dbName);
  const connection = await mongoose
    // Like the app's connectMongo(): no implicit collection/index builds in the background. Tests create
    // them explicitly (and sequentially): mongo-java-server can lose an index when createCollection and
    // createIndexes race on the same collection.
    .createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 5, autoIndex: false, autoCreate: false })
    .asPromise();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await connection.close();
  };
  return {
    connection,
    uri,
    dbName,
    async drop() {
      if (closed) return;
      await connection.dropDatabase();
      await close();
    },
    close,
  };
}
