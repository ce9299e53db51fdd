import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { PlatformError } from '../../core/errors.js';
import type { WebhookSender } from '../../core/ports/webhooks.js';

/** Addresses a tenant must not make the service call (SSRF): loopback, private, link-local, metadata. */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::1', 128], ['::', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is. */
function isPrivate(address: string, family: number): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

const TIMEOUT_MS = 10_000;

/** The signature a receiver recomputes: HMAC-SHA256 of "<timestamp>.<body>" with the schedule's secret. */
export const webhookSignature = (secret: string, timestamp: number, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE) lets plain http and private addresses through, for
 * tools on the same network and for tests; otherwise only https to public addresses.
 */
export function createWebhookSender(o: { allowPrivate: boolean; timeoutMs?: number }): WebhookSender {
  const refusal = async (raw: string): Promise<string | null> => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'webhook_bad_url';
    }
    if (o.allowPrivate) return ['http:', 'https:'].includes(url.protocol) ? null : 'webhook_bad_url';
    if (url.protocol !== 'https:') return 'webhook_not_https';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: { address: string; family: number }[];
    try {
      addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
    } catch {
      return 'webhook_unknown_host';
    }
    return addresses.some((a) => isPrivate(a.address, a.family)) ? 'webhook_private_address' : null;
  };
  return {
    refusal,
    async send(url, payload, { secret, deliveryId, now }) {
      const problem = await refusal(url);
      if (problem) throw new PlatformError(problem);
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(now.getTime() / 1000);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          body,
          // a redirect could lead anywhere (also inside the network): not followed
          redirect: 'manual',
          signal: AbortSignal.timeout(o.timeoutMs ?? TIMEOUT_MS),
          headers: { 'content-type': 'application/json', 'user-agent': 'cs-ops-bot', 'x-csops-delivery': deliveryId, 'x-csops-timestamp': String(timestamp), 'x-csops-signature': webhookSignature(secret, timestamp, body) },
        });
      } catch (e) {
        throw new PlatformError((e as Error).name === 'TimeoutError' ? 'webhook_timeout' : 'webhook_unreachable');
      }
      await res.body?.cancel();
      if (res.ok) return;
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new PlatformError(`http_${res.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    },
  };
}
