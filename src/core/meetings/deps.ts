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

/** Who asks, where: the bot context's slice that reading meetings and actions needs (any surface, the CLI too). */
export type Viewer = Pick<BotContext, 'tenantId' | 'userId' | 'aliases' | 'channelId' | 'locale' | 'isSupervisor' | 'now'>;
/** Who pressed, where, on a platform that posts. */
export type Participant = Viewer & { platform: 'slack' | 'teams' };
