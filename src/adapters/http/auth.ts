import type { NextFunction, Request, Response } from 'express';
import { t } from '../../core/i18n/index.js';
import type { ApiKeyStore } from '../../core/ports/tenants.js';
import { requestLocale, sendError } from './respond.js';

export interface AuthedLocals {
  tenantId: string;
}

/** Bearer API key → tenant. A wrong or missing key gets 401 before anything is read or written. */
export function requireApiKey(keys: ApiKeyStore) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const tenantId = match ? await keys.tenantForKey(match[1]!) : null;
    if (!tenantId) {
      res.set('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'unauthorized', t(requestLocale(req), 'error.unauthorized'));
      return;
    }
    (res.locals as AuthedLocals).tenantId = tenantId;
    next();
  };
}
