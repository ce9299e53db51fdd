/**
 * The agent directory: the help desk's agent id (`agent.id` of interactions) ↔ the person's
 * Slack user id and/or Teams AAD object id, with a display name. One person is one agent.
 */
export interface DirectoryAgent {
  agentId: string;
  slackUserId?: string;
  teamsAadId?: string;
  name?: string;
}

/** A put refused because a Slack user or AAD id already belongs to another agent. */
export interface AgentConflict {
  conflict: { field: 'slackUserId' | 'teamsAadId'; agentId: string };
}

export interface AgentDirectory {
  /** every agent of the tenant, by agent id */
  list(tenantId: string): Promise<DirectoryAgent[]>;
  get(tenantId: string, agentId: string): Promise<DirectoryAgent | null>;
  /** the agent whose Slack user id or AAD object id this is */
  byUser(tenantId: string, userId: string): Promise<DirectoryAgent | null>;
  /** the agents of these agent ids that are in the directory */
  byAgentIds(tenantId: string, agentIds: readonly string[]): Promise<DirectoryAgent[]>;
  /** creates or replaces one entry whole; `created` when there was none */
  put(tenantId: string, agent: DirectoryAgent): Promise<{ agent: DirectoryAgent; created: boolean } | AgentConflict>;
  /** the removed entry, or null when there was none */
  remove(tenantId: string, agentId: string): Promise<DirectoryAgent | null>;
}
