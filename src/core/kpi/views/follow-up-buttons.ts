import { t, type Locale } from '../../i18n/index.js';
import type { Kpis } from '../stats.js';
import type { CardElement } from '../../cards/card.js';
import { goodness, isMet, KPI_DEFS } from './kpi-defs.js';

export const FOLLOW_UP_ACTIONS = { review: 'followup.review', action: 'followup.action' } as const;
export const isFollowUpAction = (id: string) => (Object.values(FOLLOW_UP_ACTIONS) as string[]).includes(id);

/** Deteriorations smaller than this (2 % or 2 points) are noise, not a topic. */
const NOTICEABLE = 0.02;
const MAX_FOCUS = 4;

/**
 * The KPIs worth a conversation: every one off its target, then the biggest deteriorations
 * against the previous period.
 */
export function focusKpis(cur: Kpis, prev: Kpis, targets: Record<string, { op: '<=' | '>='; value: number }>): string[] {
  const off = KPI_DEFS.filter((d) => {
    const value = d.pick(cur);
    const target = targets[d.key];
    return value !== null && target !== undefined && !isMet(target.op, value, target.value);
  }).map((d) => d.key);
  const worse = KPI_DEFS.flatMap((d) => {
    const a = d.pick(cur);
    const b = d.pick(prev);
    if (a === null || b === null || off.includes(d.key)) return [];
    const g = goodness(d, a, b);
    return g < -NOTICEABLE ? [{ key: d.key, g }] : [];
  })
    .sort((x, y) => x.g - y.g)
    .slice(0, 2)
    .map((x) => x.key);
  return [...off, ...worse].slice(0, MAX_FOCUS);
}

/**
 * "Add to the next review" and "Create action" under a KPI card or a complaint alert; `value`
 * says what they are about (the same for both).
 */
export function followUpElements(locale: Locale, value: string, suggestion: string, due: string, people: string[]): CardElement[] {
  return [
    { type: 'actions', buttons: [{ label: t(locale, 'followup.button.review'), action: { id: FOLLOW_UP_ACTIONS.review, value } }] },
    {
      type: 'form',
      title: t(locale, 'followup.form.title'),
      open: t(locale, 'followup.button.action'),
      cancel: t(locale, 'meeting.form.cancel'),
      collapsed: true,
      inputs: [
        { id: 'what', label: t(locale, 'meeting.input.what'), maxLength: 300, initial: suggestion.slice(0, 300) },
        { id: 'owner', label: t(locale, 'meeting.input.owner'), kind: 'user', people },
        { id: 'due', label: t(locale, 'meeting.input.due'), kind: 'date', initial: due },
      ],
      submit: { label: t(locale, 'followup.form.submit'), action: { id: FOLLOW_UP_ACTIONS.action, value }, style: 'primary' },
    },
  ];
}
