import type { Survey, SurveyPlatform } from '../domain/survey.js';

export type NewSurvey = Omit<Survey, 'id'>;

/** Surveys sent (or due to be sent); the answer itself lives in the survey responses. */
export interface SurveyStore {
  /**
   * Creates a survey, or returns the one that already exists for the same interaction and type
   * (at most one per interaction): `created` says which.
   */
  create(survey: NewSurvey): Promise<{ survey: Survey; created: boolean }>;
  /** By id, whatever the tenant: callers check who may see it. */
  find(id: string): Promise<Survey | null>;
  /** Moves a survey from one status to another; false when another caller got there first. */
  transition(tenantId: string, id: string, from: Survey['status'], to: Survey['status'], set?: Partial<Pick<Survey, 'sentAt' | 'expiresAt' | 'message' | 'error' | 'pendingCount' | 'sendingUntil'>>): Promise<boolean>;
  /** Scheduled surveys of a tenant due at `now`, oldest first. */
  due(tenantId: string, now: Date, limit: number): Promise<Survey[]>;
  tenantsWithScheduled(): Promise<string[]>;
  /** Claims the complaint alert of a survey: true for exactly one caller. */
  claimAlert(tenantId: string, id: string): Promise<boolean>;
  /** Tenants with surveys being sent or "sent" counts not yet in the rollups (what the sweeps look at). */
  tenantsWithPending(): Promise<string[]>;
  /** Surveys left "sending" by a sender that stopped (its hold ended before `now`). */
  abandonedSends(tenantId: string, now: Date, limit: number): Promise<Survey[]>;
  /** Takes over a survey left "sending" whose hold is `from`: true for exactly one caller. */
  holdSend(tenantId: string, id: string, from: Date, until: Date): Promise<boolean>;
  /** Surveys whose pending "sent" count is held by nobody (its lease ended before `now`). */
  abandonedCounts(tenantId: string, now: Date, limit: number): Promise<Survey[]>;
  /** Takes over a pending count whose lease is `from`: true for exactly one caller. */
  holdCount(tenantId: string, id: string, from: Date, until: Date): Promise<boolean>;
  /** The count is in the rollups: its journal entry goes (if still held with this lease). */
  settleCount(tenantId: string, id: string, until: Date): Promise<void>;
  /** The ratings sent about these meetings (one per attendee and meeting). */
  ofMeetings(tenantId: string, meetingIds: string[]): Promise<Survey[]>;
  setAlert(tenantId: string, id: string, alert: NonNullable<Survey['alert']> | null): Promise<void>;
  /** Customer surveys sent whose "sent" count is in the rollups (rollup rebuilds). */
  scanCounted(tenantId: string): AsyncIterable<Survey>;
}

export type { SurveyPlatform };
