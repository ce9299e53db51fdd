/**
 * The chat report: the report document's sections in short form (summary, deliveries, metrics,
 * analysis, feedback, opportunities, next steps). Every line comes from the document's own
 * sentence builders over the same data; this file only picks, shortens and lays them out.
 */
import type { ActionItem } from '../domain/meeting.js';
import { t, type Locale } from '../i18n/index.js';
import { mention, type CardElement, type Metric } from '../cards/card.js';
import { formatInt } from '../cards/format.js';
import { metric } from '../kpi/index.js';
import { KPI_DEFS } from '../kpi/index.js';
import { formatDay } from '../meetings/index.js';
import type { DocumentData } from './document/data.js';
import { commentQuotes, feedbackTexts, opportunityTexts } from './document/later-parts.js';
import { deliveryOverview, sortedGroups } from './document/parts.js';
import { causesOverview } from './document/root-cause-blocks.js';
import { analysisTexts, hasActivity, recommendationTexts, summaryTexts } from './document/texts.js';
import type { SectionId } from './document/view.js';

/** lines a list shows before "… and N more": Teams draws each line as its own TextBlock */
const LIST = 3;
const ACTIONS = 5;
const LINE_MAX = 280;
/** a name in a one-line list */
const NAME_MAX = 48;
const QUOTE_MAX = 160;
/** feedback KPIs are told in the feedback section's sentences, not as metrics */
const FEEDBACK_KPIS = ['csat.score', 'nps.score', 'surveyResponseRate'];

const clip = (s: string, max = LINE_MAX) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const more = (locale: Locale, n: number) => t(locale, 'actions.more', { n });

/** Bulleted, at most `max`, the rest counted. */
function cappedList(items: string[], locale: Locale, max = LIST): string[] {
  const shown = items.slice(0, max).map((s) => `• ${clip(s)}`);
  return items.length > max ? [...shown, more(locale, items.length - max)] : shown;
}

/** "Category: billing (25), delivery (18), returns (9) … and 3 more." on one line. */
function inline(title: string, items: string[], locale: Locale): string {
  const rest = items.length - LIST;
  return `${title}: ${items.slice(0, LIST).join(', ')}${rest > 0 ? ` ${more(locale, rest)}` : ''}`;
}

const block = (lines: string[]): CardElement => ({ type: 'text', text: lines.join('\n') });

function deliveries(d: DocumentData): string[] {
  const { locale } = d;
  const groups = (title: string, by: DocumentData['byCategory']) => {
    const named = sortedGroups(by).filter(([g]) => g !== '-').map(([g, k]) => `${clip(g, NAME_MAX)} (${formatInt(k.volume, locale)})`);
    return named.length ? [inline(title, named, locale)] : [];
  };
  const out = [deliveryOverview(d), ...groups(t(locale, 'document.deliveries.by_category'), d.byCategory), ...groups(t(locale, 'document.deliveries.by_channel'), d.byChannel)];
  if (d.done.length) out.push(inline(t(locale, 'document.deliveries.actions', { n: d.done.length }), d.done.map((a) => clip(a.text, NAME_MAX)), locale));
  if (d.open.length) out.push(inline(t(locale, 'document.deliveries.open', { n: d.open.length }), d.open.map((o) => clip(o.externalId, NAME_MAX)), locale));
  return out;
}

function analysis(d: DocumentData): string[] {
  const { locale } = d;
  const a = analysisTexts(d.report, d.byChannel, locale);
  const out = [`${t(locale, 'document.analysis.successes')}:`, ...(a.successes.length ? cappedList(a.successes, locale) : [t(locale, 'document.analysis.no_successes')])];
  out.push(`${t(locale, 'document.analysis.challenges')}:`, ...(a.challenges.length ? cappedList(a.challenges, locale) : [t(locale, 'document.analysis.no_challenges')]));
  if (d.causes) out.push(causesOverview(d.causes, locale));
  return out;
}

function metrics(d: DocumentData, chartUrl: string | undefined): CardElement[] {
  const { locale, report } = d;
  const targets = Object.entries(report.targets).map(([kpi, x]) => ({ kpi, op: x.op, value: x.value }));
  const items = KPI_DEFS.filter((def) => !FEEDBACK_KPIS.includes(def.key))
    .map((def) => metric(def, report.current, report.previous, targets, locale))
    .filter((m): m is Metric => m !== null);
  const out: CardElement[] = items.length ? [{ type: 'metrics', items }] : [];
  if (targets.length === 0) out.push({ type: 'context', text: t(locale, 'document.no_targets') });
  // as in the document: an empty period has no chart worth drawing
  if (chartUrl && hasActivity(report.current)) out.push({ type: 'image', url: chartUrl, alt: t(locale, 'chart.alt') });
  return out;
}

/**
 * Open action items (the spec's next steps), overdue marked, then those done lately; the
 * document has none of these (its deliveries list what was done in the period).
 */
function actionLines(actions: ActionItem[], today: string, locale: Locale): string[] {
  const lines = [...actions.filter((a) => a.status === 'open'), ...actions.filter((a) => a.status === 'done')].map((a) => {
    const origin = a.origin ? ` (${t(locale, 'followup.origin', { label: a.origin.label })})` : '';
    const args = { text: clip(a.text, NAME_MAX * 2), owner: mention(a.ownerId), origin };
    if (a.status === 'done') return t(locale, 'report.next_steps.done', args);
    return t(locale, a.dueDate < today ? 'report.next_steps.late' : 'report.next_steps.open', { ...args, due: formatDay(a.dueDate, locale) });
  });
  if (lines.length === 0) return [t(locale, 'report.next_steps.none')];
  return lines.length > ACTIONS ? [...lines.slice(0, ACTIONS), more(locale, lines.length - ACTIONS)] : lines;
}

export interface NextSteps {
  /** open action items (most urgent first) and those done lately */
  actions: ActionItem[];
  /** the tenant's today (YYYY-MM-DD): what is due before it is overdue */
  today: string;
}

/** The seven sections of the chat report, each a heading and a short block. */
export function reportSections(d: DocumentData, next: NextSteps, chartUrl?: string): CardElement[] {
  const { locale, report } = d;
  const opportunities = opportunityTexts(d);
  const quotes = commentQuotes(d, QUOTE_MAX).slice(0, 2);
  const parts: [SectionId, CardElement[]][] = [
    ['summary', [block(summaryTexts(report, report.period.label, locale).map((s) => `• ${s}`))]],
    ['deliveries', [block(deliveries(d))]],
    ['metrics', metrics(d, chartUrl)],
    ['analysis', [block(analysis(d))]],
    ['feedback', [block([...feedbackTexts(d), ...quotes])]],
    ['opportunities', [block(opportunities.length ? cappedList(opportunities, locale) : [t(locale, 'document.opp.none')])]],
    ['recommendations', [block([...cappedList(recommendationTexts(report, d.byChannel, d.causes, locale), locale), ...actionLines(next.actions, next.today, locale)])]],
  ];
  return parts.flatMap(([id, elements], i) => [
    ...(i ? [{ type: 'divider' } as const] : []),
    { type: 'text', text: t(locale, `document.section.${id}`), emphasis: 'strong' } as const,
    ...elements,
  ]);
}
