import { t, type Locale } from '../../i18n/index.js';
import type { CaseNotes } from '../../ports/report-records.js';
import { formatInt, formatPercent } from '../../cards/format.js';
import type { Ranked, RootCauses } from './root-causes.js';
import type { DocBlock } from './view.js';

const TOP = 8;
const QUOTE_MAX = 300;

function rankTable(locale: Locale, title: string, list: Ranked[], total: number): DocBlock[] {
  if (list.length === 0) return [];
  // the rank by reopen rate beside the rank by volume
  const byReopen = [...list].sort((a, b) => b.reopenRate - a.reopenRate || b.cases - a.cases);
  const reopenRank = new Map(byReopen.map((r, i) => [r, i + 1]));
  return [
    { type: 'heading', text: title },
    {
      type: 'table',
      header: [title, t(locale, 'document.col.cases'), t(locale, 'document.col.share'), t(locale, 'document.col.reopened'), t(locale, 'document.col.reopen_rate'), t(locale, 'document.col.reopen_rank')],
      rows: list.slice(0, TOP).map((r) => [r.label, formatInt(r.cases, locale), formatPercent(r.cases / total, locale), formatInt(r.reopened, locale), formatPercent(r.reopenRate, locale), `#${reopenRank.get(r)}`]),
      numeric: [false, true, true, true, true, true],
      widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'],
    },
  ];
}

const clip = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat;
};

/** How many tickets carry service-report fields, and how many causes and products they name. */
export const causesOverview = (causes: RootCauses, locale: Locale) =>
  t(locale, 'document.causes.overview', { n: formatInt(causes.withFields, locale), causes: formatInt(causes.causes.length, locale), products: formatInt(causes.products.length, locale) });

/** The root-cause part of the analysis: causes, problems and products ranked, recurrences, the notes on avoiding them. */
export function rootCauseBlocks(causes: RootCauses | null, notes: CaseNotes[], locale: Locale): DocBlock[] {
  const out: DocBlock[] = [{ type: 'heading', text: t(locale, 'document.causes.title') }];
  if (!causes) return [...out, { type: 'note', text: t(locale, 'document.causes.none') }];
  out.push({ type: 'paragraph', text: causesOverview(causes, locale) });
  out.push(...rankTable(locale, t(locale, 'document.causes.by_cause'), causes.causes, causes.withFields));
  out.push(...rankTable(locale, t(locale, 'document.causes.by_product'), causes.products, causes.withFields));
  out.push(...rankTable(locale, t(locale, 'document.causes.by_problem'), causes.problems, causes.withFields));
  const r = causes.recurring;
  out.push({ type: 'heading', text: t(locale, 'document.causes.recurring_title') });
  if (r.cases === 0) out.push({ type: 'note', text: t(locale, 'document.causes.recurring_none') });
  else {
    out.push({ type: 'paragraph', text: t(locale, 'document.causes.recurring', { n: formatInt(r.cases, locale), customers: formatInt(r.customers, locale) }) });
    out.push({ type: 'bullets', items: r.top.slice(0, 5).map((p) => t(locale, 'document.causes.recurring_item', { problem: p.label, n: formatInt(p.cases, locale) })) });
  }
  const quotes = notes.filter((n) => n.notes?.trim()).map((n) => t(locale, 'document.causes.quote', { text: clip(n.notes!), ticket: n.externalId }));
  out.push({ type: 'heading', text: t(locale, 'document.causes.notes_title') });
  out.push(quotes.length ? { type: 'bullets', items: quotes } : { type: 'note', text: t(locale, 'document.causes.notes_none') });
  return out;
}
