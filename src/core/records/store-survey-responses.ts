import type { SurveyResponseRecord } from '../domain/interaction.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import { dimsOf, sameDims, UNLINKED } from '../kpi/index.js';
import { countOutcomes, type StoreCounts, type StoreDeps } from './store-interactions.js';
import { writeResponses } from './response-batches.js';

/**
 * Writes answers collected elsewhere. Each counts under the dimensions of the interaction it
 * names (same source); one that arrives before its interaction is re-filed when it lands.
 */
export async function storeSurveyResponses(
  deps: StoreDeps,
  tenantId: string,
  timezone: string,
  records: SurveyResponseRecord[],
): Promise<StoreCounts> {
  const withDims = await attachDims(deps, tenantId, records);
  const outcomes = await writeResponses(deps, tenantId, timezone, withDims);
  // an interaction written meanwhile may have missed these responses: check once more
  const written = outcomes.filter((o) => o.kind !== 'unchanged').map((o) => o.record);
  const recheck = await attachDims(deps, tenantId, written);
  const stale = recheck.filter((r, i) => !sameDims(r.dims, written[i]!.dims));
  if (stale.length > 0) await writeResponses(deps, tenantId, timezone, stale);
  return countOutcomes(outcomes, records.length);
}

async function attachDims(deps: StoreDeps, tenantId: string, records: SurveyResponseRecord[]): Promise<StoredResponse[]> {
  const bySource = new Map<string, string[]>();
  for (const r of records) {
    if (r.interactionExternalId) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.interactionExternalId]);
  }
  const dims = new Map<string, StoredResponse['dims']>();
  for (const [source, ids] of bySource) {
    for (const i of await deps.interactions.findByExternalIds(tenantId, source, [...new Set(ids)])) {
      dims.set(`${source}\u0000${i.externalId}`, dimsOf(i));
    }
  }
  return records.map((r) => ({ ...r, dims: dims.get(`${r.source}\u0000${r.interactionExternalId}`) ?? UNLINKED }));
}
