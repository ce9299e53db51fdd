/** What meeting use-cases need, and who acts in them. */
import type { Locale } from '../i18n/index.js';
import type { ActionStore, MeetingStore } from '../ports/meetings.js';
import type { SurveyDeps } from '../surveys/index.js';
import type { ShowKpiDeps } from '../kpi/index.js';

export interface MeetingDeps extends SurveyDeps, ShowKpiDeps {
  meetings: MeetingStore;
  actions: ActionStore;
  logger?: { warn(fields: object, message: string): void };
}

/** Who pressed, where (a platform-neutral slice of the bot context). */
export interface Participant {
  tenantId: string;
  platform: 'slack' | 'teams';
  userId: string;
  /** other ids of the same person (Teams) */
  aliases?: string[];
  channelId: string;
  locale: Locale;
  isSupervisor: boolean;
  now: Date;
}
