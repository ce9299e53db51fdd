/**
 * Contract, scenarios 4 and 5: `report now` posts the report with its CSV annex (Slack: a file in
 * the message's thread; Teams: a signed link), and a scheduled post whose first answer was lost
 * is looked for, not repeated — where the platform can look (Teams cannot: it posts again). The
 * console reads reports (preview) but refuses to post or schedule, localized.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { runDueReports } from '../../src/core/reports/report-runs.js';
import { drivers } from './drivers/index.js';
import { textOf, type ChatMsg } from './normalise.js';
import { seedInteractions } from './seed.js';

const START = new Date('2026-11-25T15:00:00Z');
let clock = START;
const CSV_HEADER = 'date,volume,resolved,frt_median_min';
const isReport = (m: ChatMsg) => /^📊 (Report|Relatório) · /.test(m.title);

describe.each(drivers())('Reports on $name', (d) => {
  beforeAll(async () => {
    clock = START;
    await d.start(() => clock);
    await seedInteractions(d, clock, 12, 'rp');
  });
  afterAll(() => d.stop());

  const tick = (at: Date) => runDueReports(d.service().bot, (clock = at), (e) => {
    throw e;
  });

  for (const locale of ['en', 'pt-BR'] as const) {
    it(`"report now" posts the report with its CSV annex (${locale})`, async () => {
      d.clear();
      const answer = await d.command('report now', { locale });
      if (!d.caps.proactive) {
        expect(answer.kind).toBe('ephemeral');
        expect(textOf(answer)).toBe(t(locale, 'survey.platform_not_configured', { platform: 'console' }));
        // reading works from a terminal: the preview has the whole report
        const preview = await d.command('report preview last week', { locale });
        expect(isReport(preview)).toBe(true);
        expect(textOf(preview)).toContain(t(locale, 'document.section.summary'));
        return;
      }
      expect(textOf(answer)).toContain(t(locale, 'report.posted'));
      const posts = d.recorded().filter((m) => m.kind === 'post' && isReport(m));
      expect(posts).toHaveLength(1);
      const post = posts[0]!;
      expect(post.conversation).toBe(d.conversation);
      expect(textOf(post)).toContain(t(locale, 'document.section.summary'));
      expect((await d.annexCsv(post)).split('\n')[0]).toMatch(new RegExp(`^${CSV_HEADER}`));
      if (d.caps.annex === 'file') expect(d.recorded().filter((m) => m.kind === 'file')).toMatchObject([{ conversation: d.conversation, id: post.id }]);
      if (d.caps.annex === 'link') expect(post.actions.some((a) => /\/files\/report\.csv\?token=/.test(a.url ?? ''))).toBe(true);
    });
  }

  it('a scheduled post whose answer was lost is found, not repeated (Teams cannot look: posted again)', async () => {
    clock = START;
    const made = await d.command('report schedule daily 10:00 yesterday', { locale: 'en' });
    if (!d.caps.proactive) {
      expect(textOf(made)).toBe(t('en', 'survey.platform_not_configured', { platform: 'console' }));
      expect(await d.service().models.reportSchedules.countDocuments({ tenantId: d.tenant })).toBe(0);
      return;
    }
    const id = /Id ([a-f0-9]{24})/.exec(textOf(made))?.[1];
    expect(id, textOf(made)).toBeDefined();
    d.clear();
    d.loseNextAnswer(d.conversation);
    // 10:00 in the tenant's zone (America/Sao_Paulo) is 13:00 UTC
    const first = await tick(new Date('2026-11-26T13:00:10Z'));
    const reports = () => d.recorded().filter((m) => m.kind === 'post' && isReport(m) && m.conversation === d.conversation);
    if (d.caps.findsLostPost) {
      expect(first).toMatchObject({ posted: 1, retrying: 0 });
      expect(reports()).toHaveLength(1);
    } else {
      // the Bot Connector answered 500 although the post went through; the run is tried again
      expect(first).toMatchObject({ posted: 0, retrying: 1 });
      expect(await tick(new Date('2026-11-26T13:01:30Z'))).toMatchObject({ posted: 1 });
      expect(reports()).toHaveLength(2);
    }
    expect(await tick(new Date('2026-11-26T13:10:00Z'))).toMatchObject({ posted: 0, retrying: 0 });
    const runs = await d.service().models.reportRuns.find({ tenantId: d.tenant, scheduleId: id }).lean();
    expect(runs).toMatchObject([{ status: 'posted', attempts: d.caps.findsLostPost ? 1 : 2, messageId: reports().at(-1)!.id }]);
  }, 30_000);
});
