import mongoose, { type Connection } from 'mongoose';
import { oid, recordOf } from '../documents.js';
import type { ReportRun, ReportSchedule } from '../../../core/domain/report.js';
import type { ReportRunStore, ReportScheduleStore } from '../../../core/ports/reports.js';
import type { Logger } from '../../observability/logger.js';
import { DataKeyError, type KeyRing } from '../../security/key-ring.js';
import { webhookSecretPurpose } from '../../security/sealed-fields.js';
import { reportRunModel, reportScheduleModel } from './schema.js';

type Doc = Record<string, unknown>;
const DUPLICATE_KEY = 11000;
const fromDoc = <T>(d: Doc) => recordOf<T>(d);

/**
 * Report schedules, with each webhook's signing secret sealed by the key ring (AES-256-GCM,
 * bound to its schedule). A secret that cannot be decrypted does not stop the others: its
 * schedule comes back marked `unreadable`, its deliveries fail with that code, and the log says
 * which data key is missing (once per schedule and process).
 */
export function createReportScheduleRepository(conn: Connection, ring: KeyRing, logger: Logger): ReportScheduleStore {
  const coll = reportScheduleModel(conn).collection;
  const reported = new Set<string>();
  const toSchedule = (d: Doc): ReportSchedule => {
    const s = fromDoc<ReportSchedule>(d);
    if (!s.webhook) return s;
    try {
      return { ...s, webhook: { url: s.webhook.url, secret: ring.open(s.webhook.secret, webhookSecretPurpose(s.tenantId, s.id)) } };
    } catch (e) {
      if (!(e instanceof DataKeyError)) throw e;
      if (!reported.has(s.id)) logger.error({ tenantId: s.tenantId, scheduleId: s.id, code: e.code, kid: e.kid }, `report webhook secret unusable: ${e.message}`);
      reported.add(s.id);
      return { ...s, webhook: { url: s.webhook.url, secret: '', unreadable: e.code } };
    }
  };
  const sealed = <T extends { webhook?: { url: string; secret: string } }>(tenantId: string, id: string, set: T): T =>
    set.webhook ? { ...set, webhook: { url: set.webhook.url, secret: ring.seal(set.webhook.secret, webhookSecretPurpose(tenantId, id)) } } : set;
  /** a write that leaves the webhook alone still moves its secret to the current key */
  const resealStale = async (tenantId: string, id: string) => {
    const d = await coll.findOne({ _id: oid(id), tenantId }, { projection: { webhook: 1 } });
    const stored = (d?.['webhook'] as { secret?: unknown } | undefined)?.secret;
    if (typeof stored !== 'string' || ring.isCurrent(stored)) return;
    try {
      const secret = ring.seal(ring.open(stored, webhookSecretPurpose(tenantId, id)), webhookSecretPurpose(tenantId, id));
      await coll.updateOne({ _id: oid(id), tenantId, 'webhook.secret': stored }, { $set: { 'webhook.secret': secret } });
    } catch (e) {
      if (!(e instanceof DataKeyError)) throw e;
    }
  };
  return {
    async create(s) {
      const _id = new mongoose.Types.ObjectId();
      await coll.insertOne({ _id, ...sealed(s.tenantId, String(_id), s) });
      return fromDoc<ReportSchedule>({ _id, ...s });
    },
    async get(tenantId, id) {
      const d = await coll.findOne({ _id: oid(id), tenantId });
      return d ? toSchedule(d) : null;
    },
    async list(tenantId, channelId) {
      return (await coll.find({ tenantId, channelId }).sort({ createdAt: 1 }).toArray()).map(toSchedule);
    },
    async remove(tenantId, id) {
      return (await coll.deleteOne({ _id: oid(id), tenantId })).deletedCount === 1;
    },
    async update(tenantId, id, set, unset) {
      const res = await coll.updateOne({ _id: oid(id), tenantId }, { $set: sealed(tenantId, id, set), ...(unset ? { $unset: { [unset]: '' } } : {}) });
      if (res.matchedCount === 1 && !set.webhook && !unset) await resealStale(tenantId, id);
      return res.matchedCount === 1;
    },
    async due(tenantId, now) {
      return (await coll.find({ tenantId, paused: false, nextFireAt: { $lte: now } }).toArray()).map(toSchedule);
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
        // still in the state that made it reclaimable (not only the attempt read): a reader that saw
        // it between another instance's reclaim and its own cannot take it too
        { _id: oid(id), tenantId, attempts, $or: [{ status: 'running', leaseUntil: { $lt: now } }, { status: 'retrying', nextAttemptAt: { $lte: now } }] },
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
