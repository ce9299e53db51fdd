import type { Locale } from '../i18n/index.js';
import type { TenantStore } from '../ports/tenants.js';
import { bodyError, buildRejected, validateRecords, type IngestReport } from './batch-outcome.js';
import { splitBody } from './body.js';
import { parseInteraction } from './interaction-input.js';
import { parseSurveyResponse, SURVEY_CSV_COLUMNS } from './survey-response-input.js';
import { storeInteractions, storeSurveyResponses, type StoreDeps } from '../records/index.js';
import { scheduleAutoSurveys } from '../surveys/index.js';
import type { SurveyStore } from '../ports/surveys.js';
import type { ChatPlatforms } from '../ports/chat-platform.js';
import type { InteractionRecord } from '../domain/interaction.js';
import { calendarOf } from '../sla/index.js';

export interface IngestDeps extends StoreDeps {
  tenants: TenantStore;
  now: () => Date;
  /** with these, resolved tickets get their automatic survey scheduled */
  surveys?: SurveyStore;
  platforms?: ChatPlatforms;
}

export interface IngestInput {
  tenantId: string;
  contentType: string | undefined;
  body: string;
  /** the CSV import endpoint takes text/csv; the others JSON or NDJSON */
  kind: 'json' | 'csv';
  locale: Locale;
}

/**
 * Validates every record on its own: the valid ones land (idempotently), the others are
 * reported with their index or line and the reason. A body that cannot be read at all is
 * refused as a whole and changes nothing.
 */
export async function ingestInteractions(deps: IngestDeps, input: IngestInput): Promise<IngestReport> {
  const split = splitBody(input.contentType, input.body, input.kind);
  if (!split.ok) throw bodyError(split);
  const tenant = await deps.tenants.get(input.tenantId);
  const now = deps.now();
  // the calendar in force at this write is what these records' SLA is judged with
  const calendar = calendarOf(tenant);
  const { valid, failed } = validateRecords(split, (raw) => parseInteraction(raw, { slaPolicy: tenant.slaPolicy, calendar, now }));
  const { surveys, platforms } = deps;
  const auto = surveys && platforms && tenant.surveys.autoSend.enabled ? { platform: tenant.surveys.autoSend.platform, scheduled: 0, withoutRecipient: 0 } : undefined;
  const onResolved = auto && surveys && platforms
    ? async (resolved: InteractionRecord[]) => {
        const done = await scheduleAutoSurveys({ ...deps, surveys, platforms }, tenant, resolved);
        auto.scheduled += done.scheduled;
        auto.withoutRecipient += done.withoutRecipient;
      }
    : undefined;
  const counts = await storeInteractions(deps, input.tenantId, tenant.rollupTimezone, valid.map((v) => v.value), onResolved);
  return { accepted: valid.length, ...counts, rejected: buildRejected(failed, input.locale), ...(auto ? { autoSurveys: auto } : {}) };
}

export async function ingestSurveyResponses(deps: IngestDeps, input: IngestInput): Promise<IngestReport> {
  const split = splitBody(input.contentType, input.body, input.kind, SURVEY_CSV_COLUMNS);
  if (!split.ok) throw bodyError(split);
  const tenant = await deps.tenants.get(input.tenantId);
  const now = deps.now();
  const { valid, failed } = validateRecords(split, (raw) => parseSurveyResponse(raw, { now }));
  const counts = await storeSurveyResponses(deps, input.tenantId, tenant.rollupTimezone, valid.map((v) => v.value));
  return { accepted: valid.length, ...counts, rejected: buildRejected(failed, input.locale) };
}
