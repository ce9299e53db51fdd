import type { Service } from '../service.js';
import { storeInteractions } from '../core/records/store-interactions.js';
import { storeSurveyResponses } from '../core/records/store-survey-responses.js';
import { generateInteractions, generateResponses } from './demo-data.js';

export const DEMO_TARGETS = [
  { kpi: 'firstResponseMinutes.median', op: '<=', value: 60 },
  { kpi: 'resolutionMinutes.p90', op: '<=', value: 1440 },
  { kpi: 'csat.score', op: '>=', value: 0.85 },
  { kpi: 'nps.score', op: '>=', value: 40 },
  { kpi: 'slaCompliance', op: '>=', value: 0.9 },
  { kpi: 'fcrRate', op: '>=', value: 0.7 },
  { kpi: 'reopenRate', op: '<=', value: 0.05 },
] as const;

/** Demo interactions, survey answers and targets for a tenant (deterministic for a seed). */
export async function seedDemo(service: Service, o: { tenantId: string; days: number; perDay: number; seed: number; end?: Date }) {
  const tenant = await service.deps.tenants.get(o.tenantId);
  const end = o.end ?? service.deps.now();
  const interactions = generateInteractions({ days: o.days, perDay: o.perDay, end, timezone: tenant.timezone, seed: o.seed, source: 'demo' });
  const responses = generateResponses(interactions, o.seed + 1, end);
  for (let i = 0; i < interactions.length; i += 2000) await storeInteractions(service.deps, o.tenantId, tenant.rollupTimezone, interactions.slice(i, i + 2000));
  for (let i = 0; i < responses.length; i += 2000) await storeSurveyResponses(service.deps, o.tenantId, tenant.rollupTimezone, responses.slice(i, i + 2000));
  for (const target of DEMO_TARGETS) await service.deps.targets.set(o.tenantId, { ...target });
  return { interactions: interactions.length, responses: responses.length };
}

/**
 * Seeds the console's tenant once. A marker in MongoDB says "seeding" (with the data's end,
 * fixed by the first attempt) until every write is done, then "done": an attempt cut short by
 * an outage or a restart is run again and writes the same records, which are idempotent.
 */
export async function seedDemoOnce(service: Service, tenantId: string): Promise<boolean> {
  const markers = service.models.installations.collection;
  const marker = { tenantId: '_service', platform: 'service', key: `demo-seeded:${tenantId}` };
  const doc = await markers.findOneAndUpdate(marker, { $setOnInsert: { data: { state: 'seeding', end: service.deps.now() }, updatedAt: new Date() } }, { upsert: true, returnDocument: 'after' });
  const data = doc?.['data'] as { state?: string; end?: Date } | undefined;
  // markers written before there were states meant "seeded"
  if (data?.state !== 'seeding') return false;
  await seedDemo(service, { tenantId, days: 90, perDay: 40, seed: 42, ...(data.end ? { end: data.end } : {}) });
  await markers.updateOne(marker, { $set: { 'data.state': 'done', updatedAt: new Date() } });
  return true;
}
