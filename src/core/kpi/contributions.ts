import type { InteractionSla } from '../domain/interaction.js';
import { binOf } from './histogram.js';

/**
 * What one record adds to the rollups, as events at points in time. A record's contribution
 * is subtracted (sign -1) and the new one added when it changes, so re-sends never double count.
 */
export interface RollupEvent {
  at: Date;
  inc: Record<string, number>;
}

export interface InteractionFacts {
  createdAt: Date;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  reopenedAt: Date[];
  escalatedAt?: Date | null;
  /** the customer's key (see customer-keys.ts): counted in the buckets' sets of customers */
  customerKey: string;
  firstContactResolution: boolean;
  /** targets, and the business minutes of the write's calendar when it was not 24×7 */
  sla: Pick<InteractionSla, 'firstResponseMinutes' | 'resolutionMinutes' | 'businessMinutes'>;
}

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60000;
/** Durations are summed as integer milliseconds so that subtracting a re-sent record is exact. */
const msBetween = (a: Date, b: Date) => b.getTime() - a.getTime();

/**
 * SLA is met when both the first response and the resolution are within target, timed by the
 * business minutes the record was written with; a record without them (24×7, or stored before
 * business hours existed) by the wall clock. No first response: the resolution answers first.
 */
export function isSlaMet(i: Pick<InteractionFacts, 'createdAt' | 'firstResponseAt' | 'resolvedAt' | 'sla'>): boolean {
  if (!i.resolvedAt) return false;
  const clock = i.sla.businessMinutes;
  const resolution = clock?.resolution ?? minutesBetween(i.createdAt, i.resolvedAt);
  const firstResponse = i.firstResponseAt ? (clock?.firstResponse ?? minutesBetween(i.createdAt, i.firstResponseAt)) : resolution;
  return firstResponse <= i.sla.firstResponseMinutes && resolution <= i.sla.resolutionMinutes;
}

export function interactionEvents(i: InteractionFacts): RollupEvent[] {
  const created: RollupEvent = { at: i.createdAt, inc: { 'c.vol': 1, [`u.${i.customerKey}`]: 1 } };
  if (i.firstResponseAt) {
    const frt = minutesBetween(i.createdAt, i.firstResponseAt);
    created.inc['c.frtN'] = 1;
    created.inc['c.frtMs'] = msBetween(i.createdAt, i.firstResponseAt);
    created.inc[`h.frt.${binOf(frt)}`] = 1;
  }
  const events = [created];
  if (i.resolvedAt) {
    const rt = minutesBetween(i.createdAt, i.resolvedAt);
    events.push({
      at: i.resolvedAt,
      inc: {
        'c.res': 1,
        'c.rtMs': msBetween(i.createdAt, i.resolvedAt),
        [`h.rt.${binOf(rt)}`]: 1,
        'c.fcr': i.firstContactResolution ? 1 : 0,
        'c.sla': isSlaMet(i) ? 1 : 0,
      },
    });
  }
  for (const at of i.reopenedAt) events.push({ at, inc: { 'c.reo': 1 } });
  if (i.escalatedAt) {
    events.push({ at: i.escalatedAt, inc: { 'c.escN': 1, 'c.escMs': msBetween(i.createdAt, i.escalatedAt) } });
  }
  return events;
}

/**
 * A survey counts as sent when it went out; its answer counts (c.svA) when it arrives, so the
 * response rate of a period is answers received in it over surveys sent in it.
 */
export function surveySentEvents(sentAt: Date): RollupEvent[] {
  return [{ at: sentAt, inc: { 'c.svS': 1 } }];
}

export interface ResponseFacts {
  type: 'csat' | 'nps' | 'meeting';
  score: number;
  respondedAt: Date;
  /** an answer to one of the bot's surveys: counts as answered for the response rate */
  answersSurvey: boolean;
}

export function responseEvents(r: ResponseFacts): RollupEvent[] {
  // meeting ratings are not customer feedback: no KPI counts them
  if (r.type === 'meeting') return [];
  const prefix = r.type === 'csat' ? 'cs' : 'np';
  const inc: Record<string, number> = { [`c.${prefix}N`]: 1, [`c.${prefix}S`]: r.score, [`h.${prefix}.${r.score}`]: 1 };
  if (r.answersSurvey) inc['c.svA'] = 1;
  return [{ at: r.respondedAt, inc }];
}
