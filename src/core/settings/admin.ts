import type { TenantRoles } from '../domain/tenant.js';
import { ForbiddenError } from '../errors.js';

/** Who asks to change a tenant's settings from chat. */
export interface SettingsViewer {
  /** the person's ids on the platform (Teams: the AAD object id and the 29:… id) */
  ids: readonly string[];
  /** the platform itself says so (e.g. a Slack workspace admin or owner), resolved by the adapter */
  platformAdmin?: boolean;
}

/**
 * Whether a viewer may change settings: chat adapters resolve `platformAdmin` with the one admin
 * rule (core/chat/admins.ts isTenantAdmin: roles.admins, Slack user groups, workspace admins);
 * the ids are checked against `roles.admins` as well, in any case.
 */
export const isSettingsAdmin = (roles: TenantRoles, viewer: SettingsViewer): boolean =>
  viewer.platformAdmin === true || viewer.ids.some((id) => roles.admins.some((a) => a.toLowerCase() === id.toLowerCase()));

export function assertSettingsAdmin(roles: TenantRoles, viewer: SettingsViewer): void {
  if (!isSettingsAdmin(roles, viewer)) throw new ForbiddenError('settings.admin_only');
}
