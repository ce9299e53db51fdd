import type { Models } from '../mongo/models.js';
import type { Logger } from '../observability/logger.js';
import { DataKeyError, type KeyRing } from './key-ring.js';
import { LINK_SECRET_PURPOSE } from './sealed-fields.js';
import { newSecret } from './signed-links.js';

const WHERE = { tenantId: '_service', platform: 'service', key: 'link-secret' };
const DUPLICATE_KEY = 11000;

/**
 * The service's link-signing key: one for every instance (links signed by one are read by
 * another), stored sealed. A clear one from before encryption, or one sealed under an older
 * key, is sealed again under the current key (only if nobody changed it meanwhile). A key that
 * cannot be decrypted is not replaced: this process signs with a temporary one, and the log
 * says why, until the missing data key is added back.
 */
export async function loadLinkSecret(installations: Models['installations'], ring: KeyRing, now: Date, logger: Logger): Promise<{ secret: string; unreadable: boolean }> {
  const coll = installations.collection;
  const doc = await coll
    .findOneAndUpdate(WHERE, { $setOnInsert: { data: { secret: ring.seal(newSecret(), LINK_SECRET_PURPOSE) }, updatedAt: now } }, { upsert: true, returnDocument: 'after' })
    // two instances starting at once: the other one's insert won
    .catch(async (e: { code?: number }) => (e.code === DUPLICATE_KEY ? coll.findOne(WHERE) : Promise.reject(e as Error)));
  const stored = (doc?.['data'] as { secret?: unknown } | undefined)?.secret;
  if (typeof stored !== 'string') throw new Error('the stored link-signing key is missing or malformed');
  let secret: string;
  try {
    secret = ring.open(stored, LINK_SECRET_PURPOSE);
  } catch (e) {
    if (!(e instanceof DataKeyError)) throw e;
    logger.error({ code: e.code, kid: e.kid }, `link-signing key unusable: ${e.message}; signed links made now use a temporary key and stop working on restart`);
    return { secret: newSecret(), unreadable: true };
  }
  if (!ring.isCurrent(stored)) {
    await coll.updateOne({ ...WHERE, 'data.secret': stored }, { $set: { 'data.secret': ring.seal(secret, LINK_SECRET_PURPOSE), updatedAt: now } });
  }
  return { secret, unreadable: false };
}
