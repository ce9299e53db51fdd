// The write path's stores on a fresh test database (indexes created), for tests below the HTTP layer.
import type { StoreDeps } from '../../src/core/records/store-interactions.js';
import { createInteractionRepository } from '../../src/infra/mongo/interactions/repository.js';
import { createModels, ensureIndexes } from '../../src/infra/mongo/models.js';
import { createRollupRepository } from '../../src/infra/mongo/rollups/repository.js';
import { createSurveyResponseRepository } from '../../src/infra/mongo/surveys/response-repository.js';
import { createCustomerKeys } from '../../src/infra/security/customer-keys.js';
import { connectTestDb, type TestDb } from './mongo.js';

export async function connectStoreDeps(name?: string): Promise<{ db: TestDb; deps: StoreDeps }> {
  const db = await connectTestDb(name);
  await ensureIndexes(createModels(db.connection));
  const deps = {
    interactions: createInteractionRepository(db.connection),
    responses: createSurveyResponseRepository(db.connection),
    rollups: createRollupRepository(db.connection),
    customerKeys: createCustomerKeys('test-customer-key-secret'),
  };
  return { db, deps };
}
