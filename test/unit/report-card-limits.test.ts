/**
 * The chat report of a busy tenant (many categories and channels, long comments, every target
 * missed, many root causes, a long chart URL) stays within the platforms' limits: Slack at most
 * 50 blocks and 3,000 characters a text, Teams under 28 KB with every section kept, each line
 * short; long lists end in "… and N more".
 */
import { describe, expect, it } from 'vitest';
import { cardToBlocks } from '../../src/adapters/slack/render/block-kit.js';
import { cardToAdaptive, MAX_CARD_BYTES } from '../../src/adapters/teams/render/adaptive-card.js';
import { t, type Locale } from '../../src/core/i18n/index.js';
import { emptyStats, kpisFromStats, type Kpis } from '../../src/core/kpi/stats.js';
import type { DocumentData } from '../../src/core/reports/document/data.js';
import type { Ranked } from '../../src/core/reports/document/root-causes.js';
import type { KpiReport } from '../../src/core/kpi/get-kpis.js';
import { reportCard } from '../../src/core/reports/views/report-card.js';
import { slackLimitViolations } from '../support/slack-limits.js';

const base = kpisFromStats(emptyStats(), 0);
const dur = (median: number) => ({ ...base.firstResponseMinutes, median, mean: median, p90: median * 2, count: 900 });
const k = (scale: number): Kpis => ({
  ...base,
  volume: Math.round(4000 * scale), resolved: Math.round(3600 * scale), backlog: Math.round(400 * scale),
  firstResponseMinutes: dur(30 / scale), resolutionMinutes: dur(600 / scale), slaCompliance: 0.7 * scale, fcrRate: 0.6 * scale, reopenRate: 0.1 / scale,
  csat: { score: 0.7 * scale, mean: 3.8, responses: 900, distribution: [50, 100, 150, 300, 300] },
  nps: { score: 20 * scale, promoters: 300, passives: 200, detractors: 100, responses: 600, distribution: Array.from({ length: 11 }, () => 50) },
  surveyResponseRate: 0.25,
});
const ranked = (label: string, i: number): Ranked => ({ label, cases: 100 - i, reopened: i, reopenRate: i / 100, latest: [] });

function busy(locale: Locale): DocumentData {
  const report: KpiReport = {
    period: { start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z', readEnd: '2026-11-30T00:00:00.000Z', label: 'Last week (Nov 23 – 29, 2026)', timezone: 'America/Sao_Paulo', toDate: false },
    previousPeriod: { start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z', label: 'Nov 16 – 22, 2026', compare: 'previous' },
    current: k(0.8), previous: k(1.1),
    targets: { 'csat.score': { op: '>=', value: 0.95 }, 'firstResponseMinutes.median': { op: '<=', value: 5 }, slaCompliance: { op: '>=', value: 0.99 }, fcrRate: { op: '>=', value: 0.9 }, reopenRate: { op: '<=', value: 0.01 }, 'nps.score': { op: '>=', value: 70 } },
  };
  const groups = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}-${i}-with-a-rather-long-descriptive-name`, { ...k(0.05 + i / 100), slaCompliance: 0.5 }]));
  const long = 'The agent took a long time to answer and then asked me for the same details again. '.repeat(12);
  return {
    report, team: 'Busy Care', locale, filters: {},
    byCategory: groups('category', 40), byChannel: groups('channel', 12),
    comments: Array.from({ length: 5 }, (_, i) => ({ externalId: `s${i}`, source: 'api', type: 'csat', score: 2, respondedAt: new Date('2026-11-20T12:00:00Z'), comment: long, dims: {} }) as unknown as DocumentData['comments'][number]),
    done: Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, tenantId: 'TA', platform: 'slack', channelId: 'C1', text: `Follow up with the carrier about delayed parcels in region ${i} ${long.slice(0, 120)}`, ownerId: 'U1', dueDate: '2026-11-20', status: 'done', createdBy: 'U2', createdAt: new Date('2026-11-18T12:00:00Z') })),
    open: Array.from({ length: 10 }, (_, i) => ({ source: 'api', externalId: `ticket-${i}-000000`, createdAt: new Date('2026-10-01T00:00:00Z'), channel: 'email', priority: 'high', status: 'open' })),
    causes: {
      withFields: 2000,
      causes: Array.from({ length: 20 }, (_, i) => ranked(`Root cause number ${i} described at length`, i)),
      problems: Array.from({ length: 20 }, (_, i) => ranked(`Problem ${i}`, i)),
      products: Array.from({ length: 20 }, (_, i) => ranked(`Brand Model ${i}`, i)),
      byReopen: Array.from({ length: 5 }, (_, i) => ranked(`Root cause number ${i} described at length`, i + 1)),
      recurring: { cases: 120, customers: 80, top: [ranked('Problem 1', 1)] },
    },
    notes: [], chart: null, now: new Date('2026-12-01T09:00:00Z'),
  };
}

const CHART = `https://quickchart.io/chart?c=${'x'.repeat(2900)}`;

describe('a busy tenant\'s chat report within the platforms\' limits', () => {
  for (const locale of ['en', 'pt-BR'] as const) {
    it(`Slack and Teams (${locale})`, () => {
      const open = busy(locale).done.map((a, i) => ({ ...a, status: 'open' as const, dueDate: `2026-12-${String(1 + (i % 20)).padStart(2, '0')}` })).slice(0, 12);
      const card = reportCard({ data: busy(locale), chartUrl: CHART, actions: open, today: '2026-12-02', lateFor: new Date('2026-12-01T08:00:00Z') });
      const slack = cardToBlocks(card);
      expect(slackLimitViolations(slack)).toEqual([]);
      const headings = ['summary', 'deliveries', 'metrics', 'analysis', 'feedback', 'opportunities', 'recommendations'].map((id) => t(locale, `document.section.${id}`));
      const slackText = JSON.stringify(slack.blocks);
      for (const h of headings) expect(slackText).toContain(`*${h}*`);
      // "… and N more": 40 categories shown as three, many challenges as three
      expect(slackText).toContain(t(locale, 'actions.more', { n: 37 }));
      const teams = JSON.stringify(cardToAdaptive(card));
      const bytes = Buffer.byteLength(teams);
      expect(bytes).toBeLessThan(MAX_CARD_BYTES);
      // nothing dropped for size: every section's block is there
      for (const h of headings) expect(teams).toContain(JSON.stringify(h));
      expect(teams).toContain(t(locale, 'actions.more', { n: 37 }));
      // twelve open actions: five shown (the overdue one marked), seven counted
      expect(teams).toContain(t(locale, 'actions.more', { n: 7 }));
      const lines = [...teams.matchAll(/"type":"TextBlock","text":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]!}"`) as string);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(320);
      if (process.env['REPORT_CARD_SIZES'] === '1') process.stdout.write(`${locale}: slack ${slack.blocks.length} blocks, ${slackText.length} chars of blocks, longest block ${Math.max(...slack.blocks.map((b) => JSON.stringify(b).length))}; teams ${bytes} bytes, ${lines.length} TextBlocks\n`);
    });
  }
});
