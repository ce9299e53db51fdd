import { Router, type Request, type Response } from 'express';
import { listAgents, putAgent, removeAgent, type AgentDeps } from '../../../core/settings/index.js';
import { requireScope, type AuthedLocals } from '../auth.js';
import { jsonBody } from '../json-body.js';
import { requestLocale } from '../respond.js';
import { apiActor } from './settings.js';

const input = (req: Request, res: Response) => ({ tenantId: (res.locals as AuthedLocals).tenantId, actor: apiActor(res), agentId: req.params['agentId'], locale: requestLocale(req) });

/**
 * The agent directory: the help desk's agent id ↔ Slack user id / Teams AAD object id and a
 * display name. GET needs `read`, PUT and DELETE `admin`; a person already mapped to another
 * agent is a 409 naming that agent.
 */
export function agentRoutes(deps: AgentDeps) {
  const router = Router();
  router.get('/api/v1/agents', requireScope('read'), async (_req, res) => {
    res.json({ agents: await listAgents(deps, (res.locals as AuthedLocals).tenantId) });
  });
  router.put('/api/v1/agents/:agentId', requireScope('admin'), ...jsonBody({ limit: '4kb', anyType: true }), async (req, res) => {
    const { agent, created } = await putAgent(deps, { ...input(req, res), body: req.body as unknown });
    res.status(created ? 201 : 200).json(agent);
  });
  router.delete('/api/v1/agents/:agentId', requireScope('admin'), async (req, res) => {
    res.json(await removeAgent(deps, input(req, res)));
  });
  return router;
}
