/** One customer-service contact/ticket (SPEC §3), as the core sees it after validation. */
export const CHANNELS = ['phone', 'email', 'chat', 'whatsapp', 'social', 'in_person', 'other'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Status = (typeof STATUSES)[number];

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}
export type SlaPolicy = Record<Priority, SlaTargets>;
export type SlaTargetField = keyof SlaTargets;
export const SLA_TARGET_FIELDS: readonly SlaTargetField[] = ['firstResponseMinutes', 'resolutionMinutes'];

/**
 * An interaction's SLA as written: its targets, where they came from, and — when the tenant's
 * calendar in force at that write was not 24×7 — the business minutes it waited, so that the
 * rollups judge it with that calendar (see core/sla/). Records stored before these fields existed
 * have neither and are judged by the wall clock.
 */
export interface InteractionSla extends SlaTargets {
  /** targets the help desk sent (the others came from the tenant's policy by priority) */
  given?: SlaTargetField[];
  /** business minutes from creation to the first response / to the resolution, under the calendar of the write */
  businessMinutes?: { firstResponse?: number; resolution?: number };
}

/** Default policy by priority, used when a tenant has not set its own. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  urgent: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  high: { firstResponseMinutes: 30, resolutionMinutes: 480 },
  normal: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
  low: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
};

export interface InteractionRecord {
  externalId: string;
  source: string;
  channel: Channel;
  /** slackUserId / teamsUserId (AAD object id): where automatic surveys reach the customer */
  /** `key`: set by the write path (see ports/customer-keys.ts), never by the API */
  customer: { id: string; key?: string; name?: string; email?: string; slackUserId?: string; teamsUserId?: string };
  agent?: { id: string; name?: string };
  team?: string;
  category?: string;
  priority: Priority;
  status: Status;
  createdAt: Date;
  firstResponseAt?: Date;
  resolvedAt?: Date;
  reopenedAt: Date[];
  escalatedAt?: Date;
  contactCount: number;
  firstContactResolution: boolean;
  sla: InteractionSla;
  product?: { brand?: string; model?: string; serial?: string };
  problem?: string;
  actionsTaken?: string;
  rootCause?: string;
  notes?: string;
}

export const SURVEY_TYPES = ['csat', 'nps'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];
/** A customer survey, or the one-click rating of a meeting by its attendees (no KPI). */
export type SurveyKind = SurveyType | 'meeting';
export const SCORE_RANGE: Record<SurveyKind, [number, number]> = { csat: [1, 5], nps: [0, 10], meeting: [1, 5] };

/** A CSAT/NPS answer collected elsewhere and pushed through the API. */
export interface SurveyResponseRecord {
  externalId: string;
  source: string;
  type: SurveyKind;
  score: number;
  respondedAt: Date;
  interactionExternalId?: string;
  comment?: string;
  /** set for answers to the bot's own surveys (never by the API) */
  surveyId?: string;
  /** why a low score was given (a built-in reason code or the tenant's own text) */
  reason?: string;
  /** platform user id of whoever answered a bot survey */
  respondent?: string;
}
