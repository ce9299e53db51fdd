import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Models } from '../../infra/mongo/models.js';
import { TtlCache } from './cache.js';

type InstallKey = 'team' | 'enterprise';
interface Where {
  tenantId: string;
  key: InstallKey;
}

/** Org-wide installs belong to the Enterprise Grid organisation; the rest to their workspace. */
export function tenantOfInstallation(i: Installation): Where {
  if (i.isEnterpriseInstall && i.enterprise?.id) return { tenantId: i.enterprise.id, key: 'enterprise' };
  if (i.team?.id) return { tenantId: i.team.id, key: 'team' };
  throw new Error('Slack installation has neither a team nor an enterprise id');
}

function whereFor(q: InstallationQuery<boolean>): Where[] {
  const places: Where[] = [];
  if (q.isEnterpriseInstall && q.enterpriseId) places.push({ tenantId: q.enterpriseId, key: 'enterprise' });
  if (!q.isEnterpriseInstall && q.teamId) places.push({ tenantId: q.teamId, key: 'team' });
  // a workspace of an organisation where the app was installed org-wide
  if (!q.isEnterpriseInstall && q.enterpriseId) places.push({ tenantId: q.enterpriseId, key: 'enterprise' });
  return places;
}

export interface SlackInstallationStore extends InstallationStore {
  /** the installation serving a tenant (its bot token sends proactive updates), or null */
  fetchByTenant(tenantId: string): Promise<Installation | null>;
}

/**
 * Slack OAuth installations in MongoDB (`installations`, platform "slack"), one per tenant.
 * Reads are cached for a few minutes so that authorising a request, which Bolt does before a
 * listener can acknowledge it, rarely waits on the database.
 */
export function createInstallationStore(model: Models['installations'], cacheMs = 5 * 60_000): SlackInstallationStore {
  const cache = new TtlCache<string, Installation>(cacheMs);
  const id = (w: Where) => `${w.tenantId}/${w.key}`;

  // only found installations are cached: a workspace installed through another replica works at once
  const load = async (w: Where): Promise<Installation | null> => {
    const hit = cache.get(id(w));
    if (hit) return hit;
    const doc = await model.findOne({ tenantId: w.tenantId, platform: 'slack', key: w.key }, { data: 1 }).lean().exec();
    if (!doc) return null;
    cache.set(id(w), doc.data as Installation);
    return doc.data as Installation;
  };

  return {
    async storeInstallation(installation) {
      const where = tenantOfInstallation(installation);
      // absent fields stay absent (the driver would store `undefined` as null)
      const data = JSON.parse(JSON.stringify(installation)) as Installation;
      await model
        .updateOne({ tenantId: where.tenantId, platform: 'slack', key: where.key }, { $set: { data, updatedAt: new Date() } }, { upsert: true })
        .exec();
      cache.set(id(where), data);
    },
    async fetchInstallation(query) {
      for (const where of whereFor(query)) {
        const found = await load(where);
        if (found) return found;
      }
      throw new Error('no Slack installation for this workspace or organisation');
    },
    async deleteInstallation(query) {
      for (const where of whereFor(query).slice(0, 1)) {
        await model.deleteOne({ tenantId: where.tenantId, platform: 'slack', key: where.key }).exec();
        cache.delete(id(where));
      }
    },
    async fetchByTenant(tenantId) {
      return (await load({ tenantId, key: 'team' })) ?? (await load({ tenantId, key: 'enterprise' }));
    },
  };
}
