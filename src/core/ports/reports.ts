import type { ReportRun, ReportSchedule } from '../domain/report.js';

export type NewSchedule = Omit<ReportSchedule, 'id'> & { nextFireAt: Date };

export interface ReportScheduleStore {
  create(s: NewSchedule): Promise<ReportSchedule>;
  get(tenantId: string, id: string): Promise<ReportSchedule | null>;
  list(tenantId: string, channelId: string): Promise<ReportSchedule[]>;
  remove(tenantId: string, id: string): Promise<boolean>;
  /** pause, resume or redefine (a new definition starts counting from `checkedUntil`) */
  update(tenantId: string, id: string, set: Partial<Omit<NewSchedule, 'tenantId' | 'platform' | 'channelId' | 'createdAt'>>, unset?: 'webhook'): Promise<boolean>;
  /** schedules with a fire time due at `now` */
  due(tenantId: string, now: Date): Promise<ReportSchedule[]>;
  /** marks fire times up to `until` handled; false when another instance moved it first */
  advance(tenantId: string, id: string, from: Date, until: Date, nextFireAt: Date): Promise<boolean>;
  tenants(): Promise<string[]>;
}

export interface ReportRunStore {
  /** inserts the run of a fire time; false when it exists (another instance has it) */
  claim(run: Omit<ReportRun, 'id'>): Promise<ReportRun | null>;
  /** takes over a run whose holder died (lease over) or whose retry is due */
  reclaimable(tenantId: string, now: Date): Promise<ReportRun[]>;
  reclaim(tenantId: string, id: string, attempts: number, now: Date, leaseUntil: Date): Promise<boolean>;
  /** moves on the lease of a run still in progress (attempt `attempts`); false when it is not held any more */
  renew(tenantId: string, id: string, attempts: number, leaseUntil: Date): Promise<boolean>;
  finish(tenantId: string, id: string, set: Partial<Pick<ReportRun, 'status' | 'error' | 'finishedAt' | 'messageId' | 'nextAttemptAt'>>): Promise<void>;
  history(tenantId: string, scheduleIds: string[], limit: number): Promise<ReportRun[]>;
  get(tenantId: string, id: string): Promise<ReportRun | null>;
  /** failed → running for a retry asked by a person; false when it is not failed (any more) */
  retry(tenantId: string, id: string, now: Date, leaseUntil: Date): Promise<boolean>;
  tenants(): Promise<string[]>;
}
