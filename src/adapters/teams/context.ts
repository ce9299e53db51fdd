import type { BotContext } from '../../core/chat/types.js';
import { toLocale } from '../../core/i18n/index.js';
import type { PlatformMountOptions } from '../platform.js';
import { TEAMS_PROFILE } from './profile.js';
import { teamsTenantOf } from './vouch.js';

/** The parts of a Teams activity the bot needs. */
export interface ActivityLike {
  locale?: string;
  from: { id: string; aadObjectId?: string };
  conversation: { id: string; tenantId?: string };
  channelData?: { tenant?: { id?: string } };
}

/**
 * Tenant = the AAD tenant of the conversation (checked by vouch.ts before any route runs);
 * user = the AAD object id (SUPERVISOR_IDS use it).
 */
export async function teamsContext(o: PlatformMountOptions, a: ActivityLike): Promise<BotContext | null> {
  const vouched = teamsTenantOf(a, o.config.TEAMS_TENANT_ID);
  if (!('tenantId' in vouched)) return null;
  const { tenantId } = vouched;
  const userId = a.from.aadObjectId ?? a.from.id;
  const tenant = await o.tenants.get(tenantId);
  return {
    platform: 'teams',
    chat: TEAMS_PROFILE,
    tenantId,
    userId,
    ...(a.from.aadObjectId && a.from.id !== userId ? { aliases: [a.from.id] } : {}),
    channelId: a.conversation.id,
    locale: toLocale(a.locale, tenant.locale),
    isSupervisor: await o.isSupervisor(tenantId, userId),
    now: o.now(),
  };
}
