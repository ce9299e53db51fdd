import cron from 'node-cron';
import { refreshLiveCards, type RefreshDeps } from '../../core/kpi/refresh-live-cards.js';
import { sendDueSurveys, type SurveyDeps } from '../../core/surveys/send-survey.js';
import type { Logger } from '../observability/logger.js';
import { sweepSentCounts } from '../../core/surveys/sent-counts.js';
import { runMeetingJobs } from '../../core/meetings/meeting-jobs.js';
import { applyRetention } from '../../core/ingest/apply-retention.js';
import type { RetentionStore } from '../../core/ports/privacy.js';
import { runDueReports, type ReportRunDeps } from '../../core/reports/report-runs.js';
import type { MeetingDeps } from '../../core/meetings/run-meeting.js';
import { runKpiAlerts, type KpiAlertDeps } from '../../core/alerts/kpi-alerts.js';

/**
 * Every minute: refresh the live KPI cards that are due and send the automatic surveys that are
 * due. Each card and survey is claimed first, so with several instances each happens once.
 */
export function startMinuteJobs(deps: RefreshDeps & SurveyDeps & MeetingDeps & ReportRunDeps & KpiAlertDeps & { retention: RetentionStore }, logger: Logger, now: () => Date = () => new Date()) {
  // jobs in progress, tracked here rather than through node-cron's state (which only marks scheduled runs)
  const running = new Set<Promise<void>>();
  let stopping = false;
  const every = (name: string, job: () => Promise<number>, done: string, pattern = '* * * * *') =>
    cron.schedule(
      pattern,
      () => {
        if (stopping) return;
        const run = (async () => {
          try {
            const n = await job();
            if (n > 0) logger.info({ count: n }, done);
          } catch (err) {
            logger.warn({ err: (err as Error).message }, `${name} could not run`);
          }
        })();
        running.add(run);
        void run.finally(() => running.delete(run));
        return run;
      },
      { noOverlap: true, name },
    );
  const tasks = [
    every(
      'retention',
      async () => {
        const r = await applyRetention(deps.retention, now());
        return r.interactions + r.comments;
      },
      'raw data past retention removed',
      '17 * * * *',
    ),
    every('live-kpi-cards', () => refreshLiveCards(deps, now(), (err) => logger.warn({ err: (err as Error).message }, 'live card refresh failed')), 'live cards refreshed'),
    every('due-surveys', () => sendDueSurveys(deps, (s, err) => logger.warn({ err: (err as Error).message, tenantId: s.tenantId, surveyId: s.id }, 'automatic survey failed')), 'automatic surveys sent'),
    every('survey-sent-counts', () => sweepSentCounts(deps, now(), (err) => logger.warn({ err: (err as Error).message }, 'survey sent count could not be finished')), 'survey sent counts finished'),
    every(
      'report-schedules',
      async () => {
        const c = await runDueReports(deps, now(), (err) => logger.warn({ err: (err as Error).message }, 'report run failed'));
        if (c.failed + c.skipped > 0) logger.warn({ ...c }, 'report runs failed or skipped');
        return c.posted;
      },
      'reports posted',
    ),
    every(
      'kpi-alerts',
      async () => {
        const c = await runKpiAlerts(deps, now(), (err) => logger.warn({ err: (err as Error).message }, 'kpi alert check failed'));
        if (c.failed > 0) logger.warn({ ...c }, 'kpi alert posts given up');
        return c.fired + c.recovered;
      },
      'kpi alerts posted',
    ),
    every(
      'meetings-and-actions',
      async () => {
        const c = await runMeetingJobs(deps, now(), (err) => logger.warn({ err: (err as Error).message }, 'meeting job step failed'));
        return c.reminders + c.nudges + c.actionReminders + c.escalations;
      },
      'meeting reminders, nudges and action reminders sent',
    ),
  ];
  return {
    /** No job starts after this; resolves once the jobs running now have finished (or after timeoutMs). */
    async stop(timeoutMs = 10_000) {
      stopping = true;
      for (const t of tasks) t.stop();
      const waitedFor = running.size;
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = await Promise.race([Promise.all(running).then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
      clearTimeout(timer);
      if (gaveUp) logger.warn({ timeoutMs }, 'scheduled jobs still running at shutdown');
      else logger.info({ waitedFor }, 'scheduled jobs stopped');
    },
  };
}
