import type { Locale } from '../i18n/index.js';
import type { SurveyPlatform } from './survey.js';

/** A channel's scheduled report summary. */
export interface ReportSchedule {
  id: string;
  tenantId: string;
  platform: SurveyPlatform;
  channelId: string;
  /** 5-field cron in `timezone` */
  cron: string;
  timezone: string;
  /** what the user typed ("weekly mon 09:00"), for lists */
  label: string;
  /** the period and filters each report covers, as /kpi reads them ("last week channel:email") */
  query: string;
  locale: Locale;
  ownerId: string;
  paused: boolean;
  /**
   * delivered to this URL (signed JSON) instead of the conversation; `unreadable`: the stored
   * secret could not be decrypted (a data key missing on this server), deliveries fail with it
   */
  webhook?: { url: string; secret: string; unreadable?: string };
  /** each post carries the report document (Slack: a PDF in its thread; Teams: a signed link) */
  document?: boolean;
  /** fire times up to here were handled (posted, failed or skipped) */
  checkedUntil: Date;
  createdAt: Date;
}

export type RunStatus = 'running' | 'retrying' | 'posted' | 'failed' | 'skipped';

/** One run of a schedule at one fire time (unique): posted exactly once. */
export interface ReportRun {
  id: string;
  tenantId: string;
  scheduleId: string;
  fireAt: Date;
  status: RunStatus;
  /** posted after its fire time because every instance was down then */
  late: boolean;
  attempts: number;
  /** until when the instance working on it holds it */
  leaseUntil?: Date;
  nextAttemptAt?: Date;
  error?: string;
  startedAt?: Date;
  finishedAt?: Date;
  messageId?: string;
}

export const REPORT_GRACE_HOURS = 6;
export const REPORT_MAX_ATTEMPTS = 5;
