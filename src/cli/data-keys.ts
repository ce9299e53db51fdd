/**
 * `cs-ops keys rotate-data`: after a new key was put first in DATA_KEYS, re-encrypts every stored
 * secret (Slack tokens, report webhook secrets, the link key, the customer-key secret) under it at once, so that the old
 * key can be dropped. Without it they move over one by one, each on its next write.
 */
import { ConfigError, loadConfig } from '../config/index.js';
import { connectMongo } from '../infra/mongo/connection.js';
import { createModels } from '../infra/mongo/models.js';
import { createLogger } from '../infra/observability/logger.js';
import { loadCustomerKeySecret, loadLinkSecret } from '../infra/security/link-secret.js';
import { DataKeyError } from '../infra/security/key-ring.js';
import { keyRingFor } from '../infra/security/local-key.js';
import { sealStoredSecrets } from '../infra/security/stored-secrets.js';
import { resolveMongoUri } from './mongo-uri.js';
import type { CliIo } from './ops.js';

export const ROTATE_DATA_USAGE = 'cs-ops keys rotate-data   re-encrypts every stored secret under the first key of DATA_KEYS';

/** Exit status: 0 done, 1 some secrets could not be decrypted (see the log), 2 bad arguments. */
export async function runRotateData(argv: string[], io: CliIo): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'rotate-data') {
    io.stderr.write(`cs-ops: usage: ${ROTATE_DATA_USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig({ ...io.env, LOG_LEVEL: io.env['LOG_LEVEL'] || 'warn' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`cs-ops: ${e.message}\n`);
    return 1;
  }
  const logger = createLogger(config.LOG_LEVEL, process.stderr);
  const ring = keyRingFor(config.DATA_KEYS, logger);
  const conn = await connectMongo(await resolveMongoUri(config));
  try {
    const counts = await sealStoredSecrets(conn, ring, logger, { rotate: true });
    const { installations } = createModels(conn);
    const link = await loadLinkSecret(installations, ring, new Date(), logger);
    const customerKey = await loadCustomerKeySecret(installations, ring, new Date()).then(
      () => 0,
      (e: unknown) => {
        if (!(e instanceof DataKeyError)) throw e;
        logger.error({ code: e.code, kid: e.kid }, `the customer-key secret cannot be decrypted: ${e.message}`);
        return 1;
      },
    );
    const unreadable = counts.unreadable + (link.unreadable ? 1 : 0) + customerKey;
    io.stdout.write(
      `Stored secrets now under data key "${ring.currentKid}": ${counts.sealed} encrypted from clear text, ${counts.resealed} re-encrypted from older keys` +
        (unreadable ? `; ${unreadable} could not be decrypted (their key is not in DATA_KEYS, see the log) and were left as they are.\n` : '.\n'),
    );
    return unreadable ? 1 : 0;
  } finally {
    await conn.close();
  }
}
