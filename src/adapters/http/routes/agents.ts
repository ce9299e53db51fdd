import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { listAgents, putAgent, removeAgent, ZAgent, type AgentDeps } from '../../../core/settings/index.js';
import { sendAs } from '../api-contract.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';
import { apiActor } from './settings.js';

export const ZAgentList = z.object({ agents: z.array(ZAgent) });

const input = (req: Request, res: Response) => ({ tenantId: (res.locals as AuthedLocals).tenantId, actor: apiActor(res), agentId: req.params['agentId'], locale: requestLocale(req) });

/**
 * The agent directory: the help desk's agent id ↔ Slack user id / Teams AAD object id and a
 * display name. GET needs `read`, PUT and DELETE `admin`; a person already mapped to another
 * agent is a 409 naming that agent.
 */
export function agentRoutes(deps: AgentDeps) {
  const router = Router();
  router.get('/api/v1/agents', requireScope('read'), async (_req, res) => {
    sendAs(res, ZAgentList, { agents: await listAgents(deps, (res.locals as AuthedLocals).tenantId) });
  });
  router.put('/api/v1/agents/:agentId', requireScope('admin'), ...jsonBody({ limit: '4kb', anyType: true }), async (req, res) => {
    const { agent, created } = await putAgent(deps, { ...input(req, res), body: req.body as unknown });
    sendAs(res, ZAgent, agent, created ? 201 : 200);
  });
  router.delete('/api/v1/agents/:agentId', requireScope('admin'), async (req, res) => {
    sendAs(res, ZAgent, await removeAgent(deps, input(req, res)));
  });
  return router;
}
