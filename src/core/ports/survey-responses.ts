import type { SurveyResponseRecord } from '../domain/interaction.js';
import type { DimValues, Filters } from '../kpi/dimensions.js';
import type { Journaled } from './interactions.js';

/** A stored response with the dimensions of its interaction that the rollups counted it under. */
export interface StoredResponse extends SurveyResponseRecord {
  dims: DimValues;
}

/** Writes are journaled like interactions: an answer cut short before the rollups is finished later. */
export interface SurveyResponseStore extends Journaled<StoredResponse> {
  /** Responses (pushed by API) linked to these interactions of one source. */
  findLinked(tenantId: string, source: string, interactionExternalIds: string[]): Promise<StoredResponse[]>;
  scan(tenantId: string): AsyncIterable<StoredResponse>;
  /** One response by its identity (source, externalId). */
  get(tenantId: string, source: string, externalId: string): Promise<StoredResponse | null>;
  /** Latest responses with a comment in [start, end) under these filters, newest first. */
  latestComments(tenantId: string, range: { start: Date; end: Date }, limit: number, filters: Filters): Promise<StoredResponse[]>;
  /** The answers to these bot surveys not linked to an interaction (meeting ratings). */
  ofUnlinkedSurveys(tenantId: string, surveyIds: string[]): Promise<StoredResponse[]>;
  /** Whether any response still waits for the interaction it names to arrive. */
  hasUnlinked(tenantId: string): Promise<boolean>;
}
