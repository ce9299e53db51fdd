import { createHash } from 'node:crypto';
import { Router } from 'express';
import { ValidationError } from '../../../core/errors.js';
import type { PersonalDataEraser } from '../../../core/ports/privacy.js';
import { requireScope, type AuthedLocals } from '../auth.js';

/** A stable pseudonym: erasing twice, or two tickets of one customer, give the same one. */
const pseudonymOf = (tenantId: string, customerId: string) => `erased-${createHash('sha256').update(`${tenantId}\u0000${customerId}`).digest('hex').slice(0, 16)}`;

/** POST /api/v1/customers/:id/erase — LGPD/GDPR erasure of one customer's personal data. */
export function privacyRoutes(deps: { eraser: PersonalDataEraser }) {
  const router = Router();
  router.post('/api/v1/customers/:id/erase', requireScope('admin'), async (req, res) => {
    const customerId = String(req.params['id'] ?? '');
    if (customerId.length < 1 || customerId.length > 200) throw new ValidationError('error.query_param', { name: 'id', reason: 'must be 1–200 characters' });
    const tenantId = (res.locals as AuthedLocals).tenantId;
    const erased = await deps.eraser.eraseCustomer(tenantId, customerId, pseudonymOf(tenantId, customerId));
    res.json({ erased });
  });
  return router;
}
