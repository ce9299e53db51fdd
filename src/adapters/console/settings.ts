/**
 * The console's Settings page backend: the demo tenant of a look (Slack or Teams) read and
 * changed with the same use-cases and schema as GET/PATCH /api/v1/settings, as the console's
 * supervisor (recorded in the audit as a console user). A bad value answers 400 with one
 * localized message per field, so the page shows each beside its field.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { isDomainError } from '../../core/errors.js';
import { t, toLocale, type Locale } from '../../core/i18n/index.js';
import { KPI_TARGET_PATHS } from '../../core/kpi/stats.js';
import { getSettings, patchSettings, ZSettingsPatch, type SettingsDeps } from '../../core/settings/index.js';
import { settingsIssues } from '../../core/settings/issues.js';
import { jsonBody } from '../http/json-body.js';
import { CONSOLE_TENANTS, CONSOLE_USERS } from './users.js';

const query = z.object({ platform: z.enum(['slack', 'teams']).default('slack'), lang: z.string().optional() });

const lookOf = (req: Request) => {
  const q = query.safeParse(req.query);
  const platform = q.success ? q.data.platform : 'slack';
  return { platform, tenantId: CONSOLE_TENANTS[platform], locale: toLocale(q.success ? q.data.lang : undefined, 'en') };
};

/** field path → messages; the page shows them under the field's section (targets, slaPolicy…) */
function fieldErrors(body: unknown, locale: Locale): Record<string, string[]> | null {
  const parsed = ZSettingsPatch.safeParse(body);
  if (parsed.success) return null;
  const out: Record<string, string[]> = {};
  for (const issue of settingsIssues(parsed.error, body, ZSettingsPatch)) (out[issue.field || 'body'] ??= []).push(t(locale, issue.key, issue.params));
  return out;
}

export function consoleSettingsRoutes(deps: SettingsDeps) {
  const router = Router();
  router.get('/console/api/settings', async (req: Request, res: Response) => {
    const { tenantId, platform } = lookOf(req);
    res.json({ tenantId, platform, kpiPaths: KPI_TARGET_PATHS, settings: await getSettings(deps, tenantId) });
  });
  router.patch('/console/api/settings', ...jsonBody({ limit: '64kb' }), async (req: Request, res: Response) => {
    const { tenantId, platform, locale } = lookOf(req);
    const errors = fieldErrors(req.body, locale);
    if (errors) return res.status(400).json({ fieldErrors: errors });
    const supervisor = CONSOLE_USERS[0];
    try {
      const settings = await patchSettings(deps, { tenantId, actor: { type: 'user', platform: 'console', userId: platform === 'slack' ? supervisor.slackId : supervisor.teamsId }, patch: req.body as unknown, locale });
      return res.json({ settings });
    } catch (e) {
      // checks across fields (e.g. resolution before first response) name themselves in the message
      if (!isDomainError(e) || e.code !== 'validation') throw e;
      const details = 'details' in e && Array.isArray(e.details) && e.details.length > 0 ? (e.details as string[]) : [t(locale, e.messageKey, e.params)];
      return res.status(400).json({ fieldErrors: { body: details } });
    }
  });
  return router;
}
