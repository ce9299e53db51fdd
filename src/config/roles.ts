import { isSlackTenantId, isTeamsTenantId } from '../core/domain/tenant.js';

/** SUPERVISOR_IDS split into ids valid everywhere and ids valid in one tenant only. */
export interface SupervisorIds {
  /** unscoped ids: supervisors in every tenant (kept for one-workspace setups) */
  everywhere: string[];
  byTenant: Map<string, string[]>;
  /** the first entry that is neither (a `tenant:` with no user) */
  bad?: string;
}

const isTenantId = (id: string) => isSlackTenantId(id) || isTeamsTenantId(id);

/**
 * `T0123:U1` and `<tenant guid>:<AAD object id>` are scoped to their tenant; anything else is an
 * unscoped id. Teams user ids such as `29:1abc…` hold a colon too: the part before it is not a
 * tenant id, so they stay unscoped. Teams tenant GUIDs are compared in lower case.
 */
export function parseSupervisorIds(ids: string[]): SupervisorIds {
  const out: SupervisorIds = { everywhere: [], byTenant: new Map() };
  for (const id of ids) {
    const i = id.indexOf(':');
    const tenant = i > 0 ? id.slice(0, i) : '';
    if (!isTenantId(tenant)) {
      out.everywhere.push(id);
      continue;
    }
    const user = id.slice(i + 1);
    if (!user) {
      out.bad ??= id;
      continue;
    }
    const key = isTeamsTenantId(tenant) ? tenant.toLowerCase() : tenant;
    out.byTenant.set(key, [...(out.byTenant.get(key) ?? []), user]);
  }
  return out;
}

/** The configured supervisor ids that count in one tenant. */
export const supervisorIdsIn = (ids: SupervisorIds, tenantId: string): string[] => [...ids.everywhere, ...(ids.byTenant.get(tenantId) ?? [])];
