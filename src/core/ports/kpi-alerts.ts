import type { AlertOutbox, KpiAlert, KpiAlertDefinition } from '../domain/kpi-alert.js';

export type NewKpiAlert = Omit<KpiAlert, 'id' | 'version' | 'state'>;
/** Fields a check writes with a compare-and-set. */
export type AlertTransition = Partial<Pick<KpiAlert, 'op' | 'threshold' | 'state' | 'lastValue' | 'lastCheckedAt' | 'firedAt' | 'breachValue' | 'lastFiredAt' | 'recoveredAt' | 'suppressedAt' | 'outbox'>>;
/** The conversation that owns an alert: ids from elsewhere match nothing. */
export interface AlertScope {
  tenantId: string;
  channelId: string;
}

export interface KpiAlertStore {
  create(a: NewKpiAlert): Promise<KpiAlert>;
  list(scope: AlertScope): Promise<KpiAlert[]>;
  remove(scope: AlertScope, id: string): Promise<boolean>;
  setPaused(scope: AlertScope, id: string, paused: boolean, now: Date): Promise<KpiAlert | null>;
  /** a new definition under the same id: state, history and pending posts start over */
  redefine(scope: AlertScope, id: string, def: KpiAlertDefinition & Pick<KpiAlert, 'ownerId' | 'locale'>, now: Date): Promise<KpiAlert | null>;
  /** tenants with an active alert, and their alerts due for a check */
  tenants(): Promise<string[]>;
  due(tenantId: string, now: Date, limit: number): Promise<KpiAlert[]>;
  /** takes the check of `version` (false: another instance has it); pushes the next check out */
  claim(tenantId: string, id: string, version: number, now: Date, nextCheckAt: Date): Promise<boolean>;
  /** compare-and-set on the version taken by claim; true when this instance made the change */
  transition(tenantId: string, id: string, version: number, set: AlertTransition): Promise<boolean>;
  /** the outbox message went out */
  delivered(tenantId: string, id: string, key: string): Promise<void>;
  /** the outbox message failed: retry at `retryAt`, or give it up (no retryAt) */
  deliveryFailed(tenantId: string, id: string, outbox: AlertOutbox, error: string, retryAt?: Date): Promise<void>;
}
