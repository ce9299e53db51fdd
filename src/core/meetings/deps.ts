/** What meeting use-cases need, and who acts in them. */
import type { BotContext } from '../chat/types.js';
import type { ActionStore, MeetingStore } from '../ports/meetings.js';
import type { SurveyDeps } from '../surveys/index.js';
import type { ShowKpiDeps } from '../kpi/index.js';

export interface MeetingDeps extends SurveyDeps, ShowKpiDeps {
  meetings: MeetingStore;
  actions: ActionStore;
  logger?: { warn(fields: object, message: string): void };
}

/** Who pressed, where: the bot context's slice a meeting needs, on a platform that posts. */
export type Participant = Pick<BotContext, 'tenantId' | 'userId' | 'aliases' | 'channelId' | 'locale' | 'isSupervisor' | 'now'> & { platform: 'slack' | 'teams' };
