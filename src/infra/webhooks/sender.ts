import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PlatformError } from '../../core/errors.js';
import type { WebhookSender } from '../../core/ports/webhooks.js';
import { isBlockedAddress } from './address-policy.js';
import { PinnedTimeoutError, postPinned, type PinnedTarget } from './pinned-post.js';

/** A host name → its addresses (the system resolver unless a test injects one). */
export type WebhookResolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: WebhookResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

const TIMEOUT_MS = 10_000;

/** The signature a receiver recomputes: HMAC-SHA256 of "<timestamp>.<body>" with the schedule's secret. */
export const webhookSignature = (secret: string, timestamp: number, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export interface WebhookSenderOptions {
  /** WEBHOOK_ALLOW_PRIVATE: plain http and private addresses too (tools on the same network, tests) */
  allowPrivate: boolean;
  timeoutMs?: number;
  resolve?: WebhookResolver;
  /** extra trusted certificate authority (PEM), for tests of the TLS path */
  ca?: string;
}

/**
 * Without `allowPrivate`, only https to public addresses. The host is resolved once: every
 * address it has must be allowed, and the connection goes to the first of them.
 */
export function createWebhookSender(o: WebhookSenderOptions): WebhookSender {
  const resolve = o.resolve ?? systemResolver;
  const target = async (raw: string): Promise<PinnedTarget | { refused: string }> => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { refused: 'webhook_bad_url' };
    }
    if (!['http:', 'https:'].includes(url.protocol)) return { refused: 'webhook_bad_url' };
    if (!o.allowPrivate && url.protocol !== 'https:') return { refused: 'webhook_not_https' };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: { address: string; family: number }[];
    try {
      addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
    } catch {
      return { refused: 'webhook_unknown_host' };
    }
    const first = addresses[0];
    if (!first || (first.family !== 4 && first.family !== 6)) return { refused: 'webhook_unknown_host' };
    if (!o.allowPrivate && addresses.some((a) => isBlockedAddress(a.address))) return { refused: 'webhook_private_address' };
    return { url, address: first.address, family: first.family };
  };
  return {
    async refusal(url) {
      const t = await target(url);
      return 'refused' in t ? t.refused : null;
    },
    async send(url, payload, { secret, deliveryId, now }) {
      const t = await target(url);
      if ('refused' in t) throw new PlatformError(t.refused);
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(now.getTime() / 1000);
      const headers = { 'content-type': 'application/json', 'user-agent': 'cs-ops-bot', 'x-csops-delivery': deliveryId, 'x-csops-timestamp': String(timestamp), 'x-csops-signature': webhookSignature(secret, timestamp, body) };
      let res: { status: number; retryAfter?: string };
      try {
        res = await postPinned(t, body, headers, { timeoutMs: o.timeoutMs ?? TIMEOUT_MS, ...(o.ca ? { ca: o.ca } : {}) });
      } catch (e) {
        throw new PlatformError(e instanceof PinnedTimeoutError ? 'webhook_timeout' : 'webhook_unreachable');
      }
      if (res.status >= 200 && res.status < 300) return;
      const retryAfter = Number(res.retryAfter);
      throw new PlatformError(`http_${res.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    },
  };
}
