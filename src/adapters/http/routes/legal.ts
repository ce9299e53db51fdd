import { Router, type Request } from 'express';
import { t, toLocale, type Locale } from '../../../core/i18n/index.js';

/** Where the Teams manifest's privacyUrl and termsOfUseUrl point (manifests/teams/manifest.json). */
export const LEGAL_PATHS = { privacy: '/legal/privacy', terms: '/legal/terms' } as const;
type Page = keyof typeof LEGAL_PATHS;

/** Each page: sections of a title key and paragraph (or list item) keys, under `legal.<page>.`. */
const PAGES: Record<Page, [section: string, items: string[]][]> = {
  privacy: [
    ['keep', ['interactions', 'surveys', 'meetings', 'settings', 'usage']],
    ['not', ['messages', 'secrets', 'charts']],
    ['retention', ['body']],
    ['erasure', ['body']],
    ['sharing', ['body']],
  ],
  terms: [
    ['use', ['body']],
    ['data', ['body']],
    ['warranty', ['body']],
    ['changes', ['body']],
  ],
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `?lang=` first, then Accept-Language; English otherwise. */
const pageLocale = (req: Request): Locale => {
  const lang = req.query['lang'];
  return toLocale(typeof lang === 'string' ? lang : req.get('accept-language'), 'en');
};

/** Plain HTML, no script and nothing from elsewhere: it passes helmet's default CSP. */
export function legalPage(page: Page, locale: Locale): string {
  const k = (key: string) => escape(t(locale, `legal.${page}.${key}`));
  const sections = PAGES[page].map(([section, items]) => {
    const texts = items.map((i) => k(`${section}.${i}`));
    const body = items.length > 1 ? `<ul>${texts.map((x) => `<li>${x}</li>`).join('')}</ul>` : `<p>${texts[0]}</p>`;
    return `<h2>${k(`${section}.title`)}</h2>${body}`;
  });
  const other: Page = page === 'privacy' ? 'terms' : 'privacy';
  const link = (path: string, lang: Locale, text: string) => `<a href="${path}?lang=${lang}" hreflang="${lang}">${escape(text)}</a>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${k('title')}</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1d3557}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.6rem}nav{font-size:.9rem}a{color:#1d3557}</style>
</head><body>
<nav>${escape(t(locale, 'legal.lang'))}: ${link(LEGAL_PATHS[page], 'pt-BR', 'Português (Brasil)')} · ${link(LEGAL_PATHS[page], 'en', 'English')}</nav>
<h1>${k('title')}</h1>
<p>${k('intro')}</p>
${sections.join('\n')}
<p>${link(LEGAL_PATHS[other], locale, t(locale, other === 'terms' ? 'legal.see_terms' : 'legal.see_privacy'))}</p>
</body></html>
`;
}

/** GET /legal/privacy and /legal/terms, in pt-BR or en; public (no key). */
export function legalRoutes() {
  const router = Router();
  for (const page of Object.keys(LEGAL_PATHS) as Page[]) {
    router.get(LEGAL_PATHS[page], (req, res) => {
      const locale = pageLocale(req);
      res.set('content-language', locale);
      res.set('vary', 'Accept-Language');
      res.set('cache-control', 'public, max-age=3600');
      res.type('html').send(legalPage(page, locale));
    });
  }
  return router;
}
