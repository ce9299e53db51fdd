/**
 * The report document over REST on the real service: a seeded tenant's PDF, read back with
 * poppler's `pdftotext`, has the nine parts and the annex, the numbers of GET /api/v1/kpis, the
 * root-cause ranking of the seeded records, the team and period on every page, page numbers,
 * and more pages for more content. Bad parameters get a localized 400; a signed link serves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { formatInt, formatMinutes, formatPercent } from '../../src/core/cards/format.js';
import { pdfPagePng, pdfPages } from '../support/pdf.js';
import { KEYS, startTestService, type TestService } from '../support/service.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const PERIOD = '30d';
const json = { 'content-type': 'application/json' };
let svc: TestService;
let clock = NOW;

const CAUSES = ['Firmware bug', 'Firmware bug', 'Firmware bug', 'Firmware bug', 'Courier delay', 'Courier delay', 'Courier delay', 'Wrong manual', 'Wrong manual', 'Billing rule'];
const PRODUCTS = [{ brand: 'Acme', model: 'X1' }, { brand: 'Acme', model: 'X2' }];

/** `n` resolved tickets over the 30 days, some with service-report fields; `open` still open ones. */
function seedRecords(prefix: string, n: number, open: number, categories: string[]) {
  const day = 86_400_000;
  const resolved = Array.from({ length: n }, (_, i) => {
    const created = NOW.getTime() - ((i % 28) + 1) * day + (i % 7) * 3_600_000;
    return {
      externalId: `${prefix}-r${i}`,
      channel: i % 3 === 0 ? 'chat' : 'email',
      customer: { id: `${prefix}-c${i % 6}` },
      agent: { id: `ag${i % 3}`, name: `Agent ${i % 3}` },
      category: categories[i % categories.length],
      status: 'resolved',
      createdAt: new Date(created).toISOString(),
      firstResponseAt: new Date(created + (10 + i) * 60_000).toISOString(),
      resolvedAt: new Date(created + (60 + 5 * i) * 60_000).toISOString(),
      ...(i < CAUSES.length ? { rootCause: CAUSES[i], problem: i % 2 ? 'Device reboots' : 'Late delivery', product: PRODUCTS[i % 2], notes: `Check step ${i} before closing` } : {}),
      ...(i === 0 || i === 4 ? { reopenedAt: [new Date(created + 30 * 60_000).toISOString()] } : {}),
    };
  });
  const opened = Array.from({ length: open }, (_, i) => {
    const created = NOW.getTime() - (i + 2) * 3 * 3_600_000;
    return { externalId: `${prefix}-open${i}`, channel: 'phone', customer: { id: `${prefix}-o${i}` }, agent: { id: 'ag1', name: 'Agent 1' }, category: categories[i % categories.length], status: 'open', createdAt: new Date(created).toISOString() };
  });
  return [...resolved, ...opened];
}

async function seed(key: string, records: unknown[], csat: number[]) {
  for (let i = 0; i < records.length; i += 200) {
    const res = await svc.api('/api/v1/interactions', { key, method: 'POST', body: JSON.stringify(records.slice(i, i + 200)), headers: json });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  const answers = csat.map((score, i) => ({ type: 'csat', score, externalId: `${key}-s${i}`, respondedAt: new Date(NOW.getTime() - (i + 1) * 86_400_000).toISOString() }));
  expect((await svc.api('/api/v1/survey-responses', { key, method: 'POST', body: JSON.stringify(answers), headers: json })).status).toBe(200);
}

/** The PDF of a query, its text per page (pdftotext -layout, pages split at form feeds). */
async function fetchPdf(query: string, key = KEYS.a, headers: Record<string, string> = {}) {
  const res = await svc.api(`/api/v1/reports/document?${query}`, { key, headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  return { pdf, pages: pdfPages(pdf) };
}

beforeAll(async () => {
  svc = await startTestService({ PUBLIC_URL: 'http://127.0.0.1:1' }, () => clock);
  const tenants = svc.service.deps.tenants;
  await tenants.update('TA', { name: 'Acme Support' });
  await tenants.update('TB', { name: 'Beta Care' });
  const patch = await svc.api('/api/v1/settings', { method: 'PATCH', body: JSON.stringify({ targets: { 'csat.score': { op: '>=', value: 0.9 }, 'firstResponseMinutes.median': { op: '<=', value: 20 } } }), headers: json });
  expect(patch.status).toBe(200);
  await seed(KEYS.a, seedRecords('a', 40, 3, ['billing', 'delivery']), [5, 4, 5, 2, 5, 4]);
  // tenant B: the same, with many more categories and open items (a longer document)
  await seed(KEYS.b, seedRecords('b', 40, 40, Array.from({ length: 30 }, (_, i) => `category-${i}`)), [5, 4, 5, 2, 5, 4]);
  const actions = svc.service.deps.actions;
  for (const [i, text] of ['Publish the X1 firmware fix', 'Brief couriers on cut-off times', 'Still open action'].entries()) {
    const a = await actions.create({ tenantId: 'TA', platform: 'slack', channelId: 'C1', text, ownerId: `U_OWNER${i}`, status: 'open', dueDate: '2026-11-20', createdBy: 'U_SUP', createdAt: new Date(NOW.getTime() - 10 * 86_400_000) });
    if (i < 2) expect(await actions.markDone('TA', a.id, new Date(NOW.getTime() - (i + 2) * 86_400_000))).toBe(true);
  }
}, 120_000);
afterAll(async () => {
  await svc?.stop();
});

describe('GET /api/v1/reports/document', () => {
  it('has the nine parts and the annex, with the numbers of GET /api/v1/kpis', async () => {
    const { pdf, pages } = await fetchPdf(`period=${encodeURIComponent(PERIOD)}&lang=en`);
    // WRITE_DOC_PICTURES=1: page 1 for the README (pdftoppm -png -r 60 -f 1 -l 1)
    if (process.env['WRITE_DOC_PICTURES'] === '1') pdfPagePng(pdf, new URL('../../docs/report-document-page1.png', import.meta.url).pathname);
    const all = pages.join('\n');
    const kpis = (await (await svc.api(`/api/v1/kpis?period=${encodeURIComponent(PERIOD)}`, { headers: { 'accept-language': 'en' } })).json()) as { period: { label: string }; current: { volume: number; csat: { score: number }; firstResponseMinutes: { median: number } } };
    for (const id of ['summary', 'introduction', 'deliveries', 'metrics', 'analysis', 'feedback', 'opportunities', 'recommendations', 'conclusion'] as const) {
      expect(all).toContain(t('en', `document.section.${id}`));
    }
    expect(all).toMatch(/^\s*Annex\s*$/m);
    const metricRow = (label: string) => all.split('\n').find((l) => l.trimStart().startsWith(label)) ?? '';
    expect(kpis.current.volume).toBe(43);
    expect(metricRow(t('en', 'kpi.label.volume'))).toContain(formatInt(kpis.current.volume, 'en'));
    expect(metricRow(t('en', 'kpi.label.csat'))).toContain(formatPercent(kpis.current.csat.score, 'en'));
    expect(metricRow(t('en', 'kpi.label.frt'))).toContain(formatMinutes(kpis.current.firstResponseMinutes.median, 'en'));
    // the completed actions with their owners; the open one is not a delivery
    expect(all).toContain('Publish the X1 firmware fix');
    expect(all).toContain('U_OWNER1');
    expect(all).not.toContain('Still open action');
    // every page: the team and the period in the header, "Page i of n" in the footer
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => {
      expect(p).toContain('Acme Support');
      expect(p).toContain(kpis.period.label);
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('ranks the root causes as a raw count of the seeded records', async () => {
    const { pages } = await fetchPdf(`period=${encodeURIComponent(PERIOD)}&lang=en`);
    const lines = pages.join('\n').split('\n');
    const counts = new Map<string, number>();
    for (const c of CAUSES) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const found = expected.map(([cause]) => lines.findIndex((l) => l.trimStart().startsWith(cause)));
    expect(found.every((i) => i >= 0)).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    for (const [cause, n] of expected) expect(lines[found[expected.findIndex(([c]) => c === cause)]!]).toMatch(new RegExp(`^\\s*${cause}\\s+${n}\\s`));
  });

  it('grows with the content: more categories and open items, more pages', async () => {
    const small = (await fetchPdf(`period=${encodeURIComponent(PERIOD)}&lang=en`)).pages.length;
    const big = (await fetchPdf(`period=${encodeURIComponent(PERIOD)}&lang=en`, KEYS.b)).pages;
    expect(big.length).toBeGreaterThan(small);
    expect(big.join('\n')).toContain('category-29');
    big.forEach((p) => expect(p).toContain('Beta Care'));
    // another tenant's document shows nothing of tenant A
    const text = big.join('\n');
    for (const mine of ['Acme Support', 'Publish the X1 firmware fix', 'a-open0']) expect(text).not.toContain(mine);
  });

  it('is written in pt-BR when asked', async () => {
    const { pages } = await fetchPdf(`period=${encodeURIComponent('30 dias')}`, KEYS.a, { 'accept-language': 'pt-BR' });
    expect(pages.join('\n')).toContain(t('pt-BR', 'document.section.recommendations'));
    expect(pages[0]).toContain('Página 1 de');
  });

  it('answers bad parameters with a localized 400', async () => {
    for (const [query, locale, word] of [['period=someday', 'en', 'period'], ['lang=fr', 'en', 'lang'], ['colour=red', 'pt-BR', 'colour'], ['channel=fax', 'pt-BR', 'channel']] as const) {
      const res = await svc.api(`/api/v1/reports/document?${query}`, { headers: { 'accept-language': locale } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toContain(word);
      if (locale === 'pt-BR') expect(body.error.message).toMatch(/parâmetro|inválid/i);
    }
  });

  it('needs an API key with the read scope', async () => {
    const ingestOnly = (await svc.service.deps.apiKeys.create('TA', { name: 'ingest', scopes: ['ingest'] })).key;
    expect((await svc.api('/api/v1/reports/document', { key: ingestOnly })).status).toBe(403);
    expect((await fetch(`${svc.url}/api/v1/reports/document`)).status).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${svc.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    expect(Object.keys(doc.paths['/api/v1/reports/document']?.get?.responses['200']?.content ?? {})).toEqual(['application/pdf']);
  });
});

describe('signed document links (Teams)', () => {
  it('serve the document for 7 days, only with a valid token, and never the CSV annex', async () => {
    const link = svc.service.bot.annexLinks!.urlFor({ tenantId: 'TA', query: PERIOD, locale: 'pt-BR', asOf: NOW, kind: 'pdf' })!;
    const local = (u: string) => `${svc.url}${new URL(u).pathname}${new URL(u).search}`;
    expect(new URL(link).pathname).toBe('/files/report.pdf');
    const res = await fetch(local(link));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pages = pdfPages(Buffer.from(await res.arrayBuffer()));
    expect(pages.join('\n')).toContain(t('pt-BR', 'document.section.summary'));
    expect(pages[0]).toContain('Acme Support');
    // a document token does not open the CSV annex, nor a CSV token the document
    expect((await fetch(local(link).replace('/files/report.pdf', '/files/report.csv'))).status).toBe(403);
    const csv = svc.service.bot.annexLinks!.urlFor({ tenantId: 'TA', query: PERIOD, locale: 'en', asOf: NOW })!;
    expect((await fetch(local(csv).replace('/files/report.csv', '/files/report.pdf'))).status).toBe(403);
    expect((await fetch(local(link).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(403);
    expect((await fetch(`${svc.url}/files/report.pdf`)).status).toBe(403);
    clock = new Date(NOW.getTime() + 7 * 86_400_000 - 60_000);
    expect((await fetch(local(link))).status).toBe(200);
    clock = new Date(NOW.getTime() + 7 * 86_400_000 + 60_000);
    const expired = await fetch(local(link), { headers: { 'accept-language': 'pt-BR' } });
    expect(expired.status).toBe(403);
    clock = NOW;
  });
});
