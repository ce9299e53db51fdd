/**
 * What an interaction's SLA is judged with: the tenant's policy and calendar in force when the
 * record is written. The business minutes are stored on the record so that the rollups (and a
 * later recompute) never need to know which calendar that was.
 */
import {
  DEFAULT_SLA_POLICY,
  SLA_TARGET_FIELDS,
  type InteractionRecord,
  type InteractionSla,
  type Priority,
  type SlaPolicy,
  type SlaTargetField,
} from '../domain/interaction.js';
import type { TenantSettings } from '../domain/tenant.js';
import { businessMinutes, isAlwaysOpen, type SlaCalendar } from './business-minutes.js';

export type { SlaCalendar } from './business-minutes.js';
export { businessMinutes, isAlwaysOpen } from './business-minutes.js';

/** The tenant's SLA calendar (its time zone, business hours and holidays). */
export const calendarOf = (t: Pick<TenantSettings, 'timezone' | 'businessHours' | 'holidays'>): SlaCalendar => ({
  timezone: t.timezone,
  hours: t.businessHours,
  holidays: t.holidays,
});

type Times = Pick<InteractionRecord, 'createdAt' | 'firstResponseAt' | 'resolvedAt'>;

/**
 * The SLA clock of a record under a calendar: absent for 24×7 (the wall clock is the clock) and
 * for a record with neither a first response nor a resolution yet.
 */
export function slaClock(r: Times, calendar: SlaCalendar | undefined): InteractionSla['businessMinutes'] {
  if (!calendar || isAlwaysOpen(calendar) || (!r.firstResponseAt && !r.resolvedAt)) return undefined;
  const clock: NonNullable<InteractionSla['businessMinutes']> = {};
  if (r.firstResponseAt) clock.firstResponse = businessMinutes(r.createdAt, r.firstResponseAt, calendar);
  if (r.resolvedAt) clock.resolution = businessMinutes(r.createdAt, r.resolvedAt, calendar);
  return clock;
}

/**
 * Targets the help desk sent. A record stored before this was kept says nothing: then a target
 * that differs from the built-in policy was sent (every tenant had that policy until then).
 */
export function givenTargets(sla: InteractionSla, priority: Priority): SlaTargetField[] {
  if (sla.given) return sla.given;
  return SLA_TARGET_FIELDS.filter((f) => sla[f] !== DEFAULT_SLA_POLICY[priority][f]);
}

/** The record's SLA re-judged with a policy and a calendar: given targets kept, the others from the policy, the clock recomputed. */
export function rejudgeSla(r: InteractionRecord, policy: SlaPolicy, calendar: SlaCalendar): InteractionRecord {
  const given = givenTargets(r.sla, r.priority);
  const sla: InteractionSla = {
    firstResponseMinutes: given.includes('firstResponseMinutes') ? r.sla.firstResponseMinutes : policy[r.priority].firstResponseMinutes,
    resolutionMinutes: given.includes('resolutionMinutes') ? r.sla.resolutionMinutes : policy[r.priority].resolutionMinutes,
    given,
  };
  const clock = slaClock(r, calendar);
  if (clock) sla.businessMinutes = clock;
  return { ...r, sla };
}

const slaKey = (s: InteractionSla) =>
  JSON.stringify([s.firstResponseMinutes, s.resolutionMinutes, s.given ?? null, s.businessMinutes ? [s.businessMinutes.firstResponse ?? null, s.businessMinutes.resolution ?? null] : null]);

/** Whether two stored SLAs say the same (targets, where they came from, clock). */
export const sameSla = (a: InteractionSla, b: InteractionSla): boolean => slaKey(a) === slaKey(b);
