import { DateTime } from 'luxon';
import { t } from '../../i18n/index.js';
import type { DocumentData } from './data.js';
import { annexBlocks, feedbackBlocks, opportunityBlocks } from './later-parts.js';
import { deliveryBlocks, introductionBlocks, metricBlocks, summaryBlocks } from './parts.js';
import { rootCauseBlocks } from './root-cause-blocks.js';
import { analysisTexts, conclusionTexts, recommendationTexts } from './texts.js';
import type { DocBlock, DocSection, DocumentView, SectionId } from './view.js';

function analysisBlocks(d: DocumentData, a: ReturnType<typeof analysisTexts>): DocBlock[] {
  const { locale } = d;
  const out: DocBlock[] = [{ type: 'heading', text: t(locale, 'document.analysis.successes') }];
  out.push(a.successes.length ? { type: 'bullets', items: a.successes } : { type: 'note', text: t(locale, 'document.analysis.no_successes') });
  out.push({ type: 'heading', text: t(locale, 'document.analysis.challenges') });
  out.push(a.challenges.length ? { type: 'bullets', items: a.challenges } : { type: 'note', text: t(locale, 'document.analysis.no_challenges') });
  if (a.noTargets) out.push({ type: 'note', text: t(locale, 'document.no_targets') });
  return [...out, ...rootCauseBlocks(d.causes, d.notes, d.locale)];
}

/** The report document's view model: the seeds' nine parts and the annex, every text from the numbers. */
export function documentView(d: DocumentData): DocumentView {
  const { locale, report } = d;
  const analysis = analysisTexts(report, d.byChannel, locale);
  const recommendations = recommendationTexts(report, d.byChannel, d.causes, locale);
  const conclusion = conclusionTexts(report, report.period.label, { successes: analysis.successes.length, challenges: analysis.challenges.length, recommendations: recommendations.length }, locale);
  const parts: [SectionId, DocBlock[]][] = [
    ['summary', summaryBlocks(d)],
    ['introduction', introductionBlocks(d)],
    ['deliveries', deliveryBlocks(d)],
    ['metrics', metricBlocks(d)],
    ['analysis', analysisBlocks(d, analysis)],
    ['feedback', feedbackBlocks(d)],
    ['opportunities', opportunityBlocks(d)],
    ['recommendations', [{ type: 'bullets', items: recommendations }]],
    ['conclusion', conclusion.map((text) => ({ type: 'paragraph', text }))],
    ['annex', annexBlocks(d)],
  ];
  const sections: DocSection[] = parts.map(([id, blocks], i) => ({ id, title: id === 'annex' ? t(locale, 'document.section.annex') : `${i + 1}. ${t(locale, `document.section.${id}`)}`, blocks }));
  const start = DateTime.fromISO(report.period.start, { zone: report.period.timezone }).toISODate();
  return {
    locale,
    title: t(locale, 'document.title'),
    team: d.team,
    period: report.period.label,
    generatedAt: DateTime.fromJSDate(d.now, { zone: report.period.timezone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED),
    pageLabel: t(locale, 'document.page'),
    sections,
    fileName: `${t(locale, 'document.file')}-${start}.pdf`,
  };
}
