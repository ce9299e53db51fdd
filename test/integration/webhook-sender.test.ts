/**
 * Outgoing webhooks cannot be turned against the network: every blocked range is refused, the
 * connection goes to the very address that was checked (a DNS answer that changes to loopback
 * is never used), and a pinned delivery still carries the URL's host name in Host and TLS SNI.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender, webhookSignature, type WebhookResolver } from '../../src/infra/webhooks/sender.js';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const BLOCKED: [range: string, address: string][] = [
  ['0.0.0.0/8', '0.1.2.3'], ['10.0.0.0/8', '10.1.2.3'], ['100.64.0.0/10', '100.64.0.1'], ['127.0.0.0/8', '127.0.0.1'],
  ['169.254.0.0/16', '169.254.169.254'], ['172.16.0.0/12', '172.16.5.4'], ['192.0.0.0/24', '192.0.0.8'], ['192.0.2.0/24', '192.0.2.1'],
  ['192.168.0.0/16', '192.168.1.1'], ['198.18.0.0/15', '198.19.0.1'], ['198.51.100.0/24', '198.51.100.7'], ['203.0.113.0/24', '203.0.113.9'],
  ['224.0.0.0/4', '224.0.0.251'], ['224.0.0.0/4', '239.255.255.250'], ['240.0.0.0/4', '240.0.0.1'], ['255.255.255.255', '255.255.255.255'],
  ['::1', '::1'], ['::', '::'], ['IPv4-compatible ::/96', '::127.0.0.1'], ['IPv4-compatible ::/96', '::8.8.8.8'],
  ['IPv4-mapped private', '::ffff:10.0.0.1'], ['IPv4-mapped loopback', '::ffff:7f00:1'], ['IPv4-translated private', '::ffff:0:192.168.0.1'],
  ['NAT64 64:ff9b::/96 of loopback', '64:ff9b::7f00:1'], ['NAT64 64:ff9b::/96 of private', '64:ff9b::10.0.0.1'], ['NAT64 local use 64:ff9b:1::/48', '64:ff9b:1::808:808'],
  ['6to4 2002::/16 of loopback', '2002:7f00:1::1'], ['6to4 2002::/16 of private', '2002:c0a8:101::1'], ['Teredo 2001::/32', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['2001:db8::/32', '2001:db8::1'], ['100::/64', '100::1'], ['fc00::/7', 'fd12:3456::1'], ['fe80::/10', 'fe80::1'], ['fec0::/10', 'fec0::1'],
  ['ff00::/8', 'ff02::1'], ['ff00::/8', 'ff0e::1'],
];
const ALLOWED = ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];
const literal = (a: string) => (a.includes(':') ? `[${a}]` : a);
const familyOf = (a: string) => (a.includes(':') ? 6 : 4);
const answering = (...addresses: string[]): WebhookResolver => async () => addresses.map((address) => ({ address, family: familyOf(address) }));
const delivery = { secret: 's3cret', deliveryId: 'd-1', now: new Date('2026-11-25T15:00:00Z') };

describe('webhook address policy', () => {
  it('refuses every blocked range, written in the URL or answered by DNS, with webhook_private_address', async () => {
    const strict = createWebhookSender({ allowPrivate: false, resolve: answering('93.184.215.14') });
    for (const [range, address] of BLOCKED) {
      expect(await strict.refusal(`https://${literal(address)}/hook`), `${range}: ${address}`).toBe('webhook_private_address');
      const named = createWebhookSender({ allowPrivate: false, resolve: answering(address) });
      expect(await named.refusal('https://hooks.example.test/hook'), `${range}: ${address} by DNS`).toBe('webhook_private_address');
      await expect(named.send('https://hooks.example.test/hook', {}, delivery)).rejects.toMatchObject({ platformCode: 'webhook_private_address' });
    }
  });

  it('lets public addresses through, IPv6 forms of a public IPv4 included; one blocked answer among public ones refuses', async () => {
    for (const address of ALLOWED) {
      expect(await createWebhookSender({ allowPrivate: false }).refusal(`https://${literal(address)}/hook`), address).toBeNull();
      expect(await createWebhookSender({ allowPrivate: false, resolve: answering(address) }).refusal('https://hooks.example.test/hook'), address).toBeNull();
    }
    const mixed = createWebhookSender({ allowPrivate: false, resolve: answering('93.184.215.14', '10.0.0.7') });
    expect(await mixed.refusal('https://hooks.example.test/hook')).toBe('webhook_private_address');
    const failing = createWebhookSender({ allowPrivate: false, resolve: () => Promise.reject(new Error('ENOTFOUND')) });
    expect(await failing.refusal('https://hooks.example.test/hook')).toBe('webhook_unknown_host');
  });
});

describe('DNS rebinding', () => {
  it('connects to the address it checked: a later answer pointing at loopback is never used', async () => {
    let connections = 0;
    const trap = createNetServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    trap.listen(0, '127.0.0.1');
    await once(trap, 'listening');
    const { port } = trap.address() as AddressInfo;
    let lookups = 0;
    // public first (passes the check), loopback on every later question
    const rebinding: WebhookResolver = async () => [lookups++ === 0 ? { address: '93.184.215.14', family: 4 } : { address: '127.0.0.1', family: 4 }];
    const sender = createWebhookSender({ allowPrivate: false, timeoutMs: 1500, resolve: rebinding });
    try {
      await expect(sender.send(`https://rebind.example.test:${port}/hook`, { report: 1 }, delivery)).rejects.toMatchObject({ platformCode: expect.stringMatching(/^webhook_(unreachable|timeout)$/) });
      expect(connections).toBe(0);
      expect(lookups).toBe(1);
    } finally {
      trap.close();
    }
  });
});

describe('a pinned delivery', () => {
  let hook: RecordingServer;
  let dir: string;
  beforeAll(async () => {
    hook = await startRecordingServer();
    dir = mkdtempSync(join(tmpdir(), 'webhook-tls-'));
  });
  afterAll(async () => {
    await hook?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches the checked address with the URL host name in the Host header, resolved once', async () => {
    let lookups = 0;
    const sender = createWebhookSender({ allowPrivate: true, resolve: async () => (lookups++, [{ address: '127.0.0.1', family: 4 }]) });
    const port = new URL(hook.url).port;
    await sender.send(`http://hooks.example.test:${port}/cs?x=1`, { report: 1 }, delivery);
    const [req] = hook.calls('/cs');
    expect(req!.headers['host']).toBe(`hooks.example.test:${port}`);
    expect(req!.query).toEqual({ x: '1' });
    expect(req!.headers['x-csops-signature']).toBe(webhookSignature('s3cret', Math.floor(delivery.now.getTime() / 1000), req!.raw));
    expect(lookups).toBe(1);
  });

  it('over TLS sends the host name as SNI and checks the certificate against it', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=hooks.example.test', '-addext', 'subjectAltName=DNS:hooks.example.test'], { stdio: 'ignore' });
    const seen: { servername: string | false; host: string | undefined }[] = [];
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      seen.push({ servername: (req.socket as { servername?: string | false }).servername ?? false, host: req.headers.host });
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const sender = createWebhookSender({ allowPrivate: true, ca: readFileSync(cert, 'utf8'), resolve: answering('127.0.0.1') });
    try {
      await sender.send(`https://hooks.example.test:${port}/cs`, { report: 1 }, delivery);
      expect(seen).toEqual([{ servername: 'hooks.example.test', host: `hooks.example.test:${port}` }]);
      // same address, another name: its certificate does not match, nothing is sent
      await expect(sender.send(`https://other.example.test:${port}/cs`, { report: 1 }, delivery)).rejects.toMatchObject({ platformCode: 'webhook_unreachable' });
      expect(seen).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
