import type mongoose from 'mongoose';
import { dayOf } from './schema.js';

type Coll = mongoose.mongo.Collection<mongoose.mongo.Document>;

/** Retention: the index of records created before `cutoff` goes with them (whole days, then the cutoff's own day entry by entry). */
export async function purgeCaseIndex(coll: Coll, tenantId: string, cutoff: Date): Promise<void> {
  const day = dayOf(cutoff);
  for (const prefix of ['c', 'o']) {
    await coll.deleteMany({ tenantId, key: { $gte: `${prefix}:`, $lt: `${prefix}:${day}` } });
    const doc = await coll.findOne({ tenantId, key: `${prefix}:${day}` });
    const old = Object.entries((doc?.['e'] ?? {}) as Record<string, { t: Date }>).filter(([, e]) => new Date(e.t) < cutoff);
    if (old.length) await coll.updateOne({ tenantId, key: `${prefix}:${day}` }, { $unset: Object.fromEntries(old.map(([h]) => [`e.${h}`, ''])) });
  }
}
