import type { SurveyResponseRecord } from '../domain/interaction.js';
import type { DimValues } from '../kpi/dimensions.js';
import type { UpsertOutcome } from './interactions.js';

/** A stored response with the dimensions of its interaction that the rollups counted it under. */
export interface StoredResponse extends SurveyResponseRecord {
  dims: DimValues;
}

export interface SurveyResponseStore {
  upsertMany(tenantId: string, records: StoredResponse[]): Promise<UpsertOutcome<StoredResponse>[]>;
  /** Responses (pushed by API) linked to these interactions of one source. */
  findLinked(tenantId: string, source: string, interactionExternalIds: string[]): Promise<StoredResponse[]>;
  scan(tenantId: string): AsyncIterable<StoredResponse>;
  /** Whether any response still waits for the interaction it names to arrive. */
  hasUnlinked(tenantId: string): Promise<boolean>;
}
