/**
 * (g) The report document for a 90-day period on the large tenant vs the chat report of the same
 * period: median build time of each (interleaved rounds, same machine noise), their ratio
 * (target ≤ 3), and the document build's memory peak (heap and RSS above the level before it).
 */
import { DateTime } from 'luxon';
import type { Service } from '../src/service.js';
import type { InteractionRecord } from '../src/core/domain/interaction.js';
import { buildReportDocument } from '../src/core/reports/document/build-document.js';
import { buildReport } from '../src/core/reports/build-report.js';
import { storeInteractions } from '../src/core/records/store-interactions.js';
import { generateInteractions } from '../src/cli/demo-data.js';

const PERIOD = '90d';
const CAUSES = ['Firmware bug', 'Courier delay', 'Wrong manual', 'Billing rule', 'Payment gateway timeout', 'Stock mismatch', 'Address validation', 'Coupon stacking'];
const PRODUCTS = [{ brand: 'Acme', model: 'X1' }, { brand: 'Acme', model: 'X2' }, { brand: 'Nimbus', model: 'Pro' }, { brand: 'Nimbus', model: 'Lite' }];
const MB = 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Demo data carries no service-report fields: once per tenant and size, `share` of a 90-day
 * volume is stored again with problem, root cause, product and notes (as a real tenant sends).
 */
async function addCases(service: Service, tenantId: string, total: number, timezone: string, now: Date, share = 0.02) {
  const meta = service.connection.collection<{ _id: string }>('bench_meta');
  if (await meta.findOne({ _id: `${tenantId}:${total}:cases` })) return;
  const perDay = Math.max(1, Math.round((total * share) / 90));
  for (let d = 89; d >= 0; d--) {
    const end = DateTime.fromJSDate(now, { zone: timezone }).minus({ days: d }).toJSDate();
    const day: InteractionRecord[] = generateInteractions({ days: 1, perDay, end, now, timezone, seed: 7000 + d, idPrefix: `G${d}`, customerPool: Math.max(1, Math.round(total / 50)) }).map((r, i) => ({
      ...r,
      rootCause: CAUSES[(i * 7 + d) % CAUSES.length]!,
      problem: `Problem ${(i + d) % 12}`,
      product: PRODUCTS[i % PRODUCTS.length]!,
      notes: `Check the ${CAUSES[i % CAUSES.length]!.toLowerCase()} runbook before closing.`,
    }));
    for (let i = 0; i < day.length; i += 5000) await storeInteractions(service.deps, tenantId, timezone, day.slice(i, i + 5000));
  }
  await meta.insertOne({ _id: `${tenantId}:${total}:cases` });
}

/** Runs `fn` while sampling the heap and RSS every 5 ms: the peaks above the level before. */
async function peakOf<T>(fn: () => Promise<T>): Promise<{ value: T; heapMb: number; rssMb: number }> {
  const before = process.memoryUsage();
  let heap = before.heapUsed;
  let rss = before.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const value = await fn();
    sample();
    return { value, heapMb: (heap - before.heapUsed) / MB, rssMb: (rss - before.rss) / MB };
  } finally {
    clearInterval(timer);
  }
}

export async function benchReportDocument(service: Service, o: { tenantId: string; total: number; timezone: string; now: Date; rounds?: number }) {
  await addCases(service, o.tenantId, o.total, o.timezone, o.now);
  const deps = service.bot;
  if (!deps.reportRecords || !deps.documents) throw new Error('this service draws no documents');
  const docDeps = { ...deps, reportRecords: deps.reportRecords, documents: deps.documents };
  const input = { tenantId: o.tenantId, query: PERIOD, locale: 'en' as const, now: o.now };
  const chat = () => buildReport(deps, { ...input, chartUrlLimit: 3000 });
  const document = () => buildReportDocument(docDeps, input);
  // warm both paths (fonts, chart canvas, indexes) before timing
  await chat();
  const first = await document();
  const chatTimes: number[] = [];
  const docTimes: number[] = [];
  for (let i = 0; i < (o.rounds ?? 7); i++) {
    let t0 = process.hrtime.bigint();
    await chat();
    chatTimes.push(ms(t0));
    t0 = process.hrtime.bigint();
    await document();
    docTimes.push(ms(t0));
  }
  global.gc?.();
  const peak = await peakOf(document);
  const ratio = median(docTimes) / median(chatTimes);
  const pages = Buffer.from(first.pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  const lines = [
    `(g) ${PERIOD} report over ${o.total}: chat report ${median(chatTimes).toFixed(0)} ms, document ${median(docTimes).toFixed(0)} ms (${pages} pages, ${(first.pdf.byteLength / 1024).toFixed(0)} KiB); ratio ${ratio.toFixed(2)} (target ≤ 3)`,
    `    document memory peak: heap +${peak.heapMb.toFixed(1)} MiB, rss +${peak.rssMb.toFixed(1)} MiB (above the level before the build)`,
  ];
  return { ratio, ok: ratio <= 3, lines };
}
