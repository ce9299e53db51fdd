import type mongoose from 'mongoose';
import { newSecret } from './signed-links.js';

type Coll = mongoose.mongo.Collection<mongoose.mongo.Document>;

/**
 * A secret every instance shares (created by the first one to start), kept in the
 * `installations` collection under the pseudo-tenant `_service`.
 */
export async function serviceSecret(installations: Coll, name: string, now: Date): Promise<string> {
  const key = { tenantId: '_service', platform: 'service', key: name };
  const doc = await installations
    .findOneAndUpdate(key, { $setOnInsert: { data: { secret: newSecret() }, updatedAt: now } }, { upsert: true, returnDocument: 'after' })
    // two instances starting at once: the other one's insert won
    .catch(async (e: { code?: number }) => (e.code === 11000 ? installations.findOne(key) : Promise.reject(e as Error)));
  const secret = (doc?.['data'] as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== 'string') throw new Error(`the service secret ${name} could not be read`);
  return secret;
}
