import type { Connection } from 'mongoose';
import type { TargetStore } from '../../../core/ports/tenants.js';
import { kpiTargetModel } from './schema.js';

export function createTargetRepository(conn: Connection): TargetStore {
  const model = kpiTargetModel(conn);
  return {
    async list(tenantId) {
      const docs = await model.find({ tenantId }).lean().exec();
      return docs.map((d) => ({ kpi: d.kpi, op: d.op as '<=' | '>=', value: d.value }));
    },
    async set(tenantId, target) {
      await model
        .updateOne({ tenantId, kpi: target.kpi }, { $set: { ...target, updatedAt: new Date() } }, { upsert: true })
        .exec();
    },
    async remove(tenantId, kpi) {
      await model.deleteOne({ tenantId, kpi }).exec();
    },
  };
}
