import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { DocumentRenderer } from '../../core/ports/report-records.js';
import type { DocBlock, DocumentView } from '../../core/reports/document/view.js';
import { renderChartPng } from '../charts/local.js';

const require = createRequire(import.meta.url);
// Roboto ships with pdfmake: every glyph of pt-BR and the signs the texts use (≥ ≤ – “ ”)
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};
const ALLOWED = new Set(Object.values(FONTS.Roboto));
const MUTED = '#666666';
const ACCENT = '#1f4e79';

function table(b: Extract<DocBlock, { type: 'table' }>): Content {
  const align = (i: number): 'right' | 'left' => (b.numeric?.[i] ? 'right' : 'left');
  const header: TableCell[] = b.header.map((h, i) => ({ text: h, style: 'th', alignment: align(i) }));
  const body: TableCell[][] = [header, ...b.rows.map((r) => r.map((c, i) => ({ text: c, alignment: align(i) })))];
  // headerRows: the header row is repeated on every page a long table runs onto; rows never split
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: b.widths ?? b.header.map(() => 'auto'), body },
    layout: { fillColor: (row: number) => (row === 0 ? '#e8eef5' : row % 2 === 0 ? '#f7f7f7' : null), hLineColor: () => '#cccccc', vLineColor: () => '#cccccc' },
    style: 'table',
  };
}

function block(b: DocBlock): Content {
  switch (b.type) {
    case 'paragraph':
      return { text: b.text, style: 'p' };
    case 'heading':
      return { text: b.text, style: 'h2' };
    case 'note':
      return { text: b.text, style: 'note' };
    case 'bullets':
      return { ul: b.items, style: 'p' };
    case 'table':
      return table(b);
    case 'chart':
      return { stack: [{ image: `data:image/png;base64,${renderChartPng(b.spec).toString('base64')}`, width: 500 }, { text: b.caption, style: 'note' }], unbreakable: true, style: 'p' };
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** The view model as a pdfmake definition: A4, header (team, period) and footer (page x of y) on every page. */
export function documentDefinition(doc: DocumentView): TDocumentDefinitions {
  const content: Content[] = [
    { text: doc.title, style: 'title' },
    { text: doc.team, style: 'subtitle' },
    { text: doc.period, style: 'subtitle' },
    { text: doc.generatedAt, style: 'note', margin: [0, 0, 0, 12] },
  ];
  doc.sections.forEach((s, i) => {
    content.push({ text: s.title, style: 'h1', ...(s.id === 'annex' && i > 0 ? { pageBreak: 'before' as const } : {}) });
    content.push(...s.blocks.map(block));
  });
  return {
    pageSize: 'A4',
    pageMargins: [48, 60, 48, 56],
    info: { title: `${doc.title} — ${doc.team} — ${doc.period}`, author: doc.team, subject: doc.period },
    header: () => ({ columns: [{ text: doc.team, bold: true }, { text: doc.period, alignment: 'right' }], margin: [48, 24, 48, 0], fontSize: 8, color: MUTED }),
    footer: (page: number, pages: number) => ({
      columns: [{ text: doc.title }, { text: doc.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages)), alignment: 'right' }],
      margin: [48, 16, 48, 0],
      fontSize: 8,
      color: MUTED,
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, color: ACCENT },
      subtitle: { fontSize: 12, color: '#333333' },
      h1: { fontSize: 14, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      p: { margin: [0, 0, 0, 6] },
      note: { fontSize: 9, italics: true, color: MUTED, margin: [0, 0, 0, 6] },
      th: { bold: true, fontSize: 9 },
      table: { fontSize: 9, margin: [0, 2, 0, 8] },
    },
  };
}

/** PDFs with pdfmake (on pdfkit), fonts from the package, no network and no other file read. */
export function createPdfRenderer(): DocumentRenderer {
  pdfmake.setFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => ALLOWED.has(path));
  return {
    async render(doc) {
      const pdf = pdfmake.createPdf(documentDefinition(doc));
      return new Uint8Array(await pdf.getBuffer());
    },
  };
}
