import type { Locale } from '../i18n/index.js';
import type { SlaPolicy } from './interaction.js';
import type { SurveyPlatform, SurveySettings } from './survey.js';

export interface TenantSettings {
  tenantId: string;
  name?: string;
  timezone: string;
  locale: Locale;
  slaPolicy: SlaPolicy;
  supervisorIds: string[];
  /** where complaint alerts (and other escalations) are posted */
  supervisorsChannel?: { platform: SurveyPlatform; channelId: string };
  surveys: SurveySettings;
  /** days raw interactions and comments are kept (none: kept) */
  retentionDays?: number;
}

export type TenantDefaults = Pick<TenantSettings, 'timezone' | 'locale' | 'slaPolicy'>;

/** A KPI target, e.g. { kpi: 'firstResponseMinutes.median', op: '<=', value: 60 }. */
export interface KpiTarget {
  kpi: string;
  op: '<=' | '>=';
  value: number;
}
