import { DomainError, NotFoundError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import type { DirectoryAgent } from '../ports/agents.js';
import type { SettingsActor } from '../ports/tenants.js';
import { z } from 'zod';
import { ZAgentId, ZAgentPut, type TAgent } from './agent-schema.js';
import { recordChanges, type AgentDeps } from './deps.js';
import { parseSettingsInput } from './issues.js';

/** A Slack user or AAD id that already belongs to another agent (one person is one agent): 409. */
export class AgentConflictError extends DomainError {
  constructor(readonly field: 'slackUserId' | 'teamsAadId', readonly value: string, readonly otherAgentId: string) {
    super('conflict', 'settings.agent_conflict', { field, value, agent: otherAgentId });
  }
}

interface AgentInput {
  tenantId: string;
  actor: SettingsActor;
  agentId: unknown;
  locale: Locale;
}

/** the id from the URL, named in messages as `agentId` */
const agentIdOf = (input: AgentInput) => parseSettingsInput(z.object({ agentId: ZAgentId }), { agentId: input.agentId }, input.locale).agentId;

const view = (a: DirectoryAgent): TAgent => ({
  agentId: a.agentId,
  ...(a.slackUserId ? { slackUserId: a.slackUserId } : {}),
  ...(a.teamsAadId ? { teamsAadId: a.teamsAadId } : {}),
  ...(a.name ? { name: a.name } : {}),
});
/** An entry as the audit shows it (the agent id is in the path) */
const audited = (a: DirectoryAgent | null) => (a ? { slackUserId: a.slackUserId ?? null, teamsAadId: a.teamsAadId ?? null, name: a.name ?? null } : null);

export async function listAgents(deps: Pick<AgentDeps, 'agents'>, tenantId: string): Promise<TAgent[]> {
  return (await deps.agents.list(tenantId)).map(view);
}

/** PUT /api/v1/agents/:agentId: creates or replaces the entry whole. */
export async function putAgent(deps: AgentDeps, input: AgentInput & { body: unknown }): Promise<{ agent: TAgent; created: boolean }> {
  const agentId = agentIdOf(input);
  const body = parseSettingsInput(ZAgentPut, input.body, input.locale);
  const before = await deps.agents.get(input.tenantId, agentId);
  const result = await deps.agents.put(input.tenantId, { agentId, ...body });
  if ('conflict' in result) {
    const { field, agentId: other } = result.conflict;
    throw new AgentConflictError(field, body[field] ?? '', other);
  }
  await recordChanges(deps, input.tenantId, input.actor, { agents: { [agentId]: audited(before) } }, { agents: { [agentId]: audited(result.agent) } });
  return { agent: view(result.agent), created: result.created };
}

/** DELETE /api/v1/agents/:agentId: the removed entry; 404 when there is none. */
export async function removeAgent(deps: AgentDeps, input: AgentInput): Promise<TAgent> {
  const agentId = agentIdOf(input);
  const removed = await deps.agents.remove(input.tenantId, agentId);
  if (!removed) throw new NotFoundError('settings.agent_not_found', { agent: agentId });
  await recordChanges(deps, input.tenantId, input.actor, { agents: { [agentId]: audited(removed) } }, { agents: { [agentId]: null } });
  return view(removed);
}
