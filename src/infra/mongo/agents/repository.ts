import type { Connection } from 'mongoose';
import type { AgentConflict, AgentDirectory, DirectoryAgent } from '../../../core/ports/agents.js';
import { agentModel } from './schema.js';

const DUPLICATE_KEY = 11000;
const none = (agentId: string) => `~${agentId}`;
const isGuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

const toAgent = (d: Record<string, unknown>): DirectoryAgent => ({
  agentId: String(d['agentId']),
  ...(typeof d['slackUserId'] === 'string' ? { slackUserId: d['slackUserId'] } : {}),
  ...(typeof d['teamsAadId'] === 'string' ? { teamsAadId: d['teamsAadId'] } : {}),
  ...(typeof d['name'] === 'string' ? { name: d['name'] } : {}),
});

export function createAgentRepository(conn: Connection): AgentDirectory {
  const model = agentModel(conn);
  const one = async (filter: Record<string, string>) => {
    const d = (await model.findOne(filter).lean().exec()) as Record<string, unknown> | null;
    return d ? toAgent(d) : null;
  };

  /** Which other agent holds one of these ids (a duplicate-key error names no key on every server: read again). */
  async function conflictOf(tenantId: string, a: DirectoryAgent): Promise<AgentConflict | null> {
    const bySlack = a.slackUserId ? await one({ tenantId, slackKey: a.slackUserId }) : null;
    if (bySlack && bySlack.agentId !== a.agentId) return { conflict: { field: 'slackUserId', agentId: bySlack.agentId } };
    const byAad = a.teamsAadId ? await one({ tenantId, aadKey: a.teamsAadId }) : null;
    if (byAad && byAad.agentId !== a.agentId) return { conflict: { field: 'teamsAadId', agentId: byAad.agentId } };
    return null;
  }

  async function upsert(tenantId: string, a: DirectoryAgent) {
    const fields = { slackUserId: a.slackUserId, teamsAadId: a.teamsAadId, name: a.name };
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const unset = Object.fromEntries(Object.entries(fields).filter(([, v]) => v === undefined).map(([k]) => [k, '']));
    const update = {
      $set: { ...set, slackKey: a.slackUserId ?? none(a.agentId), aadKey: a.teamsAadId ?? none(a.agentId), updatedAt: new Date() },
      ...(Object.keys(unset).length ? { $unset: unset } : {}),
    };
    return model.findOneAndUpdate({ tenantId, agentId: a.agentId }, update, { upsert: true, returnDocument: 'before', lean: true }).exec();
  }

  return {
    async list(tenantId) {
      return ((await model.find({ tenantId }).sort({ agentId: 1 }).lean().exec()) as Record<string, unknown>[]).map(toAgent);
    },
    get: (tenantId, agentId) => one({ tenantId, agentId }),
    async byUser(tenantId, userId) {
      if (userId.startsWith('~')) return null;
      // two equality lookups, each served by its own index
      const [bySlack, byAad] = await Promise.all([one({ tenantId, slackKey: userId }), isGuid(userId) ? one({ tenantId, aadKey: userId.toLowerCase() }) : null]);
      return bySlack ?? byAad;
    },
    async byAgentIds(tenantId, agentIds) {
      return ((await model.find({ tenantId, agentId: { $in: [...agentIds] } }).lean().exec()) as Record<string, unknown>[]).map(toAgent);
    },
    async put(tenantId, a) {
      // a second attempt when a concurrent first put of the same agent won the insert
      for (let attempt = 0; ; attempt++) {
        try {
          const before = await upsert(tenantId, a);
          return { agent: toAgent({ ...a }), created: !before };
        } catch (e) {
          if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
          const conflict = await conflictOf(tenantId, a);
          if (conflict) return conflict;
          if (attempt > 0) throw e;
        }
      }
    },
    async remove(tenantId, agentId) {
      const d = (await model.findOneAndDelete({ tenantId, agentId }).lean().exec()) as Record<string, unknown> | null;
      return d ? toAgent(d) : null;
    },
  };
}
