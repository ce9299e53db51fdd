/** PDFs read back with poppler (Debian's poppler-utils; .ci/run installs it). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
let n = 0;

/** The PDF's text per page (`pdftotext -layout`, pages split at form feeds). */
export function pdfPages(pdf: Uint8Array): string[] {
  const file = join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

/** The PDF inside a request body (e.g. a multipart upload): from `%PDF-` to the last `%%EOF`. */
export function pdfIn(bytes: Buffer): Buffer {
  const start = bytes.indexOf('%PDF-');
  const end = bytes.lastIndexOf('%%EOF');
  if (start < 0 || end < 0) throw new Error('no PDF in these bytes');
  return bytes.subarray(start, end + 5);
}

/** Page `page` of the PDF as a PNG at `dpi` (pdftoppm), written to `out`. */
export function pdfPagePng(pdf: Uint8Array, out: string, page = 1, dpi = 60): void {
  const file = join(dir, `page-${++n}.pdf`);
  writeFileSync(file, pdf);
  const prefix = join(dir, `png-${n}`);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  writeFileSync(out, readFileSync(`${prefix}.png`));
}
