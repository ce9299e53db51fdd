import type { TenantRoles } from '../domain/tenant.js';
import type { TenantStore } from '../ports/tenants.js';
import type { BotContext } from '../chat/types.js';
import type { SettingsViewer } from './admin.js';

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

/**
 * The person as the settings form sees them: their ids (checked against `roles.admins` by the
 * form, which also keeps a listed admin from removing themselves) and whether the platform makes
 * them an admin otherwise (a Slack workspace admin or owner, a member of an admin user group).
 */
export async function settingsViewerOf(deps: { tenants: TenantStore }, ctx: BotContext): Promise<SettingsViewer> {
  const ids = [ctx.userId, ...(ctx.aliases ?? [])];
  const { roles } = await deps.tenants.get(ctx.tenantId);
  const listed = roles.admins.some((a) => ids.some((id) => id.toLowerCase() === a.toLowerCase()));
  return { ids, platformAdmin: !listed && (await isTenantAdmin(deps, ctx, roles)) };
}
