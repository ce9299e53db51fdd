import { DateTime } from 'luxon';
import { itemClock, plannedMinutes, type ActionItem, type AgendaItem, type Meeting } from '../../domain/meeting.js';
import { t, type Locale } from '../../i18n/index.js';
import { mention, type Button, type Card, type CardElement, type Form } from '../../cards/card.js';

export const MEETING_ACTIONS = {
  create: 'meeting.create',
  start: 'meeting.start',
  next: 'meeting.next',
  note: 'meeting.note',
  decision: 'meeting.decision',
  action: 'meeting.action',
  end: 'meeting.end',
} as const;
export const ACTION_ITEM_ACTIONS = { done: 'action.done', postpone: 'action.postpone' } as const;

export const ENTRY_MAX = 500;
const value = (m: Meeting, extra: Record<string, number> = {}) => JSON.stringify({ m: m.id, ...extra });
const when = (d: Date, m: Pick<Meeting, 'timezone'>, locale: Locale) =>
  DateTime.fromJSDate(d, { zone: m.timezone }).setLocale(locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });
const time = (d: Date, m: Meeting, locale: Locale) => DateTime.fromJSDate(d, { zone: m.timezone }).setLocale(locale).toLocaleString(DateTime.TIME_SIMPLE);
export const formatDay = (isoDate: string, locale: Locale) => DateTime.fromISO(isoDate).setLocale(locale).toLocaleString(DateTime.DATE_MED);
const ownerSuffix = (item: AgendaItem) => (item.ownerId ? ` — ${mention(item.ownerId)}` : '');
const people = (ids: string[]) => ids.map(mention).join(', ');
/** The numbers or the comment an item was brought with, indented under it. */
const snapshotLines = (item: AgendaItem, locale: Locale) => (item.snapshot ? t(locale, 'followup.snapshot', { text: item.snapshot.text }).split('\n') : []);

/** The form's "no template" choice (a choice needs a non-empty value on Slack). */
export const FORM_CUSTOM = 'custom';

const templateOptions = (locale: Locale) => [
  { value: FORM_CUSTOM, label: t(locale, 'meeting.form.template_custom') },
  { value: 'weekly', label: t(locale, 'meeting.form.template_weekly') },
  { value: 'one-on-one', label: t(locale, 'meeting.form.template_one_on_one') },
];

/** The form of `/meeting new` (Slack modal, Teams card). */
export function newMeetingForm(locale: Locale, organizerId: string): Form {
  return {
    type: 'form',
    title: t(locale, 'meeting.form.title'),
    open: t(locale, 'meeting.form.open'),
    cancel: t(locale, 'meeting.form.cancel'),
    // title, duration and agenda are optional here (a template fills them); draftFromForm asks
    // for them when no template is chosen
    inputs: [
      { id: 'template', label: t(locale, 'meeting.form.template'), kind: 'choice', options: templateOptions(locale), initial: FORM_CUSTOM },
      { id: 'title', label: t(locale, 'meeting.form.name_label'), maxLength: 150, optional: true },
      { id: 'objective', label: t(locale, 'meeting.form.objective'), maxLength: 300, optional: true },
      { id: 'date', label: t(locale, 'meeting.form.date'), kind: 'date' },
      { id: 'time', label: t(locale, 'meeting.form.time'), kind: 'time' },
      { id: 'duration', label: t(locale, 'meeting.form.duration_label'), kind: 'number', optional: true },
      { id: 'participants', label: t(locale, 'meeting.form.participants'), kind: 'users', optional: true, people: [organizerId] },
      { id: 'agenda', label: t(locale, 'meeting.form.agenda_label'), multiline: true, placeholder: t(locale, 'meeting.form.agenda_hint'), maxLength: 3000, optional: true },
    ],
    submit: { label: t(locale, 'meeting.form.submit'), action: { id: MEETING_ACTIONS.create, value: '{}' }, style: 'primary' },
  };
}

function agendaLines(m: Meeting, locale: Locale): string {
  const lines: string[] = [];
  m.agenda.forEach((item, i) => {
    lines.push(t(locale, 'meeting.agenda.item', { n: i + 1, text: item.text, minutes: item.minutes, owner: ownerSuffix(item) }));
    for (const line of snapshotLines(item, locale)) lines.push(`      ${line}`);
    for (const a of item.carried ?? []) lines.push(t(locale, 'meeting.agenda.carried', { text: a.text, owner: mention(a.ownerId), due: formatDay(a.dueDate, locale) }));
  });
  return lines.join('\n');
}

function header(m: Meeting, locale: Locale): CardElement[] {
  const out: CardElement[] = [{ type: 'context', text: t(locale, 'meeting.agenda.when', { date: when(m.startsAt, m, locale), minutes: m.durationMinutes, owner: mention(m.ownerId) }) }];
  if (m.objective) out.push({ type: 'text', text: t(locale, 'meeting.agenda.objective', { objective: m.objective }) });
  if (m.participants.length) out.push({ type: 'text', text: t(locale, 'meeting.agenda.participants', { people: people(m.participants) }) });
  return out;
}

/** Posted to the channel when the meeting is planned. */
export function agendaCard(m: Meeting, locale: Locale): Card {
  const title = t(locale, 'meeting.agenda.title', { title: m.title });
  return {
    title,
    fallbackText: title,
    elements: [
      ...header(m, locale),
      { type: 'text', text: t(locale, 'meeting.agenda.items'), emphasis: 'strong' },
      { type: 'text', text: agendaLines(m, locale) },
      { type: 'context', text: t(locale, 'meeting.agenda.reminder_note', { minutes: m.reminderMinutes }) },
    ],
  };
}

/** Posted before the start, with a button that starts the meeting in place. */
export function reminderCard(m: Meeting, locale: Locale, now: Date, ratings: CardElement[] = []): Card {
  const minutes = Math.max(0, Math.round((m.startsAt.getTime() - now.getTime()) / 60_000));
  const title = t(locale, 'meeting.reminder.title', { minutes, title: m.title });
  return {
    title,
    fallbackText: title,
    elements: [...header(m, locale), { type: 'text', text: agendaLines(m, locale) }, ...ratings, { type: 'actions', buttons: [{ label: t(locale, 'meeting.reminder.start'), action: { id: MEETING_ACTIONS.start, value: value(m) }, style: 'primary' }] }],
  };
}

function entryForm(m: Meeting, locale: Locale, kind: 'note' | 'decision'): Form {
  return {
    type: 'form',
    title: t(locale, `meeting.button.${kind}`),
    open: t(locale, `meeting.button.${kind}`),
    cancel: t(locale, 'meeting.form.cancel'),
    inputs: [{ id: kind, label: t(locale, `meeting.input.${kind}`), multiline: true, maxLength: ENTRY_MAX }],
    submit: { label: t(locale, `meeting.button.${kind}`), action: { id: MEETING_ACTIONS[kind], value: value(m) } },
  };
}

function actionForm(m: Meeting, locale: Locale): Form {
  return {
    type: 'form',
    title: t(locale, 'meeting.button.action'),
    open: t(locale, 'meeting.button.action'),
    cancel: t(locale, 'meeting.form.cancel'),
    inputs: [
      { id: 'what', label: t(locale, 'meeting.input.what'), maxLength: 300 },
      { id: 'owner', label: t(locale, 'meeting.input.owner'), kind: 'user', people: [...new Set([m.ownerId, ...m.participants])] },
      { id: 'due', label: t(locale, 'meeting.input.due'), kind: 'date' },
    ],
    submit: { label: t(locale, 'meeting.button.action'), action: { id: MEETING_ACTIONS.action, value: value(m) } },
  };
}

const actionLine = (a: ActionItem, locale: Locale) => t(locale, 'meeting.live.action', { text: a.text, owner: mention(a.ownerId), due: formatDay(a.dueDate, locale) });
const entryLines = (item: AgendaItem, locale: Locale) => [
  ...item.notes.map((e) => t(locale, 'meeting.live.notes', { text: e.text, by: mention(e.by) })),
  ...item.decisions.map((e) => t(locale, 'meeting.live.decision', { text: e.text, by: mention(e.by) })),
];

/**
 * The live card: current item, its clock, what was recorded, and the buttons to run it;
 * `ratings`: how the series' previous meeting was rated (shown on the first item).
 */
export function liveCard(m: Meeting, actions: ActionItem[], locale: Locale, now: Date, ratings: CardElement[] = []): Card {
  const item = m.agenda[m.currentItem]!;
  const title = t(locale, 'meeting.live.title', { title: m.title });
  const clock = itemClock(m, now);
  const elements: CardElement[] = [
    { type: 'text', text: t(locale, 'meeting.live.current', { n: m.currentItem + 1, text: item.text, owner: ownerSuffix(item) }), emphasis: 'strong' },
  ];
  if (clock) {
    const text = clock.over
      ? t(locale, 'meeting.live.over', { minutes: Math.floor(clock.elapsed - item.minutes), planned: item.minutes })
      : t(locale, 'meeting.live.left', { minutes: Math.ceil(clock.left), planned: item.minutes });
    elements.push({ type: 'text', text, ...(clock.over ? {} : { emphasis: 'subtle' as const }) });
  }
  for (const a of item.carried ?? []) elements.push({ type: 'context', text: t(locale, 'meeting.agenda.carried', { text: a.text, owner: mention(a.ownerId), due: formatDay(a.dueDate, locale) }) });
  if (item.snapshot) elements.push({ type: 'text', text: snapshotLines(item, locale).join('\n') });
  const recorded = [...entryLines(item, locale), ...actions.filter((a) => a.itemId === item.id).map((a) => actionLine(a, locale))];
  if (recorded.length) elements.push({ type: 'text', text: recorded.join('\n') });
  const next = m.agenda[m.currentItem + 1];
  elements.push({ type: 'context', text: next ? t(locale, 'meeting.live.next', { text: next.text }) : t(locale, 'meeting.live.last') });
  const done = m.agenda.slice(0, m.currentItem).map((i) => `✓ ${i.text} (${actualMinutes(i)}/${i.minutes} min)`);
  if (done.length) elements.push({ type: 'context', text: t(locale, 'meeting.live.done', { items: done.join(' · ') }) });
  if (m.currentItem === 0) elements.push(...ratings);
  const buttons: Button[] = [];
  if (next) buttons.push({ label: t(locale, 'meeting.button.next'), action: { id: MEETING_ACTIONS.next, value: value(m, { i: m.currentItem }) }, style: 'primary' });
  buttons.push({ label: t(locale, 'meeting.button.end'), action: { id: MEETING_ACTIONS.end, value: value(m) }, style: 'danger' });
  elements.push(entryForm(m, locale, 'note'), entryForm(m, locale, 'decision'), actionForm(m, locale), { type: 'actions', buttons });
  return {
    title,
    subtitle: t(locale, 'meeting.live.subtitle', { time: time(m.startedAt ?? now, m, locale), n: m.currentItem + 1, total: m.agenda.length, planned: plannedMinutes(m) }),
    fallbackText: `${title}: ${item.text}`,
    elements,
  };
}

export function endedCard(m: Meeting, locale: Locale): Card {
  const title = t(locale, 'meeting.ended.title', { title: m.title });
  return { title, fallbackText: title, elements: [{ type: 'text', text: t(locale, 'meeting.ended.text') }] };
}

const actualMinutes = (i: AgendaItem) => (i.startedAt && i.endedAt ? Math.round((i.endedAt.getTime() - i.startedAt.getTime()) / 60_000) : 0);

/** Page budget: well inside Slack's 50 blocks and Teams' 28 KB per message. */
const PAGE_ELEMENTS = 18;
const PAGE_CHARS = 8000;

/**
 * The minutes: objective, attendees, per-item notes, decisions and actions, planned vs actual
 * time; split into pages (several messages) when long, none cut.
 */
export function minutesCards(m: Meeting, actions: ActionItem[], locale: Locale): Card[] {
  const actual = m.startedAt && m.endedAt ? Math.round((m.endedAt.getTime() - m.startedAt.getTime()) / 60_000) : 0;
  const first: CardElement[] = [{ type: 'context', text: t(locale, 'meeting.minutes.when', { date: when(m.startedAt ?? m.startsAt, m, locale), actual, planned: plannedMinutes(m) }) }];
  if (m.objective) first.push({ type: 'text', text: t(locale, 'meeting.agenda.objective', { objective: m.objective }) });
  const attendees = [...new Set([m.ownerId, ...m.participants])];
  first.push({ type: 'text', text: t(locale, 'meeting.minutes.attendees', { people: people(attendees) }) }, { type: 'divider' });
  const body: CardElement[] = [];
  m.agenda.forEach((item, i) => {
    const discussed = item.startedAt !== undefined;
    const head = discussed
      ? t(locale, 'meeting.minutes.item', { n: i + 1, text: item.text, actual: actualMinutes(item), planned: item.minutes, owner: ownerSuffix(item) })
      : t(locale, 'meeting.minutes.skipped', { n: i + 1, text: item.text });
    body.push({ type: 'text', text: head, emphasis: 'strong' });
    const lines = [...snapshotLines(item, locale), ...entryLines(item, locale), ...actions.filter((a) => a.itemId === item.id).map((a) => actionLine(a, locale))];
    if (lines.length) body.push({ type: 'text', text: lines.join('\n') });
  });
  body.push({ type: 'divider' }, { type: 'text', text: t(locale, 'meeting.minutes.actions'), emphasis: 'strong' });
  body.push({ type: 'text', text: actions.length ? actions.map((a) => actionLine(a, locale)).join('\n') : t(locale, 'meeting.minutes.no_actions') });

  const pages: CardElement[][] = [[...first]];
  let chars = 0;
  for (const el of body) {
    const size = 'text' in el ? el.text.length : 10;
    const page = pages.at(-1)!;
    if (page.length >= PAGE_ELEMENTS || chars + size > PAGE_CHARS) {
      pages.push([el]);
      chars = size;
    } else {
      page.push(el);
      chars += size;
    }
  }
  return pages.map((elements, i) => {
    const title = pages.length === 1 ? t(locale, 'meeting.minutes.title', { title: m.title }) : t(locale, 'meeting.minutes.continued', { title: m.title, page: i + 1, pages: pages.length });
    return { title, fallbackText: title, elements };
  });
}

/** `/actions …`: each open action with its buttons, the most urgent first. */
export function actionsCard(titleKey: string, actions: ActionItem[], locale: Locale, today: string, meetingTitles: Map<string, string>): Card {
  const title = t(locale, titleKey);
  if (actions.length === 0) return { title, fallbackText: title, elements: [{ type: 'text', text: t(locale, 'actions.none') }] };
  const shown = actions.slice(0, 15);
  const elements: CardElement[] = shown.flatMap((a): CardElement[] => {
    const late = a.dueDate < today ? t(locale, 'actions.late', { days: Math.round(DateTime.fromISO(today).diff(DateTime.fromISO(a.dueDate), 'days').days) }) : '';
    const from = [a.meetingId && meetingTitles.get(a.meetingId) ? t(locale, 'actions.from', { meeting: meetingTitles.get(a.meetingId)! }) : '', a.origin ? t(locale, 'followup.origin', { label: a.origin.label }) : '']
      .filter(Boolean)
      .join(' · ');
    return [
      // the number names the action in `actions edit|reassign|due|cancel <n>`
      { type: 'text', text: `${a.no ? `#${a.no} ` : ''}${t(locale, 'actions.line', { text: a.text, owner: mention(a.ownerId), due: formatDay(a.dueDate, locale), late })}` },
      ...(from ? [{ type: 'context' as const, text: from }] : []),
      {
        type: 'actions',
        buttons: [
          { label: t(locale, 'actions.button.done'), action: { id: ACTION_ITEM_ACTIONS.done, value: JSON.stringify({ a: a.id }) }, style: 'primary' },
          { label: t(locale, 'actions.button.postpone'), action: { id: ACTION_ITEM_ACTIONS.postpone, value: JSON.stringify({ a: a.id }) } },
        ],
      },
    ];
  });
  if (actions.length > shown.length) elements.push({ type: 'context', text: t(locale, 'actions.more', { n: actions.length - shown.length }) });
  return { title, fallbackText: title, elements };
}

/** What each owner receives at the end of the meeting. */
export function ownerActionsCard(m: Meeting, actions: ActionItem[], locale: Locale): Card {
  const title = t(locale, 'actions.yours_title', { title: m.title });
  return { title, fallbackText: title, elements: [{ type: 'text', text: actions.map((a) => actionLine(a, locale)).join('\n') }] };
}
