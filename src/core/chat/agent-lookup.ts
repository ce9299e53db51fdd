import type { AgentDirectory } from '../ports/agents.js';
import { isGuid, SLACK_USER_ID } from './ids.js';

/**
 * The agent id a person's own numbers are kept under: the directory's entry for their Slack
 * user id or AAD object id, else the user id itself (help desks that send it as `agent.id`).
 */
export async function agentIdOfUser(agents: AgentDirectory, tenantId: string, userId: string): Promise<string> {
  return (await agents.byUser(tenantId, userId))?.agentId ?? userId;
}

/** An `agent:` filter: a mentioned Slack user or Teams AAD id is read as its agent; anything else as typed. */
export async function agentFilterOf(agents: AgentDirectory, tenantId: string, value: string): Promise<string> {
  if (!SLACK_USER_ID.test(value) && !isGuid(value)) return value;
  return agentIdOfUser(agents, tenantId, value);
}

/** Display names of agents, for breakdowns (agents without one are left out). */
export async function agentNamesOf(agents: AgentDirectory, tenantId: string, agentIds: readonly string[]): Promise<Record<string, string>> {
  if (agentIds.length === 0) return {};
  const found = await agents.byAgentIds(tenantId, agentIds);
  return Object.fromEntries(found.filter((a) => a.name).map((a) => [a.agentId, a.name!]));
}
