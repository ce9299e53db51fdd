import { Router } from 'express';
import { z } from 'zod';
import { SURVEY_TYPES } from '../../../core/domain/interaction.js';
import type { TenantSettings } from '../../../core/domain/tenant.js';
import { ValidationError } from '../../../core/errors.js';
import type { TenantStore } from '../../../core/ports/tenants.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';

const platform = z.enum(['slack', 'teams']);
/** Every field optional: a PATCH changes only what it names; null clears the alert channel. */
export const surveySettingsPatch = z.strictObject({
  autoSend: z.strictObject({ enabled: z.boolean(), type: z.enum(SURVEY_TYPES), delayHours: z.number().min(0).max(24 * 30), platform }).partial().optional(),
  expiryDays: z.number().int().min(1).max(365).optional(),
  reasons: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
  interactionUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
  supervisorsChannel: z.strictObject({ platform, channelId: z.string().min(1).max(500) }).nullable().optional(),
});

const view = (t: TenantSettings) => ({ ...t.surveys, supervisorsChannel: t.supervisorsChannel ?? null });

/** GET/PATCH /api/v1/settings/surveys: automatic sending, expiry, reasons, alert channel. */
export function settingsRoutes(deps: { tenants: TenantStore }) {
  const router = Router();
  router.get('/api/v1/settings/surveys', requireScope('read'), async (_req, res) => {
    res.json(view(await deps.tenants.get((res.locals as AuthedLocals).tenantId)));
  });
  router.patch('/api/v1/settings/surveys', requireScope('admin'), ...jsonBody({ limit: '16kb', anyType: true }), async (req, res) => {
    const parsed = surveySettingsPatch.safeParse(req.body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : 'body')}: ${i.message}`);
      throw new ValidationError('error.validation', { details: details.join('; ') }, details);
    }
    const tenantId = (res.locals as AuthedLocals).tenantId;
    const current = await deps.tenants.get(tenantId);
    const { supervisorsChannel, autoSend, ...rest } = parsed.data;
    const surveys = { ...current.surveys, ...rest, autoSend: { ...current.surveys.autoSend, ...autoSend } } as TenantSettings['surveys'];
    const updated = await deps.tenants.update(tenantId, {
      surveys,
      ...(supervisorsChannel === undefined ? {} : { supervisorsChannel: supervisorsChannel ?? undefined }),
    });
    res.json(view(updated));
  });
  // raw data retention (LGPD/GDPR): interactions and comments older than this are removed
  const privacyPatch = z.strictObject({ retentionDays: z.number().int().min(30).max(3650).nullable() });
  router.get('/api/v1/settings/privacy', requireScope('read'), async (_req, res) => {
    res.json({ retentionDays: (await deps.tenants.get((res.locals as AuthedLocals).tenantId)).retentionDays ?? null });
  });
  router.patch('/api/v1/settings/privacy', requireScope('admin'), ...jsonBody({ limit: '4kb', anyType: true }), async (req, res) => {
    const parsed = privacyPatch.safeParse(req.body);
    if (!parsed.success) throw new ValidationError('error.validation', { details: 'retentionDays must be a whole number of days from 30 to 3650, or null (keep everything)' });
    const updated = await deps.tenants.update((res.locals as AuthedLocals).tenantId, { retentionDays: parsed.data.retentionDays ?? undefined });
    res.json({ retentionDays: updated.retentionDays ?? null });
  });
  return router;
}
