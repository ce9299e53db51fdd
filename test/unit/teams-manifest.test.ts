import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, finishHttpApp, type HttpDeps } from '../../src/adapters/http/app.js';
import { LEGAL_PATHS } from '../../src/adapters/http/routes/legal.js';
import { createLogger } from '../../src/infra/observability/logger.js';
import { createMetrics } from '../../src/infra/observability/metrics.js';

const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as {
  manifestVersion: string;
  developer: { privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  validDomains: string[];
};
const size = (file: string) => {
  const png = readFileSync(`manifests/teams/${file}`);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

describe('Teams manifest', () => {
  it('uses the current schema, valid icons and lists the bot commands', () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(size(manifest.icons.color)).toEqual([192, 192]);
    expect(size(manifest.icons.outline)).toEqual([32, 32]);
    const commands = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(commands).toEqual(expect.arrayContaining(['kpi', 'help']));
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
  });
});

describe('the privacy and terms pages the manifest links to', () => {
  // the service's own HTTP app (helmet and all); these pages touch no dependency
  let server: ReturnType<ReturnType<typeof createHttpApp>['listen']>;
  let base: string;
  beforeAll(async () => {
    const logger = createLogger('silent');
    const app = createHttpApp({ logger, metrics: createMetrics(), bodyLimit: 1024, ready: async () => true } as unknown as HttpDeps);
    finishHttpApp(app, logger);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server?.close(r)));

  const urls = () => [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl].map((u) => new URL(u));

  it('point at the public host and at routes the service serves', () => {
    expect(urls().map((u) => u.pathname)).toEqual([LEGAL_PATHS.privacy, LEGAL_PATHS.terms]);
    for (const u of urls()) {
      expect(u.protocol).toBe('https:');
      expect(manifest.validDomains).toContain(u.host.toUpperCase());
    }
  });

  it.each([
    ['en', { 'accept-language': 'en-US,en;q=0.9' }, '', /Privacy notice|Terms of use/, /erase|retention/i],
    ['pt-BR', { 'accept-language': 'pt-BR,pt;q=0.9' }, '', /Aviso de privacidade|Termos de uso/, /apagad|retenção/i],
    ['pt-BR', { 'accept-language': 'en' }, '?lang=pt-BR', /Aviso de privacidade|Termos de uso/, /apagad|retenção/i],
    ['en', { 'accept-language': 'pt-BR' }, '?lang=en', /Privacy notice|Terms of use/, /erase|retention/i],
  ] as const)('answer 200 with plain HTML in %s (%j %s), helmet’s CSP and nothing from elsewhere', async (lang, headers, query, title, words) => {
    for (const u of urls()) {
      const res = await fetch(`${base}${u.pathname}${query}`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-language')).toBe(lang);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toMatch(title);
      expect(html).not.toMatch(/<script|<img|<link|<iframe|https?:\/\//i);
      if (u.pathname === LEGAL_PATHS.privacy) expect(html).toMatch(words);
    }
  });
});
