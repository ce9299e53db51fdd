import { createHash } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { ValidationError } from '../../../core/errors.js';
import type { PersonalDataEraser } from '../../../core/ports/privacy.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { sendAs } from '../api-contract.js';

const count = z.number().int().min(0);
/** What an erasure changed: records pseudonymised or cleared, per collection. */
export const ZErased = z.object({ erased: z.object({ interactions: count, responses: count, surveys: count, snapshots: count.describe('stored card snapshots cleared') }) });
/** the customer.id sent with the interactions */
export const ZCustomerId = z.string().min(1).max(200);

/** A stable pseudonym: erasing twice, or two tickets of one customer, give the same one. */
const pseudonymOf = (tenantId: string, customerId: string) => `erased-${createHash('sha256').update(`${tenantId}\u0000${customerId}`).digest('hex').slice(0, 16)}`;

/** POST /api/v1/customers/:id/erase — LGPD/GDPR erasure of one customer's personal data. */
export function privacyRoutes(deps: { eraser: PersonalDataEraser }) {
  const router = Router();
  router.post('/api/v1/customers/:id/erase', requireScope('admin'), async (req, res) => {
    const customerId = String(req.params['id'] ?? '');
    if (!ZCustomerId.safeParse(customerId).success) throw new ValidationError('error.query_param', { name: 'id', reason: 'must be 1–200 characters' });
    const tenantId = (res.locals as AuthedLocals).tenantId;
    const erased = await deps.eraser.eraseCustomer(tenantId, customerId, pseudonymOf(tenantId, customerId));
    sendAs(res, ZErased, { erased });
  });
  return router;
}
