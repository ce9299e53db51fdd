import mongoose, { type Connection } from 'mongoose';
import { oid, recordOf } from '../documents.js';
import type { ReportRun, ReportSchedule } from '../../../core/domain/report.js';
import type { ReportRunStore, ReportScheduleStore } from '../../../core/ports/reports.js';
import { reportRunModel, reportScheduleModel } from './schema.js';

type Doc = Record<string, unknown>;
const DUPLICATE_KEY = 11000;
const fromDoc = <T>(d: Doc) => recordOf<T>(d);

export function createReportScheduleRepository(conn: Connection): ReportScheduleStore {
  const coll = reportScheduleModel(conn).collection;
  return {
    async create(s) {
      const doc = { _id: new mongoose.Types.ObjectId(), ...s };
      await coll.insertOne(doc);
      return fromDoc<ReportSchedule>(doc);
    },
    async get(tenantId, id) {
      const d = await coll.findOne({ _id: oid(id), tenantId });
      return d ? fromDoc<ReportSchedule>(d) : null;
    },
    async list(tenantId, channelId) {
      return (await coll.find({ tenantId, channelId }).sort({ createdAt: 1 }).toArray()).map((d) => fromDoc<ReportSchedule>(d));
    },
    async remove(tenantId, id) {
      return (await coll.deleteOne({ _id: oid(id), tenantId })).deletedCount === 1;
    },
    async update(tenantId, id, set, unset) {
      const res = await coll.updateOne({ _id: oid(id), tenantId }, { $set: set, ...(unset ? { $unset: { [unset]: '' } } : {}) });
      return res.matchedCount === 1;
    },
    async due(tenantId, now) {
      return (await coll.find({ tenantId, paused: false, nextFireAt: { $lte: now } }).toArray()).map((d) => fromDoc<ReportSchedule>(d));
    },
    async advance(tenantId, id, from, until, nextFireAt) {
      return (await coll.updateOne({ _id: oid(id), tenantId, checkedUntil: from }, { $set: { checkedUntil: until, nextFireAt } })).modifiedCount === 1;
    },
    async tenants() {
      return (await coll.distinct('tenantId', { paused: false })) as string[];
    },
  };
}

export function createReportRunRepository(conn: Connection): ReportRunStore {
  const coll = reportRunModel(conn).collection;
  return {
    async claim(run) {
      const doc = { _id: new mongoose.Types.ObjectId(), ...run };
      try {
        await coll.insertOne(doc);
        return fromDoc<ReportRun>(doc);
      } catch (e) {
        if ((e as { code?: number }).code === DUPLICATE_KEY) return null;
        throw e;
      }
    },
    async reclaimable(tenantId, now) {
      const [running, retrying] = await Promise.all([
        coll.find({ tenantId, status: 'running', leaseUntil: { $lt: now } }).limit(200).toArray(),
        coll.find({ tenantId, status: 'retrying', nextAttemptAt: { $lte: now } }).limit(200).toArray(),
      ]);
      return [...running, ...retrying].map((d) => fromDoc<ReportRun>(d));
    },
    async reclaim(tenantId, id, attempts, now, leaseUntil) {
      const res = await coll.updateOne(
        { _id: oid(id), tenantId, attempts, status: { $in: ['running', 'retrying'] } },
        { $set: { status: 'running', attempts: attempts + 1, leaseUntil, startedAt: now }, $unset: { nextAttemptAt: '' } },
      );
      return res.modifiedCount === 1;
    },
    async renew(tenantId, id, attempts, leaseUntil) {
      const res = await coll.updateOne({ _id: oid(id), tenantId, attempts, status: 'running' }, { $set: { leaseUntil } });
      return res.modifiedCount === 1;
    },
    async finish(tenantId, id, set) {
      await coll.updateOne({ _id: oid(id), tenantId }, { $set: set });
    },
    async history(tenantId, scheduleIds, limit) {
      if (scheduleIds.length === 0) return [];
      const docs = await coll.find({ tenantId, scheduleId: scheduleIds.length === 1 ? scheduleIds[0] : { $in: scheduleIds } }).sort({ fireAt: -1 }).limit(limit).toArray();
      return docs.map((d) => fromDoc<ReportRun>(d));
    },
    async get(tenantId, id) {
      const d = await coll.findOne({ _id: oid(id), tenantId });
      return d ? fromDoc<ReportRun>(d) : null;
    },
    async retry(tenantId, id, now, leaseUntil) {
      const res = await coll.updateOne({ _id: oid(id), tenantId, status: 'failed' }, { $set: { status: 'running', attempts: 1, leaseUntil, startedAt: now }, $unset: { error: '', finishedAt: '' } });
      return res.modifiedCount === 1;
    },
    async tenants() {
      return (await coll.distinct('tenantId', { status: { $in: ['running', 'retrying'] } })) as string[];
    },
  };
}
