import type { Connection } from 'mongoose';
import { interactionModel } from './interactions/schema.js';
import { pendingBatchModel, pendingResponseBatchModel } from './pending-batches/schema.js';
import { rollupModel } from './rollups/schema.js';
import { tenantModel } from './tenants/schema.js';
import { apiKeyModel } from './api-keys/schema.js';
import { migrateApiKeys } from './api-keys/migrate.js';
import { surveyModel, surveyResponseModel } from './surveys/schema.js';
import { meetingModel } from './meetings/schema.js';
import { actionItemModel } from './actions/schema.js';
import { reportRunModel, reportScheduleModel } from './reports/schema.js';
import { kpiTargetModel } from './targets/schema.js';
import { installationModel } from './installations/schema.js';
import { leaseModel } from './leases/schema.js';
import { botEventModel } from './bot-events/schema.js';
import { liveCardModel } from './live-cards/schema.js';
import { kpiAlertModel } from './kpi-alerts/schema.js';
import { caseIndexModel } from './case-index/schema.js';
import { agentModel } from './agents/schema.js';
import { settingsAuditModel } from './settings-audit/schema.js';
import { slaJobModel } from './sla-jobs/schema.js';

export function createModels(conn: Connection) {
  return {
    interactions: interactionModel(conn),
    pendingBatches: pendingBatchModel(conn),
    pendingResponseBatches: pendingResponseBatchModel(conn),
    rollups: rollupModel(conn),
    tenants: tenantModel(conn),
    apiKeys: apiKeyModel(conn),
    surveys: surveyModel(conn),
    surveyResponses: surveyResponseModel(conn),
    meetings: meetingModel(conn),
    actionItems: actionItemModel(conn),
    reportSchedules: reportScheduleModel(conn),
    reportRuns: reportRunModel(conn),
    kpiTargets: kpiTargetModel(conn),
    installations: installationModel(conn),
    leases: leaseModel(conn),
    botEvents: botEventModel(conn),
    liveCards: liveCardModel(conn),
    kpiAlerts: kpiAlertModel(conn),
    caseIndex: caseIndexModel(conn),
    agents: agentModel(conn),
    settingsAudit: settingsAuditModel(conn),
    slaJobs: slaJobModel(conn),
  };
}
export type Models = ReturnType<typeof createModels>;

/** Creates collections and the indexes declared beside each schema. */
export async function ensureIndexes(models: Models): Promise<void> {
  // data of older versions could make the new unique indexes fail to build
  await migrateApiKeys(models.apiKeys);
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}
