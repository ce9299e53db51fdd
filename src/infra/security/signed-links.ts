import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AnnexKind, AnnexLinks } from '../../core/ports/annex.js';

const DAY = 86_400_000;
export const ANNEX_PATH = '/files/report.csv';
export const DOCUMENT_PATH = '/files/report.pdf';

export interface AnnexToken {
  tenantId: string;
  query: string;
  locale: string;
  asOf: Date;
}

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** Links valid for `days`, signed with the service's secret (HMAC-SHA256). */
export function createAnnexLinks(secret: string, publicUrl: string | undefined, now: () => Date, days = 7): AnnexLinks & { verify(token: string, kind?: AnnexKind): AnnexToken | null } {
  return {
    urlFor(a) {
      if (!publicUrl) return null;
      // the kind is signed too: a CSV link never opens the document, nor the reverse
      const kind = a.kind === 'pdf' ? { k: 'pdf' } : {};
      const payload = Buffer.from(JSON.stringify({ t: a.tenantId, q: a.query, l: a.locale, a: a.asOf.getTime(), e: now().getTime() + days * DAY, ...kind })).toString('base64url');
      return `${new URL(a.kind === 'pdf' ? DOCUMENT_PATH : ANNEX_PATH, publicUrl).href}?token=${payload}.${sign(secret, payload)}`;
    },
    verify(token, kind = 'csv') {
      const [payload = '', mac = ''] = token.split('.');
      const expected = Buffer.from(sign(secret, payload));
      const given = Buffer.from(mac);
      if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: string; q: string; l: string; a: number; e: number; k?: string };
        if (typeof p.e !== 'number' || p.e < now().getTime() || (p.k ?? 'csv') !== kind) return null;
        return { tenantId: p.t, query: p.q, locale: p.l, asOf: new Date(p.a) };
      } catch {
        return null;
      }
    },
  };
}

export const newSecret = () => randomBytes(32).toString('base64url');
