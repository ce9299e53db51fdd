import { DateTime } from 'luxon';
import { z } from 'zod';
import { DEFAULT_REMINDER_MINUTES, MEETING_TEMPLATES, type AgendaItem, type Meeting, type MeetingTemplate } from '../domain/meeting.js';
import { ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { parseAgenda, parseWhen, type AgendaDraft, type MeetingDraft } from './parse.js';
import type { ActionStore, MeetingStore } from '../ports/meetings.js';
import type { TenantStore } from '../ports/tenants.js';
import { mention } from '../cards/card.js';
import { FORM_CUSTOM } from './views/meeting-cards.js';

export interface PlanDeps {
  meetings: MeetingStore;
  actions: ActionStore;
  tenants: TenantStore;
}

export interface Organizer {
  tenantId: string;
  platform: 'slack' | 'teams';
  channelId: string;
  userId: string;
  locale: Locale;
  now: Date;
}

let counter = 0;
const itemId = () => `i${Date.now().toString(36)}${(counter++).toString(36)}`;
export const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

const formTemplate = z.enum([FORM_CUSTOM, ...MEETING_TEMPLATES]);

/** The template chosen in the form; none (an older form without the choice) is custom. */
function templateOf(inputs: Record<string, string>): MeetingTemplate | undefined {
  const raw = (inputs['template'] ?? '').trim() || FORM_CUSTOM;
  const parsed = formTemplate.safeParse(raw);
  if (!parsed.success) throw new ValidationError('meeting.form.bad_template', { value: raw.slice(0, 20) });
  return parsed.data === FORM_CUSTOM ? undefined : parsed.data;
}

/**
 * The `/meeting new` form's values as a draft (same checks as the one-line form). With a
 * template, title, duration and agenda may be left empty (the template fills them); a typed
 * title replaces the template's, a typed agenda replaces its agenda.
 */
export function draftFromForm(inputs: Record<string, string>, zone: string, now: Date, locale: Locale): MeetingDraft {
  const template = templateOf(inputs);
  const filled = (k: string) => !!(inputs[k] ?? '').trim();
  const required = template ? (['date', 'time'] as const) : (['title', 'date', 'time', 'duration', 'agenda'] as const);
  const missing = required.filter((k) => !filled(k));
  if (missing.length) throw new ValidationError('meeting.form.required', { fields: missing.map((k) => t(locale, `meeting.form.${k === 'title' ? 'name' : k}`)).join(', ') });
  const duration = Number(inputs['duration']);
  if (filled('duration') && (!Number.isInteger(duration) || duration < 5 || duration > 480)) throw new ValidationError('meeting.bad_duration', { value: inputs['duration']!.slice(0, 20) });
  const agenda = filled('agenda') ? parseAgenda(inputs['agenda']!) : [];
  if (!template && agenda.length === 0) throw new ValidationError('meeting.empty_agenda');
  return {
    ...(template ? { template } : {}),
    ...(filled('title') ? { title: inputs['title']!.trim().slice(0, 150) } : {}),
    ...(inputs['objective']?.trim() ? { objective: inputs['objective'].trim().slice(0, 300) } : {}),
    startsAt: parseWhen(`${inputs['date']!.trim()} ${inputs['time']!.trim()}`, zone, now),
    ...(filled('duration') ? { durationMinutes: duration } : {}),
    participants: (inputs['participants'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    agenda,
  };
}

function fromTemplate(draft: MeetingDraft, org: Organizer, locale: Locale): Omit<MeetingDraft, 'agenda'> & { agenda: (AgendaDraft & { kind?: AgendaItem['kind'] })[]; title: string; seriesKey: string } {
  if (draft.template === 'weekly') {
    return {
      ...draft,
      title: draft.title ?? t(locale, 'meeting.template.weekly'),
      objective: draft.objective ?? t(locale, 'meeting.objective.weekly'),
      seriesKey: 'weekly',
      agenda: draft.agenda.length ? draft.agenda : [
        { text: t(locale, 'meeting.item.kpis'), minutes: 15, kind: 'kpi' },
        { text: t(locale, 'meeting.item.escalations'), minutes: 15 },
        { text: t(locale, 'meeting.item.open_actions'), minutes: 10, kind: 'actions' },
        { text: t(locale, 'meeting.item.next_steps'), minutes: 5 },
      ],
    };
  }
  if (draft.template === 'one-on-one') {
    // exactly one other person: a 1:1 series is keyed by its two people
    const others = [...new Set(draft.participants.filter((p) => p !== org.userId))];
    const other = others[0];
    if (!other || others.length > 1) throw new ValidationError('meeting.one_on_one_person');
    return {
      ...draft,
      title: draft.title ?? `${t(locale, 'meeting.template.one_on_one')} · ${mention(other)}`,
      seriesKey: `1on1:${[org.userId, other].sort().join(':')}`,
      participants: [org.userId, other],
      agenda: draft.agenda.length ? draft.agenda : [
        { text: t(locale, 'meeting.item.checkin'), minutes: 10, ownerId: other },
        { text: t(locale, 'meeting.item.numbers'), minutes: 10 },
        { text: t(locale, 'meeting.item.growth'), minutes: 5 },
        { text: t(locale, 'meeting.item.open_actions'), minutes: 5, kind: 'actions' },
      ],
    };
  }
  return { ...draft, title: draft.title ?? '', seriesKey: slug(draft.title ?? ''), agenda: draft.agenda };
}

/**
 * Plans a meeting: fills a template, checks the time, carries the series' unfinished actions
 * into the agenda and stores it. The caller posts the agenda card.
 */
export async function planMeeting(deps: PlanDeps, org: Organizer, draft: MeetingDraft, id?: string): Promise<Meeting> {
  const tenant = await deps.tenants.get(org.tenantId);
  const zone = tenant.timezone;
  const plan = fromTemplate(draft, org, tenant.locale);
  const nextHour = DateTime.fromJSDate(org.now, { zone }).startOf('hour').plus({ hours: 1 }).toJSDate();
  const startsAt = plan.startsAt ?? nextHour;
  if (startsAt.getTime() < org.now.getTime() - 5 * 60_000) {
    throw new ValidationError('meeting.in_past', { when: DateTime.fromJSDate(startsAt, { zone }).setLocale(org.locale).toLocaleString(DateTime.DATETIME_MED) });
  }
  if (plan.agenda.length === 0) throw new ValidationError('meeting.empty_agenda');
  const seriesId = `${org.channelId}:${plan.seriesKey}`;
  const carried = (await deps.actions.open(org.tenantId, { seriesId })).map((a) => ({ id: a.id, text: a.text, ownerId: a.ownerId, dueDate: a.dueDate }));
  const agenda: AgendaItem[] = plan.agenda.map((i) => ({ id: itemId(), text: i.text, minutes: i.minutes, ...(i.ownerId ? { ownerId: i.ownerId } : {}), ...(i.kind ? { kind: i.kind } : {}), notes: [], decisions: [] }));
  const slot = agenda.find((i) => i.kind === 'actions');
  if (slot) {
    if (carried.length) slot.carried = carried;
  } else if (carried.length) {
    agenda.push({ id: itemId(), text: t(tenant.locale, 'meeting.item.open_actions'), minutes: 5, kind: 'actions', carried, notes: [], decisions: [] });
  }
  const participants = [...new Set(plan.participants)];
  return deps.meetings.create({
    tenantId: org.tenantId,
    platform: org.platform,
    channelId: org.channelId,
    seriesId,
    ...(draft.template ? { template: draft.template } : {}),
    title: plan.title,
    ...(plan.objective ? { objective: plan.objective } : {}),
    ownerId: org.userId,
    participants,
    restricted: participants.length > 0,
    startsAt,
    durationMinutes: plan.durationMinutes ?? agenda.reduce((s, i) => s + i.minutes, 0),
    timezone: zone,
    reminderMinutes: DEFAULT_REMINDER_MINUTES,
    status: 'planned',
    agenda,
    currentItem: 0,
    nudged: [],
  }, id);
}
