import type { NextFunction, Request, Response } from 'express';
import { apiKeyIdOf, type ApiKeyScope } from '../../core/domain/api-key.js';
import { t } from '../../core/i18n/index.js';
import type { ApiKeyStore } from '../../core/ports/tenants.js';
import { requestLocale, sendError } from './respond.js';

export interface AuthedLocals {
  tenantId: string;
  keyId: string;
  scopes: readonly ApiKeyScope[];
}

/** Bearer API key → tenant and scopes. A wrong or missing key gets 401 before anything is read or written. */
export function requireApiKey(keys: ApiKeyStore) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match?.[1];
    const principal = key ? await keys.authenticate(key) : null;
    // the key's public id (never the secret) in this request's log lines
    const keyId = principal?.keyId ?? (key ? apiKeyIdOf(key) : undefined);
    if (keyId) {
      req.log?.setBindings({ apiKeyId: keyId });
      // the line written when the response finishes reads it from here (see app.ts)
      (res.locals as { apiKeyId?: string }).apiKeyId = keyId;
    }
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'unauthorized', t(requestLocale(req), 'error.unauthorized'));
      return;
    }
    Object.assign(res.locals as AuthedLocals, { tenantId: principal.tenantId, keyId: principal.keyId, scopes: principal.scopes });
    next();
  };
}

/** Route guard: the authenticated key must carry `scope` (403 naming it, before the body is read). */
export function requireScope(scope: ApiKeyScope) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((res.locals as Partial<AuthedLocals>).scopes?.includes(scope)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
    sendError(res, 403, 'insufficient_scope', t(requestLocale(req), 'error.insufficient_scope', { scope }));
  };
}
