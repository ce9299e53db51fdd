import type { Locale } from '../i18n/index.js';
import type { DimValues } from '../kpi/dimensions.js';
import { SCORE_RANGE, type SurveyKind, type SurveyType } from './interaction.js';

export type SurveyPlatform = 'slack' | 'teams';

/**
 * Who is asked: a user (Slack DM; Teams 1:1 chat by AAD object id or 29:… id) or a
 * conversation (Slack channel, also Slack Connect; Teams conversation the bot is in).
 */
export type SurveyRecipient = { userId: string } | { channelId: string };

export type SurveyStatus = 'scheduled' | 'sending' | 'sent' | 'failed';

export interface Survey {
  id: string;
  tenantId: string;
  type: SurveyKind;
  /** what a meeting rating is about (the meeting's title) */
  subject?: string;
  meetingId?: string;
  platform: SurveyPlatform;
  recipient: SurveyRecipient;
  /** the ticket it asks about; at most one survey of a type per interaction */
  interaction?: { source: string; externalId: string };
  locale: Locale;
  status: SurveyStatus;
  /** when it goes out (automatic surveys wait after the resolution) */
  dueAt: Date;
  sentAt?: Date;
  expiresAt?: Date;
  /** where the question was posted (Slack channel + ts, Teams conversation + activity id) */
  message?: { channelId: string; messageId: string };
  /** who asked for it: a user id, "api" or "auto" */
  sentBy: string;
  /** the complaint alert posted for a low score (once per survey) */
  alert?: { platform: SurveyPlatform; channelId: string; messageId: string };
  error?: string;
  /** while "sending": until when its sender holds it (then the sweep finishes or fails it) */
  sendingUntil?: Date;
  /** its "sent" count while not yet in the rollups (the count's journal) */
  pendingCount?: PendingCount;
}

/** What a survey's "sent" count adds to the rollups, and until when its writer holds it. */
export interface PendingCount {
  dims: DimValues;
  timezone: string;
  until: Date;
}

export interface SurveySettings {
  /** automatic sending after a ticket is resolved */
  autoSend: { enabled: boolean; type: SurveyType; delayHours: number; platform: SurveyPlatform };
  expiryDays: number;
  /** reasons offered after a bad score; empty = the built-in localized list */
  reasons: string[];
  /** link to a ticket in the help desk, "{externalId}" and "{source}" are replaced */
  interactionUrl?: string;
}

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  autoSend: { enabled: false, type: 'csat', delayHours: 24, platform: 'slack' },
  expiryDays: 28,
  reasons: [],
};

/** Built-in reasons (i18n keys survey.reason.<code>). */
export const DEFAULT_REASONS = ['slow', 'unresolved', 'attitude', 'unclear', 'other'] as const;

/** CSAT ≤ 2 and NPS ≤ 6 are complaints. */
export const isLowScore = (type: SurveyKind, score: number) => (type === 'csat' ? score <= 2 : type === 'nps' ? score <= 6 : false);

export const isValidScore = (type: SurveyKind, score: unknown): score is number =>
  typeof score === 'number' && Number.isInteger(score) && score >= SCORE_RANGE[type][0] && score <= SCORE_RANGE[type][1];

/** Responses of bot surveys are stored under this external id (one per survey). */
export const responseIdOf = (surveyId: string) => `survey:${surveyId}`;
/** Source of a response to a survey not linked to any interaction. */
export const UNLINKED_SOURCE = 'survey';

export function ticketUrl(settings: SurveySettings, interaction: { source: string; externalId: string }): string | undefined {
  if (!settings.interactionUrl) return undefined;
  return settings.interactionUrl.replaceAll('{externalId}', encodeURIComponent(interaction.externalId)).replaceAll('{source}', encodeURIComponent(interaction.source));
}
