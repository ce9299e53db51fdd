/**
 * One POST over a connection to an address chosen in advance: the name is never resolved again
 * (no DNS rebinding between the check and the connection), while the URL's host name still
 * goes in the Host header and TLS SNI, so certificates are checked against it.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export class PinnedTimeoutError extends Error {}

/** net.connect's lookup, answering with the checked address (one or `all`, as asked). */
const pinnedLookup =
  (t: PinnedTarget): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: t.address, family: t.family }]);
    else callback(null, t.address, t.family);
  };

export function postPinned(t: PinnedTarget, body: string, headers: Record<string, string>, o: { timeoutMs: number; ca?: string }): Promise<{ status: number; retryAfter?: string }> {
  const request = t.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      t.url,
      {
        method: 'POST',
        // a fresh connection for this address: a pooled socket could be connected elsewhere
        agent: false,
        lookup: pinnedLookup(t),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(o.ca ? { ca: o.ca } : {}),
      },
      (res) => {
        clearTimeout(timer);
        // the answer's body is not needed; redirects are never followed
        res.resume();
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, ...(retryAfter ? { retryAfter } : {}) });
      },
    );
    const timer = setTimeout(() => req.destroy(new PinnedTimeoutError('timeout')), o.timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}
