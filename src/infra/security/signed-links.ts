import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AnnexLinks } from '../../core/ports/annex.js';

const DAY = 86_400_000;
export const ANNEX_PATH = '/files/report.csv';

export interface AnnexToken {
  tenantId: string;
  query: string;
  locale: string;
  asOf: Date;
}

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** Links valid for `days`, signed with the service's secret (HMAC-SHA256). */
export function createAnnexLinks(secret: string, publicUrl: string | undefined, now: () => Date, days = 7): AnnexLinks & { verify(token: string): AnnexToken | null } {
  return {
    urlFor(a) {
      if (!publicUrl) return null;
      const payload = Buffer.from(JSON.stringify({ t: a.tenantId, q: a.query, l: a.locale, a: a.asOf.getTime(), e: now().getTime() + days * DAY })).toString('base64url');
      return `${new URL(ANNEX_PATH, publicUrl).href}?token=${payload}.${sign(secret, payload)}`;
    },
    verify(token) {
      const [payload = '', mac = ''] = token.split('.');
      const expected = Buffer.from(sign(secret, payload));
      const given = Buffer.from(mac);
      if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: string; q: string; l: string; a: number; e: number };
        if (typeof p.e !== 'number' || p.e < now().getTime()) return null;
        return { tenantId: p.t, query: p.q, locale: p.l, asOf: new Date(p.a) };
      } catch {
        return null;
      }
    },
  };
}

export const newSecret = () => randomBytes(32).toString('base64url');
