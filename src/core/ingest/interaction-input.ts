/**
 * Incoming interaction (ticket) as integrators send it (JSON names; CSV uses the same names with
 * dots for nesting) → validated, normalised `InteractionRecord`.
 *
 * Normalisation rules (documented for integrators):
 * - strings are trimmed; blank strings and `null` mean "absent"; `source` is lower-cased;
 * - `source` defaults to "api", `priority` to "normal", `contactCount` to 1, `reopenedAt` to [];
 * - `reopenedAt` is sorted ascending;
 * - missing `sla.*` targets come from the tenant's SlaPolicy for the record's priority (per field),
 *   and the record keeps which ones were sent (`sla.given`);
 * - with business hours or holidays, the business minutes to the first response and to the
 *   resolution are stored (`sla.businessMinutes`): the SLA is judged with the calendar of the write;
 * - `firstContactResolution`, when absent, is derived as SPEC §3 defines it: status
 *   resolved|closed and contactCount = 1 (send it explicitly to count reopenings otherwise);
 * - a ticket that is open|pending but carries a `resolvedAt` is accepted only when it was reopened
 *   at or after that resolution (latest reopenedAt ≥ resolvedAt); it is then stored WITHOUT
 *   resolvedAt, because it is currently unresolved.
 *
 * Impossible data is rejected with a reason: firstResponseAt/resolvedAt/reopenedAt[i]/escalatedAt
 * before createdAt; any date more than 1 day after `now`; resolved|closed without resolvedAt, or
 * with a resolvedAt earlier than the latest reopening; open|pending with a resolvedAt that no
 * reopening follows.
 */
import { z } from 'zod';
import {
  CHANNELS,
  PRIORITIES,
  SLA_TARGET_FIELDS,
  STATUSES,
  type InteractionRecord,
  type SlaPolicy,
} from '../domain/interaction.js';
import { slaClock, type SlaCalendar } from '../sla/index.js';
import { DAY_MS, cleanRecord, isoDateTime, optionalText, shownText, sourceSchema } from './fields.js';
import { fromZodIssues, issue, valueAt, showValue, type FieldIssue, type Result } from './issues.js';

export interface ParseContext {
  slaPolicy: SlaPolicy;
  /** the tenant's SLA calendar (absent: 24×7) */
  calendar?: SlaCalendar;
  /** Server time; dates more than 1 day after it are rejected. */
  now: Date;
}

const positiveMinutes = z.number().positive();

export const InteractionInputSchema = z.strictObject({
  externalId: z.string().min(1).max(200),
  source: sourceSchema,
  channel: z.enum(CHANNELS, 'ingest.unknown_channel'),
  customer: z.strictObject({
    id: z.string().min(1).max(200),
    name: optionalText(200),
    email: z.email('ingest.invalid_email').max(254).optional(),
    /** Slack member id (U…/W…) and Teams AAD object id: where automatic surveys reach the customer */
    slackUserId: z.string().trim().regex(/^[UW][A-Z0-9]{2,30}$/, 'ingest.invalid_slack_user').optional(),
    teamsUserId: z.uuid('ingest.invalid_teams_user').optional(),
  }),
  agent: z
    .strictObject({
      // shown as the name in breakdowns when the directory has none
      id: shownText(200).pipe(z.string().min(1)),
      name: optionalText(200),
    })
    .optional(),
  team: optionalText(100),
  category: optionalText(100),
  priority: z.enum(PRIORITIES).default('normal'),
  status: z.enum(STATUSES),
  createdAt: isoDateTime,
  firstResponseAt: isoDateTime.optional(),
  resolvedAt: isoDateTime.optional(),
  reopenedAt: z.array(isoDateTime).max(1000).default([]),
  escalatedAt: isoDateTime.optional(),
  contactCount: z.number().int().min(1).max(100_000).default(1),
  firstContactResolution: z.boolean().optional(),
  sla: z
    .strictObject({
      firstResponseMinutes: positiveMinutes.optional(),
      resolutionMinutes: positiveMinutes.optional(),
    })
    .optional(),
  product: z
    .strictObject({
      brand: optionalText(100),
      model: optionalText(100),
      serial: optionalText(100),
    })
    .optional(),
  problem: optionalText(5000),
  actionsTaken: optionalText(5000),
  rootCause: optionalText(5000),
  notes: optionalText(5000),
});

export type InteractionInput = z.input<typeof InteractionInputSchema>;

/** CSV column → how its cell is converted (all columns are the JSON names, dots for nesting). */
export const INTERACTION_CSV_COLUMNS = {
  externalId: 'string',
  source: 'string',
  channel: 'string',
  'customer.id': 'string',
  'customer.name': 'string',
  'customer.email': 'string',
  'customer.slackUserId': 'string',
  'customer.teamsUserId': 'string',
  'agent.id': 'string',
  'agent.name': 'string',
  team: 'string',
  category: 'string',
  priority: 'string',
  status: 'string',
  createdAt: 'string',
  firstResponseAt: 'string',
  resolvedAt: 'string',
  reopenedAt: 'list',
  escalatedAt: 'string',
  contactCount: 'number',
  firstContactResolution: 'boolean',
  'sla.firstResponseMinutes': 'number',
  'sla.resolutionMinutes': 'number',
  'product.brand': 'string',
  'product.model': 'string',
  'product.serial': 'string',
  problem: 'string',
  actionsTaken: 'string',
  rootCause: 'string',
  notes: 'string',
} as const satisfies Record<string, 'string' | 'number' | 'boolean' | 'list'>;

/** Validates and normalises one incoming interaction. */
export function parseInteraction(raw: unknown, ctx: ParseContext): Result<InteractionRecord> {
  const input = cleanRecord(raw);
  const parsed = InteractionInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues, input, InteractionInputSchema) };
  const v = parsed.data;
  const errors: FieldIssue[] = [];
  const shown = (path: (string | number)[]): string => showValue(valueAt(input, path));

  // Chronology: nothing happens before the ticket exists, nor (much) in the future.
  const createdShown = shown(['createdAt']);
  const limit = new Date(ctx.now.getTime() + DAY_MS);
  const dated: { path: (string | number)[]; date: Date }[] = [{ path: ['createdAt'], date: v.createdAt }];
  if (v.firstResponseAt) dated.push({ path: ['firstResponseAt'], date: v.firstResponseAt });
  if (v.resolvedAt) dated.push({ path: ['resolvedAt'], date: v.resolvedAt });
  v.reopenedAt.forEach((date, i) => dated.push({ path: ['reopenedAt', i], date }));
  if (v.escalatedAt) dated.push({ path: ['escalatedAt'], date: v.escalatedAt });
  for (const { path, date } of dated) {
    const field = path.length === 1 ? String(path[0]) : `${String(path[0])}[${String(path[1])}]`;
    if (path[0] !== 'createdAt' && date < v.createdAt) {
      errors.push(issue(field, 'ingest.before_created', { value: shown(path), createdAt: createdShown }));
    }
    if (date > limit) errors.push(issue(field, 'ingest.in_future', { value: shown(path), limit: limit.toISOString() }));
  }

  // Status vs resolution.
  const reopened = [...v.reopenedAt].sort((a, b) => a.getTime() - b.getTime());
  const lastReopen = reopened.at(-1);
  let resolvedAt = v.resolvedAt;
  const closedStatus = v.status === 'resolved' || v.status === 'closed';
  if (closedStatus) {
    if (!resolvedAt) errors.push(issue('resolvedAt', 'ingest.resolved_requires_resolved_at', { status: v.status }));
    else if (lastReopen && resolvedAt < lastReopen) {
      errors.push(
        issue('resolvedAt', 'ingest.resolved_before_reopened', {
          status: v.status,
          value: shown(['resolvedAt']),
          reopenedAt: lastReopen.toISOString(),
        }),
      );
    }
  } else if (resolvedAt) {
    if (lastReopen && lastReopen >= resolvedAt) resolvedAt = undefined; // reopened since: currently unresolved
    else errors.push(issue('resolvedAt', 'ingest.open_with_resolved_at', { status: v.status, value: shown(['resolvedAt']) }));
  }
  if (errors.length > 0) return { ok: false, errors };

  const policy = ctx.slaPolicy[v.priority];
  const record: InteractionRecord = {
    externalId: v.externalId,
    source: v.source,
    channel: v.channel,
    customer: { id: v.customer.id },
    priority: v.priority,
    status: v.status,
    createdAt: v.createdAt,
    reopenedAt: reopened,
    contactCount: v.contactCount,
    firstContactResolution: v.firstContactResolution ?? (closedStatus && v.contactCount === 1),
    sla: {
      firstResponseMinutes: v.sla?.firstResponseMinutes ?? policy.firstResponseMinutes,
      resolutionMinutes: v.sla?.resolutionMinutes ?? policy.resolutionMinutes,
      given: SLA_TARGET_FIELDS.filter((f) => v.sla?.[f] !== undefined),
    },
  };
  if (v.customer.name !== undefined) record.customer.name = v.customer.name;
  if (v.customer.email !== undefined) record.customer.email = v.customer.email;
  if (v.customer.slackUserId !== undefined) record.customer.slackUserId = v.customer.slackUserId;
  if (v.customer.teamsUserId !== undefined) record.customer.teamsUserId = v.customer.teamsUserId;
  if (v.agent) record.agent = v.agent.name === undefined ? { id: v.agent.id } : { id: v.agent.id, name: v.agent.name };
  if (v.team !== undefined) record.team = v.team;
  if (v.category !== undefined) record.category = v.category;
  if (v.firstResponseAt) record.firstResponseAt = v.firstResponseAt;
  if (resolvedAt) record.resolvedAt = resolvedAt;
  if (v.escalatedAt) record.escalatedAt = v.escalatedAt;
  if (v.product) {
    const p: NonNullable<InteractionRecord['product']> = {};
    if (v.product.brand !== undefined) p.brand = v.product.brand;
    if (v.product.model !== undefined) p.model = v.product.model;
    if (v.product.serial !== undefined) p.serial = v.product.serial;
    record.product = p;
  }
  if (v.problem !== undefined) record.problem = v.problem;
  if (v.actionsTaken !== undefined) record.actionsTaken = v.actionsTaken;
  if (v.rootCause !== undefined) record.rootCause = v.rootCause;
  if (v.notes !== undefined) record.notes = v.notes;
  // once per record, and only when it has something to time
  const clock = slaClock(record, ctx.calendar);
  if (clock) record.sla.businessMinutes = clock;
  return { ok: true, value: record };
}
