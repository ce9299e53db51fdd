/** npm run seed -- --tenant T0DEMO001 --days 90 [--per-day 120] [--seed 42] */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { createService } from '../service.js';
import { createLogger } from '../infra/observability/logger.js';
import { seedDemo } from './seed-demo.js';
import { resolveMongoUri } from './mongo-uri.js';
import { CONSOLE_TENANTS } from '../adapters/console/users.js';

async function main() {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string', default: CONSOLE_TENANTS.slack },
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
  // API_KEYS is the running service's business, not this terminal's
  const service = await createService({ config, mongoUri: await resolveMongoUri(config), logger: createLogger('warn'), syncApiKeys: false });
  const tenantId = values.tenant;
  const { interactions, responses } = await seedDemo(service, { tenantId, days, perDay, seed: Number(values.seed) });
  process.stdout.write(`seeded tenant ${tenantId}: ${interactions} interactions, ${responses} survey responses over ${days} days\n`);
  await service.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`seed failed: ${(e as Error).message}\n`);
  process.exit(1);
});
