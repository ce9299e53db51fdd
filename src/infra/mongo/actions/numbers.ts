import type { leaseModel } from '../leases/schema.js';

type Leases = ReturnType<typeof leaseModel>['collection'];

const DUPLICATE_KEY = 11000;
const FOREVER = new Date('9999-12-31T00:00:00Z');

/** The tenant's next action number (a counter document; two first upserts race on its unique key). */
export async function nextActionNumber(leases: Leases, tenantId: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const d = await leases.findOneAndUpdate({ tenantId, name: 'action-numbers' }, { $inc: { n: 1 }, $setOnInsert: { owner: 'actions', until: FOREVER } }, { upsert: true, returnDocument: 'after' });
      return Number(d?.['n']);
    } catch (e) {
      if ((e as { code?: number }).code !== DUPLICATE_KEY || attempt > 2) throw e;
    }
  }
}
