import type { Locale } from '../i18n/index.js';
import type { KpiArgs } from '../periods/index.js';
import type { SurveyPlatform } from './survey.js';

export const ALERT_OPS = ['>', '>=', '<', '<='] as const;
export type AlertOp = (typeof ALERT_OPS)[number];

/** What a supervisor typed, read once: the KPI, its threshold and what it is measured over. */
export interface KpiAlertDefinition {
  /** a key of ALERT_KPIS, e.g. "firstResponseMinutes.p90" */
  kpi: string;
  op: AlertOp;
  /** in the KPI's own unit: minutes, a fraction for rates, points for NPS, a count */
  threshold: number;
  filters: KpiArgs['filters'];
  /** the window: the last N whole hours (no filters) or N days like `/kpi Nd` */
  window: { unit: 'h' | 'd'; n: number };
  /** fewer responses (survey KPIs) or interactions (the rest) than this: no verdict */
  minSample: number;
  graceMinutes: number;
  /**
   * Watches the team's target of this KPI (`/kpi alert csat target`): fires when the value misses
   * it; `op` and `threshold` are the target's, negated, taken again at every check.
   */
  followsTarget?: boolean;
}

/** A message decided by a state change and not yet confirmed posted. */
export interface AlertOutbox {
  kind: 'fire' | 'recover';
  /** the value that caused it */
  value: number;
  /** unique per transition: confirming or failing names it, so a stale instance cannot touch a newer one */
  key: string;
  attempts: number;
}

/** A threshold alert owned by one conversation (any of its supervisors manages it). */
export interface KpiAlert extends KpiAlertDefinition {
  id: string;
  tenantId: string;
  platform: SurveyPlatform;
  channelId: string;
  locale: Locale;
  /** who last defined it */
  ownerId: string;
  paused: boolean;
  state: 'ok' | 'breached';
  /** bumped by every change; every transition is a compare-and-set on it */
  version: number;
  nextCheckAt: Date;
  createdAt: Date;
  updatedAt: Date;
  lastValue?: number;
  lastCheckedAt?: Date;
  /** start of the current (or last) breach */
  firedAt?: Date;
  breachValue?: number;
  /** last time a breach was announced: the grace period runs from here */
  lastFiredAt?: Date;
  recoveredAt?: Date;
  /** a breach kept quiet because the grace period was running */
  suppressedAt?: Date;
  outbox?: AlertOutbox;
  lastError?: string;
}

/** How often an alert is evaluated (each check is claimed by one instance). */
export const ALERT_CHECK_MINUTES = 5;
export const ALERT_DEFAULT_GRACE_MINUTES = 4 * 60;
export const ALERT_MAX_ATTEMPTS = 5;
export const ALERT_MAX_HOURS = 72;
export const ALERT_MAX_DAYS = 90;
export const ALERT_MAX_GRACE_MINUTES = 7 * 24 * 60;
