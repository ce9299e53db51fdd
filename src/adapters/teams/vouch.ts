import { isTeamsTenantId } from '../../core/domain/tenant.js';

/** The parts of an activity that say whose it is and where answers go. */
export interface VouchedFields {
  serviceUrl?: string;
  conversation?: { tenantId?: string };
  channelData?: { tenant?: { id?: string } };
}

export type Refusal = 'no_tenant' | 'tenant_not_guid' | 'tenant_mismatch' | 'other_tenant' | 'service_url_not_loopback';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** http(s)://127.0.0.1, localhost or [::1], any port: the only places an unauthenticated bot may post to. */
export function isLoopbackUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * The activity's tenant: the AAD tenant of its conversation (`conversation.tenantId`, else
 * `channelData.tenant.id`; both, when present, must agree), a GUID, lower-cased, and the bot's
 * own tenant when it is single-tenant; else the reason it is refused.
 */
export function teamsTenantOf(a: VouchedFields, singleTenant?: string): { tenantId: string } | { refused: Refusal } {
  const fromConversation = a.conversation?.tenantId;
  const fromChannel = a.channelData?.tenant?.id;
  const raw = fromConversation ?? fromChannel;
  if (!raw) return { refused: 'no_tenant' };
  if (![fromConversation, fromChannel].every((id) => id === undefined || isTeamsTenantId(id))) return { refused: 'tenant_not_guid' };
  const tenantId = raw.toLowerCase();
  if (fromChannel !== undefined && fromChannel.toLowerCase() !== tenantId) return { refused: 'tenant_mismatch' };
  if (singleTenant && singleTenant.toLowerCase() !== tenantId) return { refused: 'other_tenant' };
  return { tenantId };
}

/**
 * Whether the service may act on this activity. Authenticated, the SDK has already checked that
 * the token's `serviceurl` claim equals the body's `serviceUrl`; unauthenticated, nobody vouched
 * for the serviceUrl, so only loopback ones are kept (else the bot would post wherever told).
 */
export function vouch(a: VouchedFields, o: { authenticated: boolean; singleTenant?: string }): { tenantId: string } | { refused: Refusal } {
  const tenant = teamsTenantOf(a, o.singleTenant);
  if ('refused' in tenant) return tenant;
  if (!o.authenticated && a.serviceUrl !== undefined && !isLoopbackUrl(a.serviceUrl)) return { refused: 'service_url_not_loopback' };
  return tenant;
}
