import type { TenantRoles } from '../domain/tenant.js';
import type { TenantStore } from '../ports/tenants.js';
import type { BotContext } from './types.js';

const isGroupId = (id: string) => /^S[A-Z0-9]{2,}$/.test(id);

/**
 * Whether the person acting may change the tenant's settings: listed in `roles.admins` (by
 * user id, AAD id in any case, or a Slack user group), or an admin or owner of the Slack
 * workspace. Read on every call: a role granted through the settings counts at once.
 */
export async function isTenantAdmin(deps: { tenants: TenantStore }, ctx: BotContext, roles?: TenantRoles): Promise<boolean> {
  const { admins } = roles ?? (await deps.tenants.get(ctx.tenantId)).roles;
  const ids = new Set([ctx.userId, ...(ctx.aliases ?? [])].map((id) => id.toLowerCase()));
  if (admins.some((id) => ids.has(id.toLowerCase()))) return true;
  if (!ctx.workspace) return false;
  const groups = admins.filter(isGroupId);
  if (groups.length > 0 && (await ctx.workspace.inGroups(groups, ctx.userId))) return true;
  return ctx.workspace.isWorkspaceAdmin(ctx.userId);
}
