import type { Connection } from 'mongoose';
import { leaseModel } from '../leases/schema.js';
import { actionItemModel } from './schema.js';
import { nextActionNumber } from './numbers.js';

/**
 * Gives actions stored before they were numbered the tenant's next numbers, oldest first, so
 * `/actions` shows them and `/actions edit <n>` can name them. Idempotent and safe with two
 * instances at once (no transactions): each number comes from the tenant's counter and is set
 * only where `no` is still missing, so a number is never given twice; one drawn by an instance
 * that lost the race stays unused (a gap). Numbers follow age because every instance draws an
 * action's number only after the older one's has been set.
 */
export async function backfillActionNumbers(conn: Connection): Promise<number> {
  const actions = actionItemModel(conn).collection;
  const leases = leaseModel(conn).collection;
  let numbered = 0;
  const tenants = (await actions.distinct('tenantId', { no: { $exists: false } })) as string[];
  for (const tenantId of tenants) {
    const old = actions.find({ tenantId, no: { $exists: false } }, { projection: { _id: 1 } }).sort({ createdAt: 1, _id: 1 });
    for await (const doc of old) {
      const no = await nextActionNumber(leases, tenantId);
      numbered += (await actions.updateOne({ _id: doc._id, tenantId, no: { $exists: false } }, { $set: { no } })).modifiedCount;
    }
  }
  return numbered;
}
