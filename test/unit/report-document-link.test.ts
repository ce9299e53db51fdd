/** The Teams answer to `report document`: a signed link button valid 7 days, or a clear refusal without PUBLIC_URL. */
import { describe, expect, it } from 'vitest';
import { documentLinkCard } from '../../src/core/reports/report-document.js';
import { createAnnexLinks } from '../../src/infra/security/signed-links.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const target = { tenantId: 'T1', query: 'last week', locale: 'en' as const };

describe('documentLinkCard', () => {
  it('links the signed document URL, valid until 7 days later', () => {
    const links = createAnnexLinks('secret', 'https://bot.example.com', () => NOW);
    const card = documentLinkCard({ annexLinks: links }, target, NOW, 'UTC');
    expect(card.elements[0]).toEqual({ type: 'text', text: 'The report document (last week) as a PDF: the button opens it until Dec 8, 2026 (7 days).' });
    const second = card.elements[1]!;
    const link = second.type === 'links' ? second.links[0]! : null;
    expect(link!.label).toBe('Open the report document (PDF)');
    const token = new URL(link!.url).searchParams.get('token')!;
    expect(links.verify(token, 'pdf')).toEqual({ tenantId: 'T1', query: 'last week', locale: 'en', asOf: NOW });
    expect(links.verify(token)).toBeNull();
    expect(documentLinkCard({ annexLinks: links }, { ...target, locale: 'pt-BR' }, NOW, 'America/Sao_Paulo').elements[0]).toMatchObject({ text: expect.stringContaining('até 8 de dez. de 2026 (7 dias)') });
  });

  it('refuses, with the reason, where the service has no public URL', () => {
    expect(() => documentLinkCard({ annexLinks: createAnnexLinks('secret', undefined, () => NOW) }, target, NOW, 'UTC')).toThrow(expect.objectContaining({ messageKey: 'report.document.no_public_url' }));
    expect(() => documentLinkCard({}, target, NOW, 'UTC')).toThrow(expect.objectContaining({ messageKey: 'report.document.no_public_url' }));
  });
});
