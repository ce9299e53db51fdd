import { DateTime } from 'luxon';
import { t, type Locale } from '../../i18n/index.js';
import type { MeetingStats, RatingSummary } from '../meeting-stats.js';
import { ON_TIME_GRACE_MINUTES } from '../meeting-stats.js';
import type { Card, CardElement } from '../../cards/card.js';
import { formatInt, formatNumber, formatPercent } from '../../cards/format.js';

const QUOTES = 3;
const OVERRUN_ROWS = 8;
const rate = (n: number, of: number, locale: Locale) => (of ? formatPercent(n / of, locale, 0) : '—');

/** Average, distribution (5 → 1 stars), comments count and a few quotes; one fact per line. */
export function ratingLines(r: RatingSummary, locale: Locale): string[] {
  if (r.average === null) return [t(locale, 'meeting.ratings.none', { sent: formatInt(r.sent, locale) })];
  const lines = [
    t(locale, 'meeting.ratings.summary', { average: formatNumber(r.average, locale), responses: formatInt(r.responses, locale), sent: formatInt(r.sent, locale), rate: rate(r.responses, r.sent, locale) }),
    t(locale, 'meeting.ratings.distribution', { stars: [5, 4, 3, 2, 1].map((s) => `${s}★ ${formatInt(r.distribution[s - 1]!, locale)}`).join(' · ') }),
  ];
  if (r.comments.length) {
    lines.push(t(locale, 'meeting.ratings.comments', { n: formatInt(r.comments.length, locale) }));
    for (const c of r.comments.slice(0, QUOTES)) lines.push(t(locale, 'meeting.ratings.quote', { text: c.length > 200 ? `${c.slice(0, 199)}…` : c }));
  }
  return lines;
}

/** The ratings of the series' previous meeting, shown on the next one's cards. */
export function previousRatingsElements(prev: { at: Date; ratings: RatingSummary } | null, locale: Locale, zone: string): CardElement[] {
  if (!prev) return [];
  const date = DateTime.fromJSDate(prev.at, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
  return [
    { type: 'text', text: t(locale, 'meeting.ratings.previous', { date }), emphasis: 'strong' },
    { type: 'text', text: ratingLines(prev.ratings, locale).join('\n') },
  ];
}

/** `meeting stats`: one section per question, one fact per line. */
export function meetingStatsCard(s: MeetingStats, locale: Locale): Card {
  const title = t(locale, 'meeting.stats.title', { period: s.period });
  const elements: CardElement[] = [{ type: 'context', text: s.series ? t(locale, 'meeting.stats.series', { series: s.series }) : t(locale, 'meeting.stats.all') }];
  if (s.held === 0) return { title, fallbackText: title, elements: [...elements, { type: 'text', text: t(locale, 'meeting.stats.none') }] };
  elements.push({
    type: 'text',
    text: [t(locale, 'meeting.stats.held', { n: formatInt(s.held, locale) }), t(locale, 'meeting.stats.on_time', { grace: ON_TIME_GRACE_MINUTES, n: formatInt(s.onTime, locale), of: formatInt(s.held, locale), rate: rate(s.onTime, s.held, locale) })].join('\n'),
  });
  elements.push({ type: 'text', text: t(locale, 'meeting.stats.ratings'), emphasis: 'strong' }, { type: 'text', text: ratingLines(s.ratings, locale).join('\n') });
  const rows = s.overruns.slice(0, OVERRUN_ROWS).map((o) => t(locale, 'meeting.stats.overrun', { text: o.text, minutes: formatNumber(o.averageOver, locale), planned: o.planned, count: o.count }));
  elements.push({ type: 'text', text: t(locale, 'meeting.stats.overruns'), emphasis: 'strong' }, { type: 'text', text: rows.length ? rows.join('\n') : t(locale, 'meeting.stats.overrun_none') });
  const a = s.actions;
  elements.push({
    type: 'text',
    text: a.total
      ? t(locale, 'meeting.stats.actions', { onTime: formatInt(a.closedOnTime, locale), total: formatInt(a.total, locale), rate: rate(a.closedOnTime, a.total, locale), late: formatInt(a.closedLate, locale), open: formatInt(a.open, locale) })
      : t(locale, 'meeting.stats.no_actions'),
  });
  return { title, fallbackText: title, elements };
}
