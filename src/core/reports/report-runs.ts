import { REPORT_GRACE_HOURS, REPORT_MAX_ATTEMPTS, type ReportRun, type ReportSchedule } from '../domain/report.js';
import { PlatformError } from '../errors.js';
import { mapLimit } from '../concurrency.js';
import { chartUrlLimitOf, commandPrefixOf, postingPlatform, type ChatPlatforms, type PostOnce } from '../ports/chat-platform.js';
import type { ReportRunStore, ReportScheduleStore } from '../ports/reports.js';
import { fireTimesBetween, nextFire } from './schedule.js';
import { buildReport, type BuiltReport } from './build-report.js';
import type { AnnexLinks } from '../ports/annex.js';
import { t } from '../i18n/index.js';
import type { Card } from '../cards/card.js';
import type { WebhookSender } from '../ports/webhooks.js';
import { deliveryFailedCard, notifyOwner } from '../cards/delivery-failure.js';
import { documentLink, uploadDocument, type DocumentDeliveryDeps } from './report-document.js';

export const REPORT_ACTIONS = { retry: 'report.retry' } as const;

export interface ReportRunDeps extends DocumentDeliveryDeps {
  schedules: ReportScheduleStore;
  runs: ReportRunStore;
  platforms: ChatPlatforms;
  /** runs posted at once (one slow channel never holds the others) */
  reportConcurrency?: number;
  /** where platforms without files link to the CSV annex */
  annexLinks?: AnnexLinks;
  /** schedules that deliver to another tool */
  webhooks?: WebhookSender;
  logger?: { warn(fields: object, message: string): void };
  /** the clock a run's lease is measured by */
  now: () => Date;
  /** how often a run in progress moves its lease on */
  leaseRenewMs?: number;
}

export interface RunCounts {
  posted: number;
  skipped: number;
  failed: number;
  retrying: number;
}

const LEASE_MS = 5 * 60_000;
const RENEW_MS = 60_000;
const LATE_MS = 2 * 60_000;
/** channels where trying again cannot help: recorded as failed at once */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'not_installed', 'no_conversation_reference', 'missing_scope',
  'http_400', 'http_401', 'http_403', 'http_404', 'http_410', 'webhook_not_https', 'webhook_private_address', 'webhook_bad_url',
]);

/**
 * One scheduler pass (every minute on every instance). Each fire time of each schedule
 * becomes one run with a unique key, so it is posted exactly once whichever instances take
 * part; fire times missed while all were down are posted late within the grace window and
 * recorded as skipped beyond it; a run whose instance died is taken over when its lease ends;
 * failures are retried with exponential backoff (Retry-After when the platform gives one).
 */
export async function runDueReports(deps: ReportRunDeps, now: Date, onError: (e: unknown) => void = () => undefined): Promise<RunCounts> {
  const counts: RunCounts = { posted: 0, skipped: 0, failed: 0, retrying: 0 };
  const reports = new Map<string, Promise<BuiltReport>>();
  const work: { run: ReportRun; schedule: ReportSchedule }[] = [];
  const tenants = new Set([...(await deps.schedules.tenants()), ...(await deps.runs.tenants())]);
  for (const tenantId of tenants) {
    for (const s of await deps.schedules.due(tenantId, now)) {
      for (const fireAt of fireTimesBetween(s.cron, s.timezone, s.checkedUntil, now)) {
        const tooOld = now.getTime() - fireAt.getTime() > REPORT_GRACE_HOURS * 3_600_000;
        const base = { tenantId, scheduleId: s.id, fireAt, late: now.getTime() - fireAt.getTime() > LATE_MS, startedAt: now };
        const run = await deps.runs.claim(tooOld ? { ...base, status: 'skipped', attempts: 0, finishedAt: now } : { ...base, status: 'running', attempts: 1, leaseUntil: new Date(now.getTime() + LEASE_MS) });
        if (run?.status === 'skipped') counts.skipped++;
        else if (run) work.push({ run, schedule: s });
      }
      // runs first, then the schedule: an instance dying in between leaves nothing unclaimed
      await deps.schedules.advance(tenantId, s.id, s.checkedUntil, now, nextFire(s.cron, s.timezone, now));
    }
    for (const run of await deps.runs.reclaimable(tenantId, now)) {
      const schedule = await deps.schedules.get(tenantId, run.scheduleId);
      if (!schedule) {
        await deps.runs.finish(tenantId, run.id, { status: 'failed', error: 'schedule_removed', finishedAt: now });
        continue;
      }
      if (await deps.runs.reclaim(tenantId, run.id, run.attempts, now, new Date(now.getTime() + LEASE_MS))) work.push({ run: { ...run, attempts: run.attempts + 1 }, schedule });
    }
  }
  await mapLimit(work, deps.reportConcurrency ?? 16, async ({ run, schedule }) => {
    try {
      counts[(await deliver(deps, run, schedule, now, reports)).status]++;
    } catch (e) {
      onError(e);
    }
  });
  return counts;
}

type Outcome = { status: keyof RunCounts; code?: string };

/**
 * Keeps a run's lease while it is being delivered, so a slow instance (a long Retry-After, a
 * large fan-out) is not taken for a dead one and its run posted a second time elsewhere.
 */
function holdLease(deps: ReportRunDeps, run: ReportRun): () => void {
  const timer = setInterval(() => {
    deps.runs.renew(run.tenantId, run.id, run.attempts, new Date(deps.now().getTime() + LEASE_MS)).catch(() => undefined);
  }, deps.leaseRenewMs ?? RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function deliver(deps: ReportRunDeps, run: ReportRun, s: ReportSchedule, now: Date, reports: Map<string, Promise<BuiltReport>>, notify = true): Promise<Outcome> {
  const release = holdLease(deps, run);
  try {
    return await attempt(deps, run, s, now, reports, notify);
  } finally {
    release();
  }
}

async function attempt(deps: ReportRunDeps, run: ReportRun, s: ReportSchedule, now: Date, reports: Map<string, Promise<BuiltReport>>, notify: boolean): Promise<Outcome> {
  // one report per tenant, query, language, lateness and chart size in a pass (a fan-out builds it once)
  const chartUrlLimit = chartUrlLimitOf(deps.platforms, s.platform);
  const key = `${s.tenantId}|${s.query}|${s.locale}|${run.late ? run.fireAt.getTime() : ''}|${chartUrlLimit}`;
  if (!reports.has(key)) reports.set(key, buildReport(deps, { tenantId: s.tenantId, query: s.query, locale: s.locale, now, chartUrlLimit, ...(run.late ? { lateFor: run.fireAt } : {}) }));
  try {
    const built = await reports.get(key)!;
    let messageId: string;
    if (s.webhook) {
      if (!deps.webhooks) throw new PlatformError('not_configured');
      if (s.webhook.unreadable) throw new PlatformError(s.webhook.unreadable);
      // the run id is the delivery id: a retried delivery carries the same one
      const payload = { type: 'cs-ops.report', deliveryId: run.id, schedule: { id: s.id, label: s.label, query: s.query, conversation: s.channelId }, fireAt: run.fireAt, late: run.late, locale: s.locale, report: built.data };
      await deps.webhooks.send(s.webhook.url, payload, { secret: s.webhook.secret, deliveryId: run.id, now });
      messageId = 'webhook';
    } else {
      // keyed by the run: a retry after an unknown outcome (timeout, 5xx) finds the report instead of posting it again
      messageId = (await postWithAnnex(deps, s, built, now, { key: `report:${run.id}`, since: run.fireAt, checkFirst: run.attempts > 1 })).messageId;
    }
    await deps.runs.finish(s.tenantId, run.id, { status: 'posted', messageId, finishedAt: deps.now() });
    return { status: 'posted' };
  } catch (e) {
    const code = e instanceof PlatformError ? e.platformCode : ((e as Error).message ?? 'unknown').slice(0, 200);
    if (PERMANENT.has(code) || run.attempts >= REPORT_MAX_ATTEMPTS) {
      await deps.runs.finish(s.tenantId, run.id, { status: 'failed', error: code, finishedAt: deps.now() });
      if (notify) await notifyOwner(deps, s.platform, s.tenantId, s.ownerId, failedCard(run, s, code, commandPrefixOf(deps.platforms, s.platform)), { key: `report-failed:${run.id}`, since: now });
      return { status: 'failed', code };
    }
    const retryAfter = e instanceof PlatformError && e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : 0;
    const backoff = Math.max(retryAfter, 60_000 * 2 ** (run.attempts - 1));
    await deps.runs.finish(s.tenantId, run.id, { status: 'retrying', error: code, nextAttemptAt: new Date(now.getTime() + backoff) });
    return { status: 'retrying', code };
  }
}

function failedCard(run: ReportRun, s: ReportSchedule, code: string, slash: string): Card {
  return deliveryFailedCard(
    {
      what: t(s.locale, s.webhook ? 'report.what_webhook' : 'report.what', { label: s.label, query: s.query, host: s.webhook ? new URL(s.webhook.url).host : '' }),
      at: run.fireAt,
      timezone: s.timezone,
      code,
      retry: { id: REPORT_ACTIONS.retry, value: JSON.stringify({ r: run.id }) },
      stop: `${slash}report pause ${s.id}`,
    },
    s.locale,
  );
}

/**
 * "Retry now" from the owner's message: the failed run is taken back (once, whoever clicks)
 * and delivered at once; a new failure is answered, not messaged again.
 */
export async function retryFailedRun(deps: ReportRunDeps, tenantId: string, runId: string, now: Date): Promise<{ outcome: Outcome | 'not_failed'; schedule: ReportSchedule | null }> {
  const run = await deps.runs.get(tenantId, runId);
  const schedule = run ? await deps.schedules.get(tenantId, run.scheduleId) : null;
  if (!run || !schedule) return { outcome: 'not_failed', schedule };
  if (!(await deps.runs.retry(tenantId, run.id, now, new Date(now.getTime() + LEASE_MS)))) return { outcome: 'not_failed', schedule };
  return { outcome: await deliver(deps, { ...run, status: 'running', attempts: 1 }, schedule, now, new Map(), false), schedule };
}

/**
 * Posts the report and its CSV annex (and the report document when the schedule asks): as files
 * in the message's thread where the platform takes files (Slack), else as signed, expiring links
 * inside the card (Teams).
 */
export async function postWithAnnex(deps: ReportRunDeps, s: Pick<ReportSchedule, 'tenantId' | 'platform' | 'channelId' | 'query' | 'locale' | 'timezone' | 'document'>, built: BuiltReport, now: Date, once?: PostOnce) {
  const chat = postingPlatform(deps.platforms, s.platform);
  if (!chat) throw new PlatformError('not_configured');
  const links = chat.attach ? [] : [
    ...[deps.annexLinks?.urlFor({ tenantId: s.tenantId, query: s.query, locale: s.locale, asOf: now })].flatMap((url) => (url ? [{ label: t(s.locale, 'report.annex'), url }] : [])),
    ...(s.document ? [documentLink(deps, s, now, s.timezone)?.link].flatMap((l) => (l ? [l] : [])) : []),
  ];
  const card: Card = links.length ? { ...built.card, elements: [...built.card.elements, { type: 'links', links }] } : built.card;
  const at = await chat.post(s.tenantId, { channelId: s.channelId }, card, once);
  if (chat.attach) {
    // the report is out; a missing file is logged, not retried (that would post the report twice)
    const warn = (what: string) => (e: unknown) => deps.logger?.warn({ err: (e as Error).message, tenantId: s.tenantId }, `report ${what} could not be attached`);
    await chat.attach(s.tenantId, at, { name: `report-${now.toISOString().slice(0, 10)}.csv`, title: t(s.locale, 'report.annex'), content: built.csv }).catch(warn('annex'));
    if (s.document) await uploadDocument(deps, { ...s, platform: s.platform }, now, at).catch(warn('document'));
  }
  return at;
}
