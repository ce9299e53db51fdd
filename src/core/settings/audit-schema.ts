import { z } from 'zod';

/** GET /api/v1/settings/audit?limit=50&before=<iso>: newest first. */
export const ZAuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZSettingsActor = z.discriminatedUnion('type', [
  z.object({ type: z.literal('api_key'), keyId: z.string() }),
  z.object({ type: z.literal('user'), platform: z.enum(['slack', 'teams', 'console']), userId: z.string() }),
]);

export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string().describe('ISO 8601'),
  actor: ZSettingsActor,
  changes: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })).describe('before/after null: not set'),
});
export const ZAuditPage = z.object({ entries: z.array(ZAuditEntry), nextBefore: z.string().nullable().describe('pass as `before` for older entries') });
export type TAuditPage = z.infer<typeof ZAuditPage>;
