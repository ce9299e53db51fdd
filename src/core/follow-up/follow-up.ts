import { randomBytes } from 'node:crypto';
import { sleep } from '../concurrency.js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { MAX_AGENDA_ITEMS, type ActionItem, type AgendaItem, type Meeting, type Snapshot } from '../domain/meeting.js';
import { responseIdOf, UNLINKED_SOURCE } from '../domain/survey.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { parseDueDate } from '../meetings/index.js';
import { kpiArgsSchema } from '../periods/index.js';
import { parseActionValue } from '../cards/action-value.js';
import { filtersText, metric } from '../kpi/index.js';
import { KPI_DEFS } from '../kpi/index.js';
import { reasonText, scoreText } from '../surveys/index.js';
import { actionItemCard } from '../meetings/index.js';
import { getKpis } from '../kpi/index.js';
import { planMeeting } from '../meetings/index.js';
import { idsOf, type MeetingDeps, type Participant } from '../meetings/index.js';
import { scopeFor } from '../kpi/index.js';
import { postingPlatform } from '../ports/chat-platform.js';

const valueSchema = z.union([
  z.strictObject({ k: z.array(z.enum(KPI_DEFS.map((d) => d.key) as [string, ...string[]])).min(1).max(6), a: kpiArgsSchema, t: z.iso.datetime() }),
  z.strictObject({ s: z.string().regex(/^[a-f0-9]{24}$/) }),
]);

const newId = () => randomBytes(12).toString('hex');

/** The numbers of a KPI card, or the answer of a complaint alert, as they are now. */
export async function snapshotOf(deps: MeetingDeps, p: Participant, value: string, locale: Locale): Promise<Snapshot> {
  const v = parseActionValue(valueSchema, value, 'followup.bad_value');
  if ('s' in v) return complaintSnapshot(deps, p, v.s, locale);
  const viewer = { tenantId: p.tenantId, userId: p.userId, locale, isSupervisor: p.isSupervisor };
  const args = await scopeFor(deps, { viewer, args: v.a, now: p.now });
  // the card's own time (never later than now): relative periods mean what the card showed
  const at = new Date(Math.min(Date.parse(v.t), p.now.getTime()));
  const report = await getKpis(deps, { tenantId: p.tenantId, period: args.period, at, now: p.now, filters: args.filters, locale });
  const targets = Object.entries(report.targets).map(([kpi, x]) => ({ kpi, op: x.op, value: x.value }));
  const defs = KPI_DEFS.filter((d) => v.k.includes(d.key));
  const lines = defs.flatMap((d) => {
    const m = metric(d, report.current, report.previous, targets, locale);
    if (!m) return [];
    const delta = m.delta ? ` (${m.delta.text} ${t(locale, 'followup.vs_previous')})` : '';
    const target = m.target ? ` · 🎯 ${m.target.text} ${m.target.met ? '✅' : '⚠️'}` : '';
    return [`• ${m.label}: ${m.value}${delta}${target}`];
  });
  const scope = [report.period.label, filtersText(args, locale)].filter(Boolean).join(' · ');
  return {
    kind: 'kpi',
    ref: `kpi:${defs.map((d) => d.key).join(',')}:${report.period.start}:${report.period.end}:${JSON.stringify(args.filters)}`,
    label: `${defs.map((d) => t(locale, d.labelKey)).join(', ')} · ${scope}`,
    text: [scope, ...lines].join('\n'),
    capturedAt: p.now,
  };
}

async function complaintSnapshot(deps: MeetingDeps, p: Participant, surveyId: string, locale: Locale): Promise<Snapshot> {
  // a customer's comment is for the supervisors who received the alert
  if (!p.isSupervisor) throw new ForbiddenError('followup.forbidden');
  const survey = await deps.surveys.find(surveyId);
  if (!survey || survey.tenantId !== p.tenantId) throw new NotFoundError('followup.not_found');
  const response = await deps.responses.get(p.tenantId, survey.interaction?.source ?? UNLINKED_SOURCE, responseIdOf(survey.id));
  if (!response) throw new NotFoundError('followup.not_found');
  const interaction = survey.interaction ? ((await deps.interactions.findByExternalIds(p.tenantId, survey.interaction.source, [survey.interaction.externalId]))[0] ?? null) : null;
  const score = `${survey.type.toUpperCase()} ${scoreText(survey.type, response.score, locale)}`;
  const ticket = survey.interaction?.externalId;
  const agent = interaction?.agent ? (interaction.agent.name ?? interaction.agent.id) : null;
  const lines = [[score, agent ? t(locale, 'survey.alert.agent', { agent }) : null, ticket ? t(locale, 'survey.alert.ticket', { ticket }) : null].filter(Boolean).join(' · ')];
  if (response.reason) lines.push(t(locale, 'survey.your_reason', { reason: reasonText(response.reason, locale) }));
  if (response.comment) lines.push(`“${response.comment.replace(/\s+/g, ' ').slice(0, 500)}”`);
  return {
    kind: 'complaint',
    ref: `complaint:${survey.id}`,
    label: [score, ticket].filter(Boolean).join(' · '),
    text: lines.join('\n'),
    capturedAt: p.now,
    ...(interaction?.customer?.id ? { customerId: interaction.customer.id } : {}),
  };
}

export const reviewSeriesOf = (channelId: string) => `${channelId}:weekly`;
const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

/**
 * The next meeting of the conversation's weekly review: the planned one, else a new one a week
 * after the last (next Monday 10:00 for a first). Two clicks at once plan one meeting.
 */
async function nextReview(deps: MeetingDeps, p: Participant): Promise<{ meeting: Meeting; created: boolean }> {
  const seriesId = reviewSeriesOf(p.channelId);
  const planned = await deps.meetings.nextPlanned(p.tenantId, seriesId);
  if (planned) return { meeting: planned, created: false };
  const tenant = await deps.tenants.get(p.tenantId);
  const zone = tenant.timezone;
  const last = await deps.meetings.previousOfSeries(p.tenantId, seriesId, FAR_FUTURE);
  const now = DateTime.fromJSDate(p.now, { zone });
  let start = last ? DateTime.fromJSDate(last.startsAt, { zone }) : now.startOf('week').set({ hour: 10 });
  while (start <= now.plus({ hours: 1 })) start = start.plus({ weeks: 1 });
  const id = newId();
  const owner = await deps.meetings.claimSlot(p.tenantId, `${seriesId}@${start.toISO()}`, id);
  if (owner === id) {
    const meeting = await planMeeting(deps, { ...p, locale: tenant.locale }, { template: 'weekly', startsAt: start.toJSDate(), participants: [], agenda: [] }, id);
    return { meeting, created: true };
  }
  // another click is planning it right now
  for (let i = 0; i < 50; i++) {
    const m = await deps.meetings.get(p.tenantId, owner);
    if (m) return { meeting: m, created: false };
    await sleep(100);
  }
  throw new ValidationError('followup.busy');
}

/** Puts the snapshot on the next review's agenda (before its closing "next steps"), once. */
export async function addToNextReview(deps: MeetingDeps, p: Participant, snap: Snapshot): Promise<{ meeting: Meeting; created: boolean; already: boolean }> {
  const locale = (await deps.tenants.get(p.tenantId)).locale;
  // whoever created the review says so even when another click filled its agenda first: the creator posts its agenda
  let created = false;
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = await nextReview(deps, p);
    const { meeting } = next;
    created ||= next.created;
    if (meeting.agenda.some((i) => i.snapshot?.ref === snap.ref)) return { meeting, created, already: true };
    if (meeting.agenda.length >= MAX_AGENDA_ITEMS) throw new ValidationError('meeting.too_many_items', { max: MAX_AGENDA_ITEMS });
    const item: AgendaItem = { id: `i${newId()}`, text: t(locale, `followup.item.${snap.kind}`, { label: snap.label }), minutes: 5, snapshot: snap, notes: [], decisions: [] };
    const agenda = [...meeting.agenda];
    agenda.splice(meeting.template === 'weekly' && agenda.length > 0 ? agenda.length - 1 : agenda.length, 0, item);
    if (await deps.meetings.setAgenda(p.tenantId, meeting.id, meeting.rev, agenda)) return { meeting: { ...meeting, agenda }, created, already: false };
    // someone changed that agenda (or started the meeting) meanwhile: read again
  }
  throw new ValidationError('followup.busy');
}

/**
 * An action from a KPI card or a complaint, remembering where it came from; when the same
 * topic is on the next review's agenda, the action is filed under that item (minutes).
 */
export async function createFollowUpAction(deps: MeetingDeps, p: Participant, snap: Snapshot, inputs: Record<string, string>): Promise<{ action: ActionItem; created: boolean }> {
  const text = (inputs['what'] ?? '').trim();
  if (!text) throw new ValidationError('meeting.empty_entry');
  if (text.length > 300) throw new ValidationError('meeting.entry_too_long', { max: 300, length: text.length });
  const ownerId = (inputs['owner'] ?? '').trim();
  if (!ownerId) throw new ValidationError('actions.need_owner');
  const tenant = await deps.tenants.get(p.tenantId);
  const dueDate = parseDueDate(inputs['due'] ?? '', tenant.timezone, p.now);
  // the same form sent twice (a double click, a retry) creates one action
  const id = newId();
  const key = `action:${snap.ref}|${text}|${ownerId}|${dueDate}|${idsOf(p)[0]}`;
  const owner = await deps.meetings.claimSlot(p.tenantId, key, id);
  if (owner !== id) {
    for (let i = 0; i < 50; i++) {
      const a = await deps.actions.get(p.tenantId, owner);
      if (a) return { action: a, created: false };
      await sleep(100);
    }
    throw new ValidationError('followup.busy');
  }
  const review = await deps.meetings.nextPlanned(p.tenantId, reviewSeriesOf(p.channelId));
  const item = review?.agenda.find((i) => i.snapshot?.ref === snap.ref);
  const action = await deps.actions.create(
    {
      tenantId: p.tenantId, platform: p.platform, channelId: p.channelId, text, ownerId, dueDate, status: 'open', origin: snap, createdBy: p.userId, createdAt: p.now,
      ...(review && item ? { meetingId: review.id, seriesId: review.seriesId, itemId: item.id } : {}),
    },
    id,
  );
  if (!idsOf(p).includes(ownerId)) {
    try {
      await postingPlatform(deps.platforms, p.platform)?.post(p.tenantId, { userId: ownerId }, actionItemCard(action, 'actions.new_for_you', tenant.locale));
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: p.tenantId }, 'follow-up: owner could not be told');
    }
  }
  return { action, created: true };
}
