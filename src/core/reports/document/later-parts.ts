/** The later parts of the document: feedback, opportunities, annex. */
import { DateTime } from 'luxon';
import { t } from '../../i18n/index.js';
import { formatInt, formatMinutes, formatNumber, formatPercent } from '../../cards/format.js';
import { formatKpi, KPI_DEFS } from '../../kpi/index.js';
import type { DocumentData } from './data.js';
import { targetChecks } from './texts.js';
import type { DocBlock } from './view.js';

const dash = '–';

/** The survey numbers in sentences: CSAT, NPS, response rate; or that nobody answered. */
export function feedbackTexts(d: DocumentData): string[] {
  const { locale } = d;
  const k = d.report.current;
  const out: string[] = [];
  if (k.csat.responses === 0 && k.nps.responses === 0) out.push(t(locale, 'document.feedback.none'));
  if (k.csat.responses > 0) out.push(t(locale, 'document.feedback.csat', { score: formatPercent(k.csat.score ?? 0, locale), mean: formatNumber(k.csat.mean ?? 0, locale, 2), n: formatInt(k.csat.responses, locale) }));
  if (k.nps.responses > 0) out.push(t(locale, 'document.feedback.nps', { score: formatNumber(k.nps.score ?? 0, locale, 0), promoters: formatInt(k.nps.promoters, locale), passives: formatInt(k.nps.passives, locale), detractors: formatInt(k.nps.detractors, locale) }));
  if (k.surveyResponseRate !== null) out.push(t(locale, 'document.feedback.rate', { rate: formatPercent(k.surveyResponseRate, locale) }));
  return out;
}

/** The latest comments quoted with their score, each cut to `max` characters. */
export const commentQuotes = (d: DocumentData, max = 300): string[] =>
  d.comments.map((r) => `“${(r.comment ?? '').replace(/\s+/g, ' ').slice(0, max)}” (${r.type.toUpperCase()} ${r.score}/${r.type === 'nps' ? 10 : 5})`);

export function feedbackBlocks(d: DocumentData): DocBlock[] {
  const { locale } = d;
  const k = d.report.current;
  const [first, ...rest] = feedbackTexts(d);
  const out: DocBlock[] = [];
  if (k.csat.responses === 0 && k.nps.responses === 0) out.push({ type: 'note', text: first! });
  else {
    out.push({ type: 'paragraph', text: first! });
    // the CSAT distribution right under its sentence
    if (k.csat.responses > 0) out.push({ type: 'table', header: ['1', '2', '3', '4', '5'].map((s) => `CSAT ${s}`), rows: [k.csat.distribution.map((n) => formatInt(n, locale))], numeric: [true, true, true, true, true] });
  }
  out.push(...rest.map((text): DocBlock => ({ type: 'paragraph', text })));
  out.push({ type: 'heading', text: t(locale, 'document.feedback.comments') });
  const quotes = commentQuotes(d);
  out.push(quotes.length ? { type: 'bullets', items: quotes } : { type: 'note', text: t(locale, 'document.feedback.no_comments') });
  return out;
}

/** KPIs off target, categories reopening most, first-contact misses, the product with most cases. */
export function opportunityTexts(d: DocumentData): string[] {
  const { locale } = d;
  const items = targetChecks(d.report, locale)
    .filter((c) => !c.met)
    .map((c) => t(locale, 'document.opp.off_target', { kpi: t(locale, c.def.labelKey), value: formatKpi(c.def.kind, c.value, locale), target: c.target }));
  const reopened = Object.entries(d.byCategory)
    .filter(([g, k]) => g !== '-' && (k.reopenRate ?? 0) > 0 && k.resolved > 0)
    .sort((a, b) => (b[1].reopenRate ?? 0) - (a[1].reopenRate ?? 0))
    .slice(0, 3);
  for (const [g, k] of reopened) items.push(t(locale, 'document.opp.reopen_category', { category: g, rate: formatPercent(k.reopenRate ?? 0, locale), n: formatInt(Math.round((k.reopenRate ?? 0) * k.resolved), locale) }));
  const fcr = d.report.current.fcrRate;
  if (fcr !== null && fcr < 1 && d.report.current.resolved > 0) items.push(t(locale, 'document.opp.fcr', { rate: formatPercent(fcr, locale), n: formatInt(d.report.current.resolved - Math.round(fcr * d.report.current.resolved), locale) }));
  const product = d.causes?.products[0];
  if (product) items.push(t(locale, 'document.opp.product', { product: product.label, n: formatInt(product.cases, locale) }));
  return items;
}

export function opportunityBlocks(d: DocumentData): DocBlock[] {
  const items = opportunityTexts(d);
  return items.length ? [{ type: 'bullets', items }] : [{ type: 'note', text: t(d.locale, 'document.opp.none') }];
}

const DEFINED = ['volume', 'resolved', 'backlog', 'firstResponseMinutes.median', 'resolutionMinutes.median', 'slaCompliance', 'fcrRate', 'reopenRate', 'escalationMinutes.mean', 'contactsPerCustomer', 'csat.score', 'nps.score', 'surveyResponseRate'];

/** The period's daily numbers (the CSV annex's columns) and the KPI definitions. */
export function annexBlocks(d: DocumentData): DocBlock[] {
  const { locale, report } = d;
  const zone = report.period.timezone;
  const pct = (x: number | null) => (x === null ? dash : formatPercent(x, locale));
  const min = (x: number | null) => (x === null ? dash : formatMinutes(x, locale));
  const rows = (report.daily ?? []).map((day) => {
    const k = day.kpis;
    return [DateTime.fromISO(day.start, { zone }).toISODate() ?? '', formatInt(k.volume, locale), formatInt(k.resolved, locale), min(k.firstResponseMinutes.median), min(k.resolutionMinutes.median), pct(k.slaCompliance), pct(k.fcrRate), pct(k.csat.score), k.nps.score === null ? dash : formatNumber(k.nps.score, locale, 0)];
  });
  const header = ['date', 'volume', 'resolved', 'frt_median', 'resolution_median', 'sla', 'fcr', 'csat', 'nps'].map((c) => t(locale, `document.annex.col.${c}`));
  return [
    { type: 'heading', text: t(locale, 'document.annex.daily') },
    rows.length ? { type: 'table', header, rows, numeric: [false, true, true, true, true, true, true, true, true] } : { type: 'note', text: t(locale, 'document.annex.no_days') },
    { type: 'heading', text: t(locale, 'document.annex.definitions') },
    { type: 'bullets', items: DEFINED.map((key) => `${t(locale, KPI_DEFS.find((x) => x.key === key)!.labelKey)}: ${t(locale, `document.def.${key}`)}`) },
  ];
}
