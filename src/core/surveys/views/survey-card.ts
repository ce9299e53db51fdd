import type { SurveyKind } from '../../domain/interaction.js';
import { DEFAULT_REASONS, type Survey } from '../../domain/survey.js';
import { t, type Locale } from '../../i18n/index.js';
import type { StoredResponse } from '../../ports/survey-responses.js';
import type { Button, Card, CardElement } from '../../cards/card.js';

export const SURVEY_ACTIONS = {
  answer: 'survey.answer',
  reason: 'survey.reason',
  comment: 'survey.comment',
  change: 'survey.change',
} as const;

export const COMMENT_INPUT = 'comment';
export const COMMENT_MAX = 1000;

const FACES = ['😠', '🙁', '😐', '🙂', '😄'] as const;
/** NPS rows fit both platforms: Teams shows at most 5 buttons per row, Slack wraps. */
const NPS_ROWS = [
  [0, 1, 2, 3],
  [4, 5, 6, 7],
  [8, 9, 10],
];

export interface SurveyView {
  survey: Survey;
  /** the tenant's zone, for the closing date */
  timezone: string;
}

const locale = (v: SurveyView): Locale => v.survey.locale;
const value = (survey: Survey, extra: Record<string, number> = {}) => JSON.stringify({ s: survey.id, ...extra });

export function formatDate(d: Date, loc: Locale, timezone: string): string {
  return new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: timezone }).format(d);
}

/** "🙂 4/5 (Satisfied)" or "9/10" */
export function scoreText(type: SurveyKind, score: number, loc: Locale): string {
  if (type === 'meeting') return `${FACES[score - 1] ?? ''} ${score}/5 (${t(loc, `meeting.rating.${score}`)})`.trim();
  if (type === 'csat') return `${FACES[score - 1] ?? ''} ${score}/5 (${t(loc, `survey.csat.${score}`)})`.trim();
  return `${score}/10`;
}

export const reasonText = (reason: string, loc: Locale) => ((DEFAULT_REASONS as readonly string[]).includes(reason) ? t(loc, `survey.reason.${reason}`) : reason);

/** The reasons offered after a bad score: the tenant's own list, else the built-in one. */
export const reasonsOf = (custom: string[]): string[] => (custom.length > 0 ? custom : [...DEFAULT_REASONS]);

function header(v: SurveyView): Pick<Card, 'title' | 'subtitle'> {
  const loc = locale(v);
  return {
    title: t(loc, 'survey.title'),
    ...(v.survey.interaction ? { subtitle: t(loc, 'survey.about_ticket', { ticket: v.survey.interaction.externalId }) } : {}),
  };
}

function scaleButtons(survey: Survey, selected?: number): CardElement[] {
  const loc = survey.locale;
  const button = (score: number, label: string): Button => ({
    label,
    action: { id: SURVEY_ACTIONS.answer, value: value(survey, { v: score }) },
    ...(score === selected ? { style: 'primary' as const } : {}),
  });
  if (survey.type === 'meeting') {
    return [{ type: 'actions', buttons: [1, 2, 3, 4, 5].map((n) => button(n, `${FACES[n - 1]} ${t(loc, `meeting.rating.${n}`)}`)) }];
  }
  if (survey.type === 'csat') {
    // face and label only: five labelled buttons must fit one Teams row
    return [{ type: 'actions', buttons: [1, 2, 3, 4, 5].map((n) => button(n, `${FACES[n - 1]} ${t(loc, `survey.csat.${n}`)}`)) }];
  }
  return [...NPS_ROWS.map((row): CardElement => ({ type: 'actions', buttons: row.map((n) => button(n, String(n))) })), { type: 'context', text: t(loc, 'survey.nps.scale') }];
}

/** The question with its scale (again, with the current answer marked, when changing it). */
export function surveyQuestionCard(v: SurveyView, selected?: number): Card {
  const loc = locale(v);
  const question = v.survey.type === 'meeting' ? t(loc, 'meeting.rating.question', { title: v.survey.subject ?? '' }) : t(loc, `survey.${v.survey.type}.question`);
  const elements: CardElement[] = [{ type: 'text', text: question, emphasis: 'strong' }, ...scaleButtons(v.survey, selected)];
  if (v.survey.expiresAt) elements.push({ type: 'context', text: t(loc, 'survey.closes', { date: formatDate(v.survey.expiresAt, loc, v.timezone) }) });
  return { ...header(v), fallbackText: question, elements };
}

/** After a bad score: why? (one click, or skip) */
export function surveyReasonsCard(v: SurveyView, response: StoredResponse, reasons: string[]): Card {
  const loc = locale(v);
  const text = t(loc, 'survey.thanks', { score: scoreText(v.survey.type, response.score, loc) });
  const buttons: Button[] = reasons.map((r, i) => ({ label: reasonText(r, loc), action: { id: SURVEY_ACTIONS.reason, value: value(v.survey, { r: i }) } }));
  buttons.push({ label: t(loc, 'survey.reason.skip'), action: { id: SURVEY_ACTIONS.reason, value: value(v.survey, { r: -1 }) } });
  return {
    ...header(v),
    fallbackText: text,
    elements: [{ type: 'text', text }, { type: 'text', text: t(loc, 'survey.reason.question'), emphasis: 'strong' }, { type: 'actions', buttons }],
  };
}

function answerLines(v: SurveyView, response: StoredResponse): CardElement[] {
  const loc = locale(v);
  const lines: CardElement[] = [];
  if (response.reason) lines.push({ type: 'context', text: t(loc, 'survey.your_reason', { reason: reasonText(response.reason, loc) }) });
  if (response.comment) lines.push({ type: 'text', text: t(loc, 'survey.your_comment', { comment: response.comment }) });
  return lines;
}

/** Thank you, with the chosen score, an optional comment and a way to change the answer. */
export function surveyThanksCard(v: SurveyView, response: StoredResponse): Card {
  const loc = locale(v);
  const text = t(loc, 'survey.thanks', { score: scoreText(v.survey.type, response.score, loc) });
  return {
    ...header(v),
    fallbackText: text,
    elements: [
      { type: 'text', text, emphasis: 'strong' },
      ...answerLines(v, response),
      {
        type: 'form',
        title: t(loc, 'survey.comment.title'),
        open: t(loc, 'survey.comment.button'),
        cancel: t(loc, 'survey.comment.cancel'),
        inputs: [{ id: COMMENT_INPUT, label: t(loc, 'survey.comment.label'), placeholder: t(loc, 'survey.comment.placeholder'), multiline: true, maxLength: COMMENT_MAX }],
        submit: { label: t(loc, 'survey.comment.submit'), action: { id: SURVEY_ACTIONS.comment, value: value(v.survey) }, style: 'primary' },
      },
      { type: 'actions', buttons: [{ label: t(loc, 'survey.change'), action: { id: SURVEY_ACTIONS.change, value: value(v.survey) } }] },
      ...(v.survey.expiresAt ? [{ type: 'context' as const, text: t(loc, 'survey.closes', { date: formatDate(v.survey.expiresAt, loc, v.timezone) }) }] : []),
    ],
  };
}

/** Once a comment is given the answer is final: no buttons any more. */
export function surveyFinalCard(v: SurveyView, response: StoredResponse): Card {
  const loc = locale(v);
  const text = t(loc, 'survey.thanks_final', { score: scoreText(v.survey.type, response.score, loc) });
  return { ...header(v), fallbackText: text, elements: [{ type: 'text', text, emphasis: 'strong' }, ...answerLines(v, response)] };
}

/** An expired survey: closed, with the answer it got, if any. */
export function surveyClosedCard(v: SurveyView, response: StoredResponse | null): Card {
  const loc = locale(v);
  const text = response
    ? t(loc, 'survey.closed_answered', { score: scoreText(v.survey.type, response.score, loc) })
    : t(loc, 'survey.closed', { date: formatDate(v.survey.expiresAt ?? v.survey.dueAt, loc, v.timezone) });
  return { ...header(v), fallbackText: text, elements: [{ type: 'text', text }, ...(response ? answerLines(v, response) : [])] };
}
