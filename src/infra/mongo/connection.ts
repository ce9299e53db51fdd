import mongoose, { type Connection } from 'mongoose';

/** One connection per service (tests open one per database); models are bound to it. */
export async function connectMongo(uri: string): Promise<Connection> {
  mongoose.set('strictQuery', true);
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    // indexes are created explicitly by ensureIndexes() at start-up
    autoIndex: false,
    autoCreate: false,
  });
  await conn.asPromise();
  return conn;
}

export async function pingMongo(conn: Connection): Promise<boolean> {
  try {
    await conn.db?.admin().ping();
    return conn.readyState === 1;
  } catch {
    return false;
  }
}

/** Tenant-scoped query guard: every repository method goes through it. */
export function scoped<T extends object>(tenantId: string, filter: T): T & { tenantId: string } {
  if (!tenantId) throw new Error('tenantId is required for every query');
  return { ...filter, tenantId };
}
