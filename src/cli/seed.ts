/** npm run seed -- --tenant demo --days 90 [--per-day 120] [--seed 42] */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { createService } from '../service.js';
import { createLogger } from '../infra/observability/logger.js';
import { storeInteractions } from '../core/use-cases/store-interactions.js';
import { storeSurveyResponses } from '../core/use-cases/store-survey-responses.js';
import { generateInteractions, generateResponses } from './demo-data.js';
import { resolveMongoUri } from './mongo-uri.js';

export const DEMO_TARGETS = [
  { kpi: 'firstResponseMinutes.median', op: '<=', value: 60 },
  { kpi: 'resolutionMinutes.p90', op: '<=', value: 1440 },
  { kpi: 'csat.score', op: '>=', value: 0.85 },
  { kpi: 'nps.score', op: '>=', value: 40 },
  { kpi: 'slaCompliance', op: '>=', value: 0.9 },
  { kpi: 'fcrRate', op: '>=', value: 0.7 },
  { kpi: 'reopenRate', op: '<=', value: 0.05 },
] as const;

async function main() {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string', default: 'demo' },
      days: { type: 'string', default: '90' },
      'per-day': { type: 'string', default: '120' },
      seed: { type: 'string', default: '42' },
    },
  });
  const days = Number(values.days);
  const perDay = Number(values['per-day']);
  if (!Number.isInteger(days) || days < 1 || days > 730) throw new Error('--days must be an integer between 1 and 730');
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 100_000) throw new Error('--per-day must be an integer between 1 and 100000');
  const config = loadConfig();
  const service = await createService({ config, mongoUri: await resolveMongoUri(config), logger: createLogger('warn') });
  const tenantId = values.tenant;
  const tenant = await service.deps.tenants.get(tenantId);
  const end = new Date();
  const interactions = generateInteractions({ days, perDay, end, timezone: tenant.timezone, seed: Number(values.seed), source: 'demo' });
  const responses = generateResponses(interactions, Number(values.seed) + 1, end);
  for (let i = 0; i < interactions.length; i += 2000) {
    await storeInteractions(service.deps, tenantId, tenant.timezone, interactions.slice(i, i + 2000));
  }
  for (let i = 0; i < responses.length; i += 2000) {
    await storeSurveyResponses(service.deps, tenantId, tenant.timezone, responses.slice(i, i + 2000));
  }
  for (const target of DEMO_TARGETS) await service.deps.targets.set(tenantId, { ...target });
  process.stdout.write(`seeded tenant ${tenantId}: ${interactions.length} interactions, ${responses.length} survey responses over ${days} days\n`);
  await service.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`seed failed: ${(e as Error).message}\n`);
  process.exit(1);
});
