import { DateTime } from 'luxon';
import type { Meeting } from '../../domain/meeting.js';
import { t, type Locale } from '../../i18n/index.js';
import { mention, type Card } from '../../cards/card.js';

export const MEETING_CANCEL_ACTION = 'meeting.cancel';

const when = (m: Meeting, locale: Locale) => DateTime.fromJSDate(m.startsAt, { zone: m.timezone }).setLocale(locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });

/** Names the meeting; its button carries the id, so the click cancels this one and no other. */
export function cancelConfirmCard(m: Meeting, locale: Locale): Card {
  const title = t(locale, 'meeting.cancel.confirm_title', { title: m.title });
  return {
    title,
    fallbackText: title,
    elements: [
      { type: 'text', text: t(locale, 'meeting.cancel.confirm_text', { date: when(m, locale), n: m.participants.length }) },
      { type: 'actions', buttons: [{ label: t(locale, 'meeting.cancel.button'), action: { id: MEETING_CANCEL_ACTION, value: JSON.stringify({ m: m.id }) }, style: 'danger' }] },
    ],
  };
}

export function cancelledCard(m: Meeting, locale: Locale, by: string): Card {
  const title = t(locale, 'meeting.cancel.done_title', { title: m.title });
  return { title, fallbackText: title, elements: [{ type: 'text', text: t(locale, 'meeting.cancel.done_text', { date: when(m, locale), by: mention(by) }) }] };
}
