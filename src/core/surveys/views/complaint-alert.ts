import type { InteractionRecord } from '../../domain/interaction.js';
import { isLowScore, ticketUrl, type Survey, type SurveySettings } from '../../domain/survey.js';
import { t, type Locale } from '../../i18n/index.js';
import type { StoredResponse } from '../../ports/survey-responses.js';
import { DateTime } from 'luxon';
import type { Card, CardElement } from '../../cards/card.js';
import { followUpElements } from '../../kpi/index.js';
import { formatDate, reasonText, scoreText } from './survey-card.js';

export interface ComplaintAlertInput {
  survey: Survey;
  response: StoredResponse;
  interaction: InteractionRecord | null;
  settings: SurveySettings;
  locale: Locale;
  timezone: string;
  /** offered first as owners of a follow-up action (the tenant's supervisors) */
  people?: string[];
}

/** Posted once to the supervisors' channel for a low score; updated when the answer changes. */
export function complaintAlertCard(a: ComplaintAlertInput): Card {
  const { survey, response, interaction, locale: loc } = a;
  const score = scoreText(survey.type, response.score, loc);
  const title = `⚠️ ${t(loc, 'survey.alert.title', { type: survey.type.toUpperCase(), score })}`;
  const agent = interaction?.agent ? (interaction.agent.name ?? interaction.agent.id) : t(loc, 'kpi.none');
  const lines = [t(loc, 'survey.alert.agent', { agent }), survey.interaction ? t(loc, 'survey.alert.ticket', { ticket: survey.interaction.externalId }) : t(loc, 'survey.alert.no_ticket')];
  if (response.reason) lines.push(t(loc, 'survey.your_reason', { reason: reasonText(response.reason, loc) }));
  const elements: CardElement[] = [
    { type: 'text', text: lines.join('\n') },
    { type: 'text', text: response.comment ? t(loc, 'survey.alert.comment', { comment: response.comment }) : t(loc, 'survey.alert.no_comment') },
  ];
  if (!isLowScore(survey.type, response.score)) elements.push({ type: 'text', text: t(loc, 'survey.alert.changed', { score }), emphasis: 'subtle' });
  elements.push({ type: 'context', text: t(loc, 'survey.alert.respondent', { respondent: response.respondent ?? '?', date: formatDate(response.respondedAt, loc, a.timezone) }) });
  const url = survey.interaction ? ticketUrl(a.settings, survey.interaction) : undefined;
  if (url) elements.push({ type: 'links', links: [{ label: t(loc, 'survey.alert.open_ticket'), url }] });
  const due = DateTime.fromJSDate(response.respondedAt, { zone: a.timezone }).plus({ days: 2 }).toISODate()!;
  const suggestion = t(loc, 'followup.suggest.complaint', { ticket: survey.interaction?.externalId ?? survey.type.toUpperCase() });
  elements.push(...followUpElements(loc, JSON.stringify({ s: survey.id }), suggestion, due, a.people ?? []));
  return { title, fallbackText: title, elements };
}
