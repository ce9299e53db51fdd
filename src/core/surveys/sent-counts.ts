/**
 * A survey's "sent" count (the response rate's denominator) is journaled on the survey itself:
 * the move to "sent" records what the count adds (dimensions, time zone) with a lease, the
 * rollups get it marked with the survey's token, and the record is then cleared. If MongoDB goes
 * away in between, the count is finished once, after the lease, by the minute sweep of any
 * instance; buckets already marked are skipped, so it is never lost nor counted twice.
 */
import type { PendingCount, Survey } from '../domain/survey.js';
import { surveySentEvents } from '../kpi/index.js';
import { deltasFor } from '../kpi/index.js';
import type { RollupStore } from '../ports/rollups.js';
import type { SurveyStore } from '../ports/surveys.js';

export interface SentCountDeps {
  surveys: SurveyStore;
  rollups: RollupStore;
}

const LEASE_MS = 2 * 60_000;
const SWEEP_LIMIT = 200;

export const sentCountToken = (surveyId: string) => `sent:${surveyId}`;

export const pendingCount = (dims: PendingCount['dims'], timezone: string, now: Date): PendingCount => ({ dims, timezone, until: new Date(now.getTime() + LEASE_MS) });

/** Moves a survey's recorded "sent" count into the rollups and clears its record. */
export async function applySentCount(deps: SentCountDeps, survey: Pick<Survey, 'id' | 'tenantId' | 'sentAt'>, pending: PendingCount, repair: boolean): Promise<void> {
  const deltas = deltasFor(pending.timezone);
  deltas.add(surveySentEvents(survey.sentAt!), pending.dims, 1);
  const updates = deltas.updates();
  const token = sentCountToken(survey.id);
  await deps.rollups.apply(survey.tenantId, updates, { token, repair });
  await deps.surveys.settleCount(survey.tenantId, survey.id, pending.until);
  deps.rollups.release(survey.tenantId, token, updates);
}

/** Finishes the "sent" counts whose writer stopped before the rollups had them (each taken over by one instance). */
export async function sweepSentCounts(deps: SentCountDeps, now: Date, onError: (e: unknown) => void = () => undefined): Promise<number> {
  let finished = 0;
  const tenants = await deps.surveys.tenantsWithPending();
  for (const survey of (await Promise.all(tenants.map((t) => deps.surveys.abandonedCounts(t, now, SWEEP_LIMIT)))).flat()) {
    const held = survey.pendingCount!;
    const until = new Date(now.getTime() + LEASE_MS);
    try {
      if (!(await deps.surveys.holdCount(survey.tenantId, survey.id, held.until, until))) continue;
      await applySentCount(deps, survey, { ...held, until }, true);
      finished++;
    } catch (e) {
      onError(e);
    }
  }
  return finished;
}
