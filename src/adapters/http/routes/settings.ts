import { Router, type Request, type Response } from 'express';
import type { SettingsActor } from '../../../core/ports/tenants.js';
import { getSettings, listSettingsAudit, patchPrivacySettings, patchSettings, patchSurveySettings, ZAuditPage, ZPrivacySettings, ZSettings, ZSurveySettings, type SettingsDeps } from '../../../core/settings/index.js';
import { privacyView, surveysView } from '../../../core/settings/view.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';
import { sendAs } from '../api-contract.js';

const tenantOf = (res: Response) => (res.locals as AuthedLocals).tenantId;
/** A REST change is made by the API key (its public id; never the secret). */
export const apiActor = (res: Response): SettingsActor => ({ type: 'api_key', keyId: (res.locals as AuthedLocals).keyId });
const change = (req: Request, res: Response) => ({ tenantId: tenantOf(res), actor: apiActor(res), patch: req.body as unknown, locale: requestLocale(req) });

/**
 * The team settings: GET/PATCH /api/v1/settings (time zone, language, KPI targets, SLA policy,
 * business hours, holidays, roles), its surveys and privacy parts, and the audit of changes.
 * Reads need the `read` scope, changes `admin`.
 */
export function settingsRoutes(deps: SettingsDeps) {
  const router = Router();
  router.get('/api/v1/settings', requireScope('read'), async (_req, res) => {
    sendAs(res, ZSettings, await getSettings(deps, tenantOf(res)));
  });
  router.patch('/api/v1/settings', requireScope('admin'), ...jsonBody({ limit: '64kb', anyType: true }), async (req, res) => {
    sendAs(res, ZSettings, await patchSettings(deps, change(req, res)));
  });
  router.get('/api/v1/settings/audit', requireScope('read'), async (req, res) => {
    sendAs(res, ZAuditPage, await listSettingsAudit(deps, { tenantId: tenantOf(res), query: req.query, locale: requestLocale(req) }));
  });
  router.get('/api/v1/settings/surveys', requireScope('read'), async (_req, res) => {
    sendAs(res, ZSurveySettings, surveysView(await deps.tenants.get(tenantOf(res))));
  });
  router.patch('/api/v1/settings/surveys', requireScope('admin'), ...jsonBody({ limit: '16kb', anyType: true }), async (req, res) => {
    sendAs(res, ZSurveySettings, await patchSurveySettings(deps, change(req, res)));
  });
  // raw data retention (LGPD/GDPR): interactions and comments older than this are removed
  router.get('/api/v1/settings/privacy', requireScope('read'), async (_req, res) => {
    sendAs(res, ZPrivacySettings, privacyView(await deps.tenants.get(tenantOf(res))));
  });
  router.patch('/api/v1/settings/privacy', requireScope('admin'), ...jsonBody({ limit: '4kb', anyType: true }), async (req, res) => {
    sendAs(res, ZPrivacySettings, await patchPrivacySettings(deps, change(req, res)));
  });
  return router;
}
