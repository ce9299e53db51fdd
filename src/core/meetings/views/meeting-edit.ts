import { DateTime } from 'luxon';
import type { Meeting } from '../../domain/meeting.js';
import { t, type Locale } from '../../i18n/index.js';
import { mention, type Card } from '../../cards/card.js';

const at = (d: Date, zone: string, locale: Locale) => DateTime.fromJSDate(d, { zone }).setLocale(locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });

/** The new time, the old one and who moved it: to the channel, and to each participant once. */
export function rescheduledCard(m: Meeting, from: Date, locale: Locale, by: string): Card {
  const title = t(locale, 'meeting.reschedule.done_title', { title: m.title, date: at(m.startsAt, m.timezone, locale) });
  return { title, fallbackText: title, elements: [{ type: 'text', text: t(locale, 'meeting.reschedule.done_text', { from: at(from, m.timezone, locale), date: at(m.startsAt, m.timezone, locale), by: mention(by) }) }] };
}
