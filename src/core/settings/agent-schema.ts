import { z } from 'zod';
import { SLACK_USER_ID } from './fields.js';
import { withoutMentionMarks } from '../cards/card.js';

/** The help desk's agent id, as it sends it in `agent.id`. */
export const ZAgentId = z.string().trim().min(1).max(200);

/** PUT /api/v1/agents/:agentId: the whole entry (what is left out is cleared); at least one field. */
export const ZAgentPut = z
  .strictObject({
    slackUserId: z.string().trim().regex(SLACK_USER_ID, { message: 'settings.bad_slack_user' }).optional(),
    teamsAadId: z.guid({ message: 'settings.bad_aad_id' }).transform((v) => v.toLowerCase()).optional(),
    // shown on cards: without mention marks (cards/card.ts)
    name: z.string().transform(withoutMentionMarks).pipe(z.string().trim().min(1).max(200)).optional(),
  })
  .refine((v) => v.slackUserId !== undefined || v.teamsAadId !== undefined || v.name !== undefined, { message: 'settings.agent_empty' });
export type TAgentPut = z.infer<typeof ZAgentPut>;

export const ZAgent = z.object({
  agentId: z.string(),
  slackUserId: z.string().optional(),
  teamsAadId: z.string().optional(),
  name: z.string().optional(),
});
export type TAgent = z.infer<typeof ZAgent>;
