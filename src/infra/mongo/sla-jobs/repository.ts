import mongoose, { type Connection } from 'mongoose';
import type { SlaJobStore, SlaRecomputeJob } from '../../../core/ports/sla-jobs.js';
import { slaJobModel } from './schema.js';

type Doc = mongoose.mongo.Document;
const RUNNING = 'running';
const DUPLICATE_KEY = 11000;

function fromDoc(d: Doc): SlaRecomputeJob {
  return {
    id: String(d['_id']),
    tenantId: String(d['tenantId']),
    from: String(d['from']),
    to: String(d['to']),
    status: d['status'] as SlaRecomputeJob['status'],
    total: Number(d['total']),
    done: Number(d['done']),
    changed: Number(d['changed']),
    startedAt: d['startedAt'] as Date,
    updatedAt: d['updatedAt'] as Date,
    leaseUntil: d['leaseUntil'] as Date,
    ...(d['finishedAt'] ? { finishedAt: d['finishedAt'] as Date } : {}),
    ...(d['error'] ? { error: d['error'] as SlaRecomputeJob['error'] } : {}),
  };
}

export function createSlaJobRepository(conn: Connection): SlaJobStore {
  const jobs = slaJobModel(conn).collection as unknown as mongoose.mongo.Collection<Doc>;
  const running = (tenantId: string, id: string) => ({ _id: id, tenantId, slot: RUNNING }) as Doc;
  return {
    async start(job) {
      const { id, finishedAt: _f, error: _e, ...rest } = job;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await jobs.insertOne({ _id: id, ...rest, slot: RUNNING } as Doc);
          return { started: job };
        } catch (e) {
          if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
        }
        const other = await jobs.findOne({ tenantId: job.tenantId, slot: RUNNING });
        // ended between the insert and the read: try again
        if (other) return { running: fromDoc(other) };
      }
      throw new Error('could not start an SLA recompute job');
    },
    async get(tenantId, id) {
      const d = await jobs.findOne({ _id: id, tenantId } as Doc);
      return d ? fromDoc(d) : null;
    },
    async progress(tenantId, id, p, leaseUntil) {
      const res = await jobs.updateOne(running(tenantId, id), { $set: { total: p.total, done: p.done, changed: p.changed, leaseUntil, updatedAt: new Date() } });
      return res.matchedCount === 1;
    },
    async finish(tenantId, id, end) {
      const now = new Date();
      const { status, error, total, done, changed } = end;
      await jobs.updateOne(running(tenantId, id), { $set: { status, slot: id, total, done, changed, finishedAt: now, updatedAt: now, ...(error ? { error } : {}) } });
    },
    async expire(tenantId, now) {
      const stale = await jobs.findOne({ tenantId, slot: RUNNING, leaseUntil: { $lt: now } });
      if (!stale) return;
      const id = String(stale['_id']);
      // only if its lease is still over (a late renewal keeps it running)
      await jobs.updateOne({ ...running(tenantId, id), leaseUntil: { $lt: now } }, { $set: { status: 'failed', error: 'lease_expired', slot: id, finishedAt: now, updatedAt: now } });
    },
  };
}
