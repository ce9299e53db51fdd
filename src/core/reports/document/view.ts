import type { Locale } from '../../i18n/index.js';
import type { ChartSpec } from '../../kpi/index.js';

/** One block of a document section; the renderer switches over `type` exhaustively. */
export type DocBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'bullets'; items: string[] }
  /** a muted line: what is missing and how to get it */
  | { type: 'note'; text: string }
  /** `numeric`: columns aligned right */
  | { type: 'table'; header: string[]; rows: string[][]; numeric?: boolean[]; widths?: ('auto' | '*')[] }
  /** drawn locally from the same Chart.js configuration the cards use */
  | { type: 'chart'; spec: ChartSpec; caption: string };

export interface DocSection {
  /** stable id: tests and the renderer's bookmarks */
  id: SectionId;
  title: string;
  blocks: DocBlock[];
}

export const SECTION_IDS = ['summary', 'introduction', 'deliveries', 'metrics', 'analysis', 'feedback', 'opportunities', 'recommendations', 'conclusion', 'annex'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** The report document (seeds' nine parts plus the annex), platform- and format-neutral. */
export interface DocumentView {
  locale: Locale;
  title: string;
  /** the team's name (tenant name, else its id) */
  team: string;
  /** "last week (Nov 23 – Nov 29, 2026)" */
  period: string;
  generatedAt: string;
  /** "Page {page} of {pages}" with those placeholders */
  pageLabel: string;
  sections: DocSection[];
  fileName: string;
}
