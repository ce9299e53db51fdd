import { DateTime } from 'luxon';
import type { InteractionRecord } from '../domain/interaction.js';
import type { StoredResponse } from '../ports/survey-responses.js';
import { BucketDeltas } from './bucket-deltas.js';
import { interactionEvents, responseEvents } from './contributions.js';
import { NONE, type DimValues } from './dimensions.js';

export function dimsOf(r: InteractionRecord): DimValues {
  return { channel: r.channel, team: r.team ?? NONE, agent: r.agent?.id ?? NONE, category: r.category ?? NONE };
}
export const UNLINKED: DimValues = { channel: NONE, team: NONE, agent: NONE, category: NONE };
export const sameDims = (a: DimValues, b: DimValues) =>
  a.channel === b.channel && a.team === b.team && a.agent === b.agent && a.category === b.category;

export function eventsOfInteraction(r: InteractionRecord) {
  if (!r.customer.key) throw new Error('an interaction reached the rollups without its customer key');
  return interactionEvents({
    createdAt: r.createdAt,
    firstResponseAt: r.firstResponseAt ?? null,
    resolvedAt: r.resolvedAt ?? null,
    reopenedAt: r.reopenedAt,
    escalatedAt: r.escalatedAt ?? null,
    customerKey: r.customer.key,
    firstContactResolution: r.firstContactResolution,
    sla: r.sla,
  });
}

export const eventsOfResponse = (r: StoredResponse) => responseEvents({ type: r.type, score: r.score, respondedAt: r.respondedAt, answersSurvey: r.surveyId !== undefined });

/** Bucket deltas keyed by days of the tenant's zone. */
export function deltasFor(timezone: string): BucketDeltas {
  return new BucketDeltas((at) => DateTime.fromJSDate(at, { zone: timezone }).startOf('day').toMillis());
}

/** Moves a record's contribution from its previous version to the new one. */
export function addInteractionChange(d: BucketDeltas, previous: InteractionRecord | null, next: InteractionRecord) {
  if (previous) d.add(eventsOfInteraction(previous), dimsOf(previous), -1);
  d.add(eventsOfInteraction(next), dimsOf(next), 1);
}

export function addResponseChange(d: BucketDeltas, previous: StoredResponse | null, next: StoredResponse) {
  if (previous) d.add(eventsOfResponse(previous), previous.dims, -1);
  d.add(eventsOfResponse(next), next.dims, 1);
}

/** records' deltas computed per slice between I/O callbacks */
const EARLY_SLICE = 250;

/**
 * The deltas of some records as if every one were new, computed in slices while the caller
 * waits for their write (most ingested records are new): `for(outcomes)` gives them when every
 * outcome is the creation of exactly these records (the same objects), else undefined and the
 * caller computes from the outcomes.
 */
export function earlyCreatedDeltas(timezone: string, records: InteractionRecord[]) {
  const deltas = deltasFor(timezone);
  let stopped = false;
  const done = (async () => {
    for (let i = 0; i < records.length && !stopped; i += EARLY_SLICE) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const r of records.slice(i, i + EARLY_SLICE)) addInteractionChange(deltas, null, r);
    }
  })();
  return {
    async for(outcomes: { kind: string; record: InteractionRecord }[]): Promise<BucketDeltas | undefined> {
      const mine = new Set(records);
      const all = outcomes.length === records.length && outcomes.every((o) => o.kind === 'created' && mine.has(o.record));
      if (!all) {
        stopped = true;
        return undefined;
      }
      await done;
      return stopped ? undefined : deltas;
    },
    stop() {
      stopped = true;
    },
  };
}
