import type { Models } from '../mongo/models.js';
import type { Logger } from '../observability/logger.js';
import { DataKeyError, type KeyRing } from './key-ring.js';
import { CUSTOMER_KEY_PURPOSE, LINK_SECRET_PURPOSE } from './sealed-fields.js';
import { newSecret } from './signed-links.js';

const DUPLICATE_KEY = 11000;

/** A secret every instance shares, kept sealed under the pseudo-tenant `_service`. */
interface ServiceSecret {
  key: string;
  purpose: string;
}
const LINK: ServiceSecret = { key: 'link-secret', purpose: LINK_SECRET_PURPOSE };
const CUSTOMER_KEYS: ServiceSecret = { key: 'customer-key-secret', purpose: CUSTOMER_KEY_PURPOSE };

/**
 * Reads (creating it the first time) a shared secret. A clear one from before encryption, or
 * one sealed under an older key, is sealed again under the current key (only if nobody changed
 * it meanwhile). Throws DataKeyError when it cannot be decrypted.
 */
async function loadServiceSecret(installations: Models['installations'], ring: KeyRing, s: ServiceSecret, now: Date): Promise<string> {
  const coll = installations.collection;
  const where = { tenantId: '_service', platform: 'service', key: s.key };
  const doc = await coll
    .findOneAndUpdate(where, { $setOnInsert: { data: { secret: ring.seal(newSecret(), s.purpose) }, updatedAt: now } }, { upsert: true, returnDocument: 'after' })
    // two instances starting at once: the other one's insert won
    .catch(async (e: { code?: number }) => (e.code === DUPLICATE_KEY ? coll.findOne(where) : Promise.reject(e as Error)));
  const stored = (doc?.['data'] as { secret?: unknown } | undefined)?.secret;
  if (typeof stored !== 'string') throw new Error(`the stored ${s.key} is missing or malformed`);
  const secret = ring.open(stored, s.purpose);
  if (!ring.isCurrent(stored)) {
    await coll.updateOne({ ...where, 'data.secret': stored }, { $set: { 'data.secret': ring.seal(secret, s.purpose), updatedAt: now } });
  }
  return secret;
}

/**
 * The service's link-signing key. One that cannot be decrypted is not replaced: this process
 * signs with a temporary one, and the log says why, until the missing data key is added back.
 */
export async function loadLinkSecret(installations: Models['installations'], ring: KeyRing, now: Date, logger: Logger): Promise<{ secret: string; unreadable: boolean }> {
  try {
    return { secret: await loadServiceSecret(installations, ring, LINK, now), unreadable: false };
  } catch (e) {
    if (!(e instanceof DataKeyError)) throw e;
    logger.error({ code: e.code, kid: e.kid }, `link-signing key unusable: ${e.message}; signed links made now use a temporary key and stop working on restart`);
    return { secret: newSecret(), unreadable: true };
  }
}

/**
 * The key of customer keys (rollups count customers by a keyed hash of their id). Unlike the
 * link key it cannot be replaced even for a while — every customer would count anew — so a
 * secret that cannot be decrypted stops the start (DataKeyError names the missing data key).
 */
export const loadCustomerKeySecret = (installations: Models['installations'], ring: KeyRing, now: Date): Promise<string> => loadServiceSecret(installations, ring, CUSTOMER_KEYS, now);
