/**
 * Which addresses a tenant's webhook must never make the service call (SSRF): anything not
 * plainly a public unicast address. IPv6 forms that carry an IPv4 address (mapped, translated,
 * NAT64, 6to4) are judged by that IPv4 address too.
 */
import { BlockList, isIP } from 'node:net';

const V4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
] as const) V4.addSubnet(net, bits, 'ipv4');

const V6 = new BlockList();
for (const [net, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b:1::', 48], // local-use NAT64: where the IPv4 address sits is the operator's choice
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: tunnels to an address we cannot judge
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) V6.addSubnet(net, bits, 'ipv6');

/** 16 bytes of an IPv6 address (zone id dropped), or null when it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  const text = address.split('%')[0]!;
  if (isIP(text) !== 6) return null;
  let words = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    words = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = words.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const all = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

const zero = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
const dottedOf = (bytes: number[], at: number) => bytes.slice(at, at + 4).join('.');

/** The IPv4 address an IPv6 address stands for (mapped, translated, NAT64 64:ff9b::/96, 6to4), if any. */
export function embeddedIpv4(bytes: number[]): string | null {
  const ffff = bytes[10] === 0xff && bytes[11] === 0xff;
  if (zero(bytes, 0, 10) && ffff) return dottedOf(bytes, 12); // ::ffff:a.b.c.d
  if (zero(bytes, 0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zero(bytes, 10, 12)) return dottedOf(bytes, 12); // ::ffff:0:a.b.c.d
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(bytes, 4, 12)) return dottedOf(bytes, 12); // 64:ff9b::a.b.c.d
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dottedOf(bytes, 2); // 2002:aabb:ccdd::
  return null;
}

/** True when the service must not connect to this address (anything that is not an IP is refused). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return V4.check(address, 'ipv4');
  const bytes = family === 6 ? ipv6Bytes(address) : null;
  if (!bytes) return true;
  const v4 = embeddedIpv4(bytes);
  if (v4 && V4.check(v4, 'ipv4')) return true;
  return V6.check(address.split('%')[0]!, 'ipv6');
}
