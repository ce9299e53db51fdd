import { Router, type Response } from 'express';
import { t } from '../../../core/i18n/index.js';
import { requestLocale, sendError } from '../respond.js';

/**
 * GET `<path>?token=…`: what a signed, expiring link promises (report annexes and documents,
 * opened from Teams without an API key); a missing, tampered or expired token is a localized 403.
 */
export function signedLinkRoute<L>(path: string, verify: (token: string) => L | null, serve: (link: L, res: Response) => Promise<void>) {
  const router = Router();
  router.get(path, async (req, res) => {
    const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
    const link = verify(token);
    if (!link) {
      sendError(res, 403, 'link_invalid', t(requestLocale(req), 'error.link_invalid'));
      return;
    }
    await serve(link, res);
  });
  return router;
}
