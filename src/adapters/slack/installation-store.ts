import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationRepository } from '../../core/ports/installations.js';
import type { Logger } from '../../infra/observability/logger.js';
import { DataKeyError, type KeyRing } from '../../infra/security/key-ring.js';
import { openInstallation, sealInstallation } from '../../infra/security/sealed-fields.js';
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

/** Slack's user ids whose tokens were revoked (`tokens_revoked`: bot users, and users of user tokens). */
export interface RevokedTokens {
  bot: string[];
  oauth: string[];
}

export interface SlackInstallationStore extends InstallationStore {
  /** the installation serving a tenant (its bot token sends proactive updates), or null */
  fetchByTenant(tenantId: string): Promise<Installation | null>;
  /** forgets revoked tokens; an installation left without any token is removed */
  revokeTokens(query: InstallationQuery<boolean>, revoked: RevokedTokens): Promise<'removed' | 'updated' | 'unchanged'>;
}

type Data = Record<string, unknown> & { bot?: { userId?: string; token?: string }; user?: { id?: string; token?: string } };

/** What stays of an installation once the revoked tokens are gone: fields to unset, or nothing left. */
function afterRevocation(data: Data, revoked: RevokedTokens): { unset: string[]; empty: boolean } {
  // an installation has one bot user; without its id any revoked bot token of the app is it
  const bot = Boolean(data.bot?.token) && revoked.bot.length > 0 && (!data.bot?.userId || revoked.bot.includes(data.bot.userId));
  const user = Boolean(data.user?.token) && Boolean(data.user?.id) && revoked.oauth.includes(data.user!.id!);
  const unset = [...(bot ? ['bot.token', 'bot.refreshToken', 'bot.expiresAt'] : []), ...(user ? ['user.token', 'user.refreshToken', 'user.expiresAt'] : [])];
  const left = (data.bot?.token && !bot) || (data.user?.token && !user);
  return { unset, empty: !left };
}

/**
 * Slack OAuth installations in MongoDB (`installations`, platform "slack"), one per tenant, with
 * their tokens sealed by the key ring (AES-256-GCM). Decrypted installations are cached for a
 * few minutes so that authorising a request, which Bolt does before a listener can acknowledge
 * it, rarely waits on the database.
 */
export function createInstallationStore(records: InstallationRepository, ring: KeyRing, logger: Logger, cacheMs = 5 * 60_000): SlackInstallationStore {
  const cache = new TtlCache<string, Installation>(cacheMs);
  const id = (w: Where) => `${w.tenantId}/${w.key}`;
  const record = (w: Where) => ({ tenantId: w.tenantId, platform: 'slack' as const, key: w.key });
  // an undecryptable installation is reported once per process, not on every request
  const reported = new Set<string>();

  // only found installations are cached: a workspace installed through another replica works at once
  const load = async (w: Where): Promise<Installation | null> => {
    const hit = cache.get(id(w));
    if (hit) return hit;
    const stored = await records.find(record(w));
    if (!stored) return null;
    let data: Installation;
    try {
      data = openInstallation(ring, w.tenantId, w.key, stored) as unknown as Installation;
    } catch (e) {
      if (e instanceof DataKeyError && !reported.has(id(w))) logger.error({ tenantId: w.tenantId, code: e.code, kid: e.kid }, `slack installation unusable: ${e.message}`);
      if (e instanceof DataKeyError) reported.add(id(w));
      throw e;
    }
    cache.set(id(w), data);
    return data;
  };

  return {
    async storeInstallation(installation) {
      const where = tenantOfInstallation(installation);
      // absent fields stay absent (the driver would store `undefined` as null)
      const data = JSON.parse(JSON.stringify(installation)) as Installation;
      // every write seals under the current key: an installation made under an older key moves on
      const sealed = sealInstallation(ring, where.tenantId, where.key, data as unknown as Record<string, unknown>);
      await records.put(record(where), sealed, new Date());
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
        await records.remove(record(where));
        cache.delete(id(where));
      }
    },
    async revokeTokens(query, revoked) {
      const where = whereFor(query)[0];
      if (!where) return 'unchanged';
      // user ids are stored in clear beside the sealed tokens: nothing needs decrypting here
      const stored = await records.find(record(where));
      if (!stored) return 'unchanged';
      const { unset, empty } = afterRevocation(stored as Data, revoked);
      if (unset.length === 0) return 'unchanged';
      if (empty) await records.remove(record(where));
      else await records.unsetFields(record(where), unset, new Date());
      // after the write: a read in between must not put the revoked token back in the cache
      cache.delete(id(where));
      return empty ? 'removed' : 'updated';
    },
    async fetchByTenant(tenantId) {
      return (await load({ tenantId, key: 'team' })) ?? (await load({ tenantId, key: 'enterprise' }));
    },
  };
}
