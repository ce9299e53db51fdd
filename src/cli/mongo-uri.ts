import { ConfigError, type Config } from '../config/index.js';

/** Without MONGODB_URI (development), use the local MongoDB wire server kept under .data/. */
export async function resolveMongoUri(config: Config): Promise<string> {
  if (config.MONGODB_URI) return config.MONGODB_URI;
  try {
    const scriptUrl = new URL('../../scripts/db.mjs', import.meta.url);
    const db = (await import(scriptUrl.href)) as { startServer: (o?: object) => Promise<{ uri: string }> };
    return (await db.startServer()).uri;
  } catch (e) {
    throw new ConfigError(
      `Invalid configuration: MONGODB_URI is not set and no local MongoDB could be started (${(e as Error).message}); set MONGODB_URI=mongodb://host:27017/csops or run "docker compose up".`,
    );
  }
}
