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
  transition(tenantId: string, id: string, from: Survey['status'], to: Survey['status'], set?: Partial<Pick<Survey, 'sentAt' | 'expiresAt' | 'message' | 'error'>>): Promise<boolean>;
  /** Scheduled surveys of a tenant due at `now`, oldest first. */
  due(tenantId: string, now: Date, limit: number): Promise<Survey[]>;
  tenantsWithScheduled(): Promise<string[]>;
  /** Claims the complaint alert of a survey: true for exactly one caller. */
  claimAlert(tenantId: string, id: string): Promise<boolean>;
  setAlert(tenantId: string, id: string, alert: NonNullable<Survey['alert']> | null): Promise<void>;
}

export type { SurveyPlatform };
