import type { Connection } from 'mongoose';
import type { Logger } from '../observability/logger.js';
import { DataKeyError, type KeyRing } from './key-ring.js';
import { INSTALLATION_SECRET_PATHS, installationPurpose, secretAt, webhookSecretPurpose } from './sealed-fields.js';

export interface SealCounts {
  /** clear-text secrets encrypted */
  sealed: number;
  /** secrets moved from an older key to the current one (rotate only) */
  resealed: number;
  /** secrets that could not be decrypted (a key missing from DATA_KEYS); left as they are */
  unreadable: number;
}

type Doc = Record<string, unknown>;
/** one stored secret: where it is in the document, its value, and its purpose */
type Field = { path: string; value: string; purpose: string };

/**
 * What must be rewritten in one document: clear text always; with `rotate`, values sealed
 * under an older key too. The update is conditional on every old value, so two instances
 * doing this at once write each field once and never clobber a newer write.
 */
function rewrite(ring: KeyRing, fields: Field[], rotate: boolean, counts: SealCounts, logger: Logger) {
  const filter: Doc = {};
  const set: Doc = {};
  const kinds: ('sealed' | 'resealed')[] = [];
  for (const f of fields) {
    if (ring.isSealed(f.value) && (!rotate || ring.isCurrent(f.value))) continue;
    try {
      set[f.path] = ring.seal(ring.open(f.value, f.purpose), f.purpose);
      filter[f.path] = f.value;
      kinds.push(ring.isSealed(f.value) ? 'resealed' : 'sealed');
    } catch (e) {
      if (!(e instanceof DataKeyError)) throw e;
      counts.unreadable++;
      logger.error({ code: e.code, kid: e.kid }, `stored secret left as it is: ${e.message}`);
    }
  }
  return kinds.length > 0 ? { filter, set, kinds } : null;
}

const installationFields = (d: Doc): Field[] => {
  const data = (d['data'] ?? {}) as Doc;
  return INSTALLATION_SECRET_PATHS.flatMap((p) => {
    const value = secretAt(data, p);
    return value === undefined ? [] : [{ path: `data.${p}`, value, purpose: installationPurpose(String(d['tenantId']), String(d['key']), p) }];
  });
};

const scheduleFields = (d: Doc): Field[] => {
  const value = (d['webhook'] as { secret?: unknown } | undefined)?.secret;
  return typeof value === 'string' ? [{ path: 'webhook.secret', value, purpose: webhookSecretPurpose(String(d['tenantId']), String(d['_id'])) }] : [];
};

/**
 * Encrypts the secrets stored in clear before encryption existed (Slack installations, report
 * webhook secrets): run at every start-up, idempotent. `rotate` also re-encrypts every secret
 * sealed under an older key with the current one (`cs-ops keys rotate-data`). The link-signing
 * key has its own path (link-secret.ts).
 */
export async function sealStoredSecrets(conn: Connection, ring: KeyRing, logger: Logger, o: { rotate?: boolean } = {}): Promise<SealCounts> {
  const counts: SealCounts = { sealed: 0, resealed: 0, unreadable: 0 };
  // at start-up only documents still holding clear text are read (none, once migrated)
  const clear = { $type: 'string', $not: /^enc:v1:/ };
  const sources = [
    {
      coll: conn.collection('installations'),
      query: o.rotate ? { platform: 'slack' } : { platform: 'slack', $or: INSTALLATION_SECRET_PATHS.map((p) => ({ [`data.${p}`]: clear })) },
      fields: installationFields,
    },
    { coll: conn.collection('report_schedules'), query: { 'webhook.secret': o.rotate ? { $exists: true } : clear }, fields: scheduleFields },
  ];
  for (const { coll, query, fields } of sources) {
    for await (const d of coll.find(query)) {
      const change = rewrite(ring, fields(d), o.rotate === true, counts, logger);
      if (!change) continue;
      // counted only when this process wrote it (another instance may have been first)
      const res = await coll.updateOne({ _id: d._id, ...change.filter }, { $set: change.set });
      if (res.modifiedCount === 1) for (const k of change.kinds) counts[k]++;
    }
  }
  if (counts.sealed + counts.resealed + counts.unreadable > 0) logger.info({ ...counts, currentKid: ring.currentKid }, 'stored secrets encrypted under the current data key');
  return counts;
}
