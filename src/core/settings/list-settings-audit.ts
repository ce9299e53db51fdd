import type { Locale } from '../i18n/index.js';
import type { AuditDeps } from './deps.js';
import { ZAuditQuery, type TAuditPage } from './audit-schema.js';
import { parseSettingsInput } from './issues.js';

/** Who changed which setting when, newest first (GET /api/v1/settings/audit?limit=50&before=<iso>). */
export async function listSettingsAudit(deps: Pick<AuditDeps, 'audit'>, input: { tenantId: string; query: unknown; locale: Locale }): Promise<TAuditPage> {
  const q = parseSettingsInput(ZAuditQuery, input.query, input.locale);
  const found = await deps.audit.list(input.tenantId, { limit: q.limit, ...(q.before ? { before: new Date(q.before) } : {}) });
  const entries = found.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, changes: e.changes }));
  return { entries, nextBefore: entries.length === q.limit ? entries.at(-1)!.at : null };
}
