import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Connection } from 'mongoose';
import type { TenantStore } from '../../../core/ports/tenants.js';
import { rebuildRollups, type RebuildDeps } from '../../../core/records/rebuild-rollups.js';
import { sleep } from '../../../core/concurrency.js';
import type { Logger } from '../../observability/logger.js';
import { interactionModel } from '../interactions/schema.js';
import { installationModel } from '../installations/schema.js';
import { rollupModel } from './schema.js';

/** The rollups' layout: 2 = hours inside day buckets, customer sets (1 = UTC-hour buckets, HyperLogLog). */
export const ROLLUP_LAYOUT = 2;
const LEASE_MS = 10 * 60_000;
const MARKER = { tenantId: '_service', platform: 'service', key: 'rollup-layout' };

/**
 * Brings rollups written in the first layout to this one, once, before the service answers:
 * each tenant's day buckets are rebuilt from its stored interactions, answers and surveys, from
 * the day of its earliest stored interaction on (earlier days, whose interactions retention
 * removed, keep their whole-day numbers). One instance migrates; the others wait for it.
 */
export async function migrateRollupLayout(conn: Connection, deps: RebuildDeps & { tenants: TenantStore }, logger: Logger, now: () => Date): Promise<void> {
  const markers = installationModel(conn).collection;
  const rollups = rollupModel(conn).collection;
  const me = randomUUID();
  for (;;) {
    const marker = await markers.findOne(MARKER);
    const data = (marker?.['data'] ?? {}) as { version?: number; by?: string; until?: Date };
    if (data.version === ROLLUP_LAYOUT) return;
    if (!marker && !(await rollups.findOne({}, { projection: { _id: 1 } }))) {
      // a new database: nothing to migrate
      await markers.updateOne(MARKER, { $setOnInsert: { data: { version: ROLLUP_LAYOUT }, updatedAt: now() } }, { upsert: true });
      continue;
    }
    if (data.until && data.until.getTime() > now().getTime() && data.by !== me) {
      await sleep(2000);
      continue;
    }
    const claim = { data: { version: 1, by: me, until: new Date(now().getTime() + LEASE_MS) }, updatedAt: now() };
    const won = marker
      ? (await markers.updateOne({ ...MARKER, 'data.by': data.by ?? null, 'data.version': data.version ?? null }, { $set: claim })).modifiedCount === 1
      : await markers.insertOne({ ...MARKER, ...claim }).then(() => true, () => false);
    if (!won) continue;
    for (const tenantId of (await rollups.distinct('tenantId')) as string[]) {
      const tenant = await deps.tenants.get(tenantId);
      const first = await interactionModel(conn).collection.find({ tenantId }).sort({ createdAt: 1 }).limit(1).next();
      const from = first ? DateTime.fromJSDate(first['createdAt'] as Date, { zone: tenant.rollupTimezone }).startOf('day').toJSDate() : new Date(0);
      logger.info({ tenantId, from }, 'rebuilding the rollups of a tenant in the new layout');
      const done = await rebuildRollups(deps, tenantId, tenant.rollupTimezone, from);
      logger.info({ tenantId, ...done }, 'rollups rebuilt');
      await markers.updateOne(MARKER, { $set: { 'data.until': new Date(now().getTime() + LEASE_MS) } });
    }
    await markers.updateOne(MARKER, { $set: { data: { version: ROLLUP_LAYOUT }, updatedAt: now() } });
    return;
  }
}
