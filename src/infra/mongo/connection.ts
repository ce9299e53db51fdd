import mongoose, { type Connection } from 'mongoose';

/** One connection per service (tests open one per database); models are bound to it. */
export async function connectMongo(uri: string): Promise<Connection> {
  mongoose.set('strictQuery', true);
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    // while MongoDB is away a request waiting for a pooled connection gets a 503, not an endless wait
    waitQueueTimeoutMS: 5000,
    // indexes are created explicitly by ensureIndexes() at start-up
    autoIndex: false,
    autoCreate: false,
  });
  await conn.asPromise();
  return conn;
}

/** True when MongoDB answers a ping within timeoutMs (a probe must not wait for server selection). */
export async function pingMongo(conn: Connection, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const ping = (async () => {
    await conn.db?.admin().ping();
    return conn.readyState === 1;
  })().catch(() => false);
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tenant-scoped query guard: every repository method goes through it. */
export function scoped<T extends object>(tenantId: string, filter: T): T & { tenantId: string } {
  if (!tenantId) throw new Error('tenantId is required for every query');
  return { ...filter, tenantId };
}
