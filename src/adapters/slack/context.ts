import type { AllMiddlewareArgs } from '@slack/bolt';
import type { BotContext } from '../../core/chat/types.js';
import { isSlackTenantId, supervisorsOf } from '../../core/domain/tenant.js';
import { ForbiddenError } from '../../core/errors.js';
import { toLocale } from '../../core/i18n/index.js';
import type { TenantStore } from '../../core/ports/tenants.js';
import type { Logger } from '../../infra/observability/logger.js';
import { TtlCache } from './cache.js';
import { SLACK_PROFILE } from './profile.js';

export type SlackClient = AllMiddlewareArgs['client'];
export type BoltContext = AllMiddlewareArgs['context'];

/** Who acted and where, as Bolt hands it to a listener. */
export interface SlackActor {
  context: BoltContext;
  userId: string;
  channelId: string;
  client: SlackClient;
}

export type ContextResolver = (actor: SlackActor) => Promise<BotContext>;

export interface ContextDeps {
  tenants: TenantStore;
  isSupervisor(tenantId: string, userId: string): Promise<boolean>;
  /** SUPERVISOR_IDS that count in a tenant: user ids and Slack user group ids (S…) */
  supervisorIdsIn(tenantId: string): string[];
  now: () => Date;
  logger: Logger;
  /** how long a user's Slack language is remembered (the console switches it at will: 0) */
  localeCacheMs?: number;
  /** how long a user's workspace admin flag is remembered (default 60 s) */
  adminCacheMs?: number;
}

/**
 * The tenant: the organisation for org-wide (Enterprise Grid) installs, else the workspace —
 * ids from the signed request, never from anything the user typed.
 */
export function tenantIdOf(context: Pick<BoltContext, 'isEnterpriseInstall' | 'enterpriseId' | 'teamId'>): string {
  const id = context.isEnterpriseInstall && context.enterpriseId ? context.enterpriseId : (context.teamId ?? context.enterpriseId);
  if (!id) throw new Error('Slack request without a team or enterprise id');
  return id;
}

const isUserGroupId = (id: string) => /^S[A-Z0-9]{2,}$/.test(id);

/**
 * Builds the platform-neutral BotContext: the user's Slack locale (users.info, cached) or else
 * the tenant's default, and the supervisor role from SUPERVISOR_IDS, the tenant's settings or
 * membership of a supervisors' user group (usergroups.users.list, cached).
 */
export function createContextResolver(deps: ContextDeps): ContextResolver {
  const locales = new TtlCache<string, string | null>(deps.localeCacheMs ?? 10 * 60_000);
  const groups = new TtlCache<string, string[]>(5 * 60_000);
  const admins = new TtlCache<string, boolean>(deps.adminCacheMs ?? 60_000);

  /** users.info with the tenant's bot token: workspace admins and owners are the team's admins */
  async function isWorkspaceAdmin(client: SlackClient, tenantId: string, userId: string): Promise<boolean> {
    if (!client.token) return false;
    try {
      return await admins.getOrLoad(`${tenantId}/${userId}`, async () => {
        const { user } = await client.users.info({ user: userId });
        return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      });
    } catch (err) {
      // not remembered: the next command asks again
      deps.logger.warn({ err: errorCode(err), tenantId }, 'slack users.info failed; the user is not taken for a workspace admin');
      return false;
    }
  }

  async function userLocale(client: SlackClient, tenantId: string, userId: string): Promise<string | null> {
    if (!client.token) return null;
    try {
      return await locales.getOrLoad(`${tenantId}/${userId}`, async () => {
        const res = await client.users.info({ user: userId, include_locale: true });
        return res.user?.locale ?? null;
      });
    } catch (err) {
      deps.logger.warn({ err: errorCode(err), tenantId }, 'slack users.info failed; using the workspace locale');
      return null;
    }
  }

  async function groupMembers(client: SlackClient, tenantId: string, group: string): Promise<string[]> {
    return groups.getOrLoad(`${tenantId}/${group}`, async () => {
      try {
        return (await client.usergroups.users.list({ usergroup: group })).users ?? [];
      } catch (err) {
        // a group of another workspace, or no usergroups:read scope: nobody is a member here
        deps.logger.debug({ err: errorCode(err), tenantId, group }, 'slack usergroups.users.list failed');
        return [];
      }
    });
  }

  async function inAnyGroup(client: SlackClient, tenantId: string, userId: string, ids: string[]): Promise<boolean> {
    if (!client.token) return false;
    for (const group of new Set(ids.filter(isUserGroupId))) {
      if ((await groupMembers(client, tenantId, group)).includes(userId)) return true;
    }
    return false;
  }

  return async ({ context, userId, channelId, client }) => {
    const tenantId = tenantIdOf(context);
    // a Slack request acts only on a Slack-shaped tenant (never on a Teams GUID or an API-only tenant)
    if (!isSlackTenantId(tenantId)) {
      deps.logger.warn('slack: request refused, its team id is not a Slack team or enterprise id');
      throw new ForbiddenError('slack.bad_tenant');
    }
    const [tenant, tag, listed] = await Promise.all([deps.tenants.get(tenantId), userLocale(client, tenantId, userId), deps.isSupervisor(tenantId, userId)]);
    const isSupervisor = listed || (await inAnyGroup(client, tenantId, userId, [...deps.supervisorIdsIn(tenantId), ...supervisorsOf(tenant.roles)]));
    const workspace = {
      isWorkspaceAdmin: (user: string) => isWorkspaceAdmin(client, tenantId, user),
      inGroups: (ids: readonly string[], user: string) => inAnyGroup(client, tenantId, user, [...ids]),
    };
    return { platform: 'slack', chat: SLACK_PROFILE, tenantId, userId, channelId, locale: toLocale(tag, tenant.locale), isSupervisor, now: deps.now(), workspace };
  };
}

/** Slack Web API errors carry a stable code (`data.error`); never log the request itself. */
export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; data?: { error?: unknown }; message?: unknown } | null;
  if (typeof e?.data?.error === 'string') return e.data.error;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.message === 'string' ? e.message : 'unknown';
}
