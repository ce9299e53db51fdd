/** The line of an alert that follows the team's target: the target's operator negated, its value. */
import type { AlertOp, KpiAlertDefinition } from '../domain/kpi-alert.js';
import type { TargetStore } from '../ports/tenants.js';

const MISSES: Record<'<=' | '>=', AlertOp> = { '>=': '<', '<=': '>' };

/** The definition with the current target as its line; null when the KPI has no target (no verdict). */
export async function withTargetLine<T extends KpiAlertDefinition>(targets: TargetStore, tenantId: string, def: T): Promise<T | null> {
  if (!def.followsTarget) return def;
  const target = (await targets.list(tenantId)).find((x) => x.kpi === def.kpi);
  return target ? { ...def, op: MISSES[target.op], threshold: target.value } : null;
}
