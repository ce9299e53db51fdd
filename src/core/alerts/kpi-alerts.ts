import { alertCardArgs, measureAlert } from './measure.js';
import { withTargetLine } from './target-line.js';
import { mapLimit } from '../concurrency.js';
import { ALERT_CHECK_MINUTES, ALERT_MAX_ATTEMPTS, type AlertOutbox, type KpiAlert } from '../domain/kpi-alert.js';
import { PlatformError } from '../errors.js';
import type { KpiAlertStore } from '../ports/kpi-alerts.js';
import { chartUrlLimitOf, commandPrefixOf, postingPlatform, type ChatPlatforms } from '../ports/chat-platform.js';
import type { Card } from '../cards/card.js';
import { breaches, describeAlert, firedCard, recoveredCard } from './views/kpi-alert-card.js';
import { t } from '../i18n/index.js';
import { deliveryFailedCard, notifyOwner } from '../cards/delivery-failure.js';
import { showKpiCard, type ShowKpiDeps } from '../kpi/index.js';

export interface KpiAlertDeps extends ShowKpiDeps {
  kpiAlerts: KpiAlertStore;
  platforms: ChatPlatforms;
  /** minutes between two checks of an alert (default ALERT_CHECK_MINUTES) */
  alertCheckMinutes?: number;
}

export interface AlertCounts {
  checked: number;
  fired: number;
  recovered: number;
  suppressed: number;
  retrying: number;
  failed: number;
}
type Outcome = Exclude<keyof AlertCounts, 'checked'> | 'quiet';

const MINUTE = 60_000;
/** conversations where trying again cannot help: the post is given up at once */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'not_installed', 'no_conversation_reference', 'http_403', 'http_404', 'missing_scope', 'not_configured']);

/**
 * One pass of the alert evaluator (every minute on every instance). An alert is checked every
 * few minutes: each check is claimed with a compare-and-set on the alert's version, and so is
 * each change of state (ok → breached → ok), so whichever instances run, one of them makes a
 * change and only that one posts. A breach posts the KPI card once; another breach posts only
 * after the grace period (before it, the alert stays quiet and records that it held one back);
 * the return within the threshold posts "back to normal" once. A post that failed stays in the
 * alert's outbox and is retried at later checks with backoff (Retry-After honoured).
 */
export async function runKpiAlerts(deps: KpiAlertDeps, now: Date, onError: (e: unknown) => void = () => undefined): Promise<AlertCounts> {
  const counts: AlertCounts = { checked: 0, fired: 0, recovered: 0, suppressed: 0, retrying: 0, failed: 0 };
  const interval = (deps.alertCheckMinutes ?? ALERT_CHECK_MINUTES) * MINUTE;
  const due: KpiAlert[] = [];
  for (const tenantId of await deps.kpiAlerts.tenants()) due.push(...(await deps.kpiAlerts.due(tenantId, now, 500)));
  await mapLimit(due, 8, async (a) => {
    try {
      // the next check is also the lease: if this instance dies mid-check, another takes it then
      if (!(await deps.kpiAlerts.claim(a.tenantId, a.id, a.version, now, new Date(now.getTime() + interval)))) return;
      counts.checked++;
      const outcome = await check(deps, { ...a, version: a.version + 1 }, now);
      if (outcome !== 'quiet') counts[outcome]++;
    } catch (e) {
      onError(e);
    }
  });
  return counts;
}

async function check(deps: KpiAlertDeps, given: KpiAlert, now: Date): Promise<Outcome> {
  if (given.outbox) return deliver(deps, given, given.outbox, now);
  // an alert that follows a target takes it again (a changed target counts at once); none: no verdict
  const a = await withTargetLine(deps.targets, given.tenantId, given);
  if (!a) {
    await deps.kpiAlerts.transition(given.tenantId, given.id, given.version, { lastCheckedAt: now });
    return 'quiet';
  }
  const m = await measureAlert(deps, a, now);
  const line = a.followsTarget && (a.op !== given.op || a.threshold !== given.threshold) ? { op: a.op, threshold: a.threshold } : {};
  const seen = { lastCheckedAt: now, ...line, ...(m.value === null ? {} : { lastValue: m.value }) };
  // no data, or too little of it: no verdict, no change
  if (m.value === null || m.sample < a.minSample) {
    await deps.kpiAlerts.transition(a.tenantId, a.id, a.version, seen);
    return 'quiet';
  }
  const breached = breaches(a.op, m.value, a.threshold);
  if (a.state === 'ok' && breached) {
    const graceEnds = a.lastFiredAt ? a.lastFiredAt.getTime() + a.graceMinutes * MINUTE : 0;
    if (now.getTime() < graceEnds) return (await deps.kpiAlerts.transition(a.tenantId, a.id, a.version, { ...seen, suppressedAt: now })) ? 'suppressed' : 'quiet';
    const outbox: AlertOutbox = { kind: 'fire', value: m.value, key: `fire:${now.toISOString()}`, attempts: 0 };
    const set = { ...seen, state: 'breached' as const, firedAt: now, lastFiredAt: now, breachValue: m.value, outbox };
    if (!(await deps.kpiAlerts.transition(a.tenantId, a.id, a.version, set))) return 'quiet';
    return deliver(deps, { ...a, ...set, version: a.version + 1 }, outbox, now);
  }
  if (a.state === 'breached' && !breached) {
    const outbox: AlertOutbox = { kind: 'recover', value: m.value, key: `recover:${now.toISOString()}`, attempts: 0 };
    const set = { ...seen, state: 'ok' as const, recoveredAt: now, outbox };
    if (!(await deps.kpiAlerts.transition(a.tenantId, a.id, a.version, set))) return 'quiet';
    return deliver(deps, { ...a, ...set, version: a.version + 1 }, outbox, now);
  }
  await deps.kpiAlerts.transition(a.tenantId, a.id, a.version, seen);
  return 'quiet';
}

async function cardFor(deps: KpiAlertDeps, a: KpiAlert, outbox: AlertOutbox, now: Date): Promise<Card> {
  if (outbox.kind === 'recover') return recoveredCard(a, outbox.value, (await deps.tenants.get(a.tenantId)).timezone, commandPrefixOf(deps.platforms, a.platform));
  const viewer = { tenantId: a.tenantId, userId: a.ownerId, locale: a.locale, isSupervisor: true };
  const card = await showKpiCard(deps, { viewer, args: alertCardArgs(a), now, chartUrlLimit: chartUrlLimitOf(deps.platforms, a.platform) });
  return firedCard(a, outbox.value, card, commandPrefixOf(deps.platforms, a.platform));
}

/** how far back a retried alert card is looked for (its retries end well within it) */
const ALERT_LOOKBACK_MS = 6 * 3_600_000;

async function deliver(deps: KpiAlertDeps, a: KpiAlert, outbox: AlertOutbox, now: Date): Promise<Outcome> {
  try {
    const chat = postingPlatform(deps.platforms, a.platform);
    if (!chat) throw new PlatformError('not_configured');
    // the key is the transition's: a retry after an unknown outcome finds the card instead of posting it again
    await chat.post(a.tenantId, { channelId: a.channelId }, await cardFor(deps, a, outbox, now), { key: `alert:${outbox.key}`, since: new Date(now.getTime() - ALERT_LOOKBACK_MS), checkFirst: outbox.attempts > 0 });
    await deps.kpiAlerts.delivered(a.tenantId, a.id, outbox.key);
    return outbox.kind === 'fire' ? 'fired' : 'recovered';
  } catch (e) {
    const code = e instanceof PlatformError ? e.platformCode : ((e as Error).message ?? 'unknown').slice(0, 200);
    const attempts = outbox.attempts + 1;
    if (PERMANENT.has(code) || attempts >= ALERT_MAX_ATTEMPTS) {
      // given up: the error stays on the alert (shown by list) and its owner is told
      await deps.kpiAlerts.deliveryFailed(a.tenantId, a.id, outbox, code);
      const zone = (await deps.tenants.get(a.tenantId)).timezone;
      const stop = `${commandPrefixOf(deps.platforms, a.platform)}kpi alert pause ${a.id}`;
      await notifyOwner(deps, a.platform, a.tenantId, a.ownerId, deliveryFailedCard({ what: t(a.locale, 'delivery.what_alert', { text: describeAlert(a, a.locale) }), at: now, timezone: zone, code, stop }, a.locale), { key: `alert-failed:${outbox.key}`, since: now });
      return 'failed';
    }
    const retryAfter = e instanceof PlatformError && e.retryAfterSeconds ? e.retryAfterSeconds * 1000 : 0;
    const backoff = Math.max(retryAfter, MINUTE * 2 ** (attempts - 1));
    await deps.kpiAlerts.deliveryFailed(a.tenantId, a.id, outbox, code, new Date(now.getTime() + backoff));
    return 'retrying';
  }
}
