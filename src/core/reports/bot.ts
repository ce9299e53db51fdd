import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { nextFire, parseReportCommand, shortestGapMinutes, type ScheduleSpec } from './schedule.js';
import type { ReportSchedule } from '../domain/report.js';
import { parseActionValue } from '../cards/action-value.js';
import type { ActionRef } from '../cards/card.js';
import { failureReason } from '../cards/delivery-failure.js';
import { retryFailedRun } from './report-runs.js';
import { buildReport } from './build-report.js';
import { postWithAnnex, type ReportRunDeps } from './report-runs.js';
import { documentLinkCard, sendsDocumentFile, uploadDocument } from './report-document.js';
import { mention, type Card } from '../cards/card.js';
import type { BotContext, BotReply } from '../chat/types.js';
import { isPostingContext, postingPlatformOf } from '../chat/posting.js';

export interface ReportBotDeps extends ReportRunDeps {
  /** REPORT_MIN_INTERVAL_MINUTES */
  reportMinIntervalMinutes: number;
}

const notice = (text: string, tone: 'good' | 'bad' | 'neutral' = 'good'): BotReply => ({ kind: 'notice', notice: { text, tone } });

/** `report schedule | edit | pause | resume | list | remove | now | preview | history`. */
export async function reportCommand(deps: ReportBotDeps, ctx: BotContext, text: string, chartUrlLimit: number): Promise<BotReply> {
  const intent = parseReportCommand(text);
  const s = ctx.chat.commandPrefix;
  const tenant = await deps.tenants.get(ctx.tenantId);
  const fmt = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).setLocale(ctx.locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });
  if (intent.kind === 'usage') return notice(t(ctx.locale, 'report.usage', { s }), 'neutral');
  if (intent.kind !== 'list' && intent.kind !== 'history' && !ctx.isSupervisor) throw new ForbiddenError('report.forbidden');
  // reading works from anywhere (the CLI); scheduling and posting need a chat platform
  const chat = isPostingContext(ctx) ? ctx.platform : null;
  const needsChat = () => postingPlatformOf(ctx);
  const platform = chat ? deps.platforms[chat] : undefined;
  /** schedules belong to their conversation: any supervisor there may change a colleague's */
  const ownSchedule = async (id: string): Promise<ReportSchedule> => {
    const found = await deps.schedules.get(ctx.tenantId, id);
    if (!found || found.channelId !== ctx.channelId) throw new NotFoundError('report.not_found');
    return found;
  };
  const checkSpec = async (spec: ScheduleSpec, existing: ReportSchedule | null) => {
    const timezone = spec.timezone ?? existing?.timezone ?? tenant.timezone;
    const gap = shortestGapMinutes(spec.cron, timezone, ctx.now);
    if (gap < deps.reportMinIntervalMinutes) throw new ValidationError('report.too_frequent', { gap: Math.round(gap), min: deps.reportMinIntervalMinutes });
    if (spec.webhook) {
      const refusal = deps.webhooks ? await deps.webhooks.refusal(spec.webhook) : 'not_configured';
      if (refusal) throw new ValidationError('report.webhook_refused', { code: refusal });
    } else {
      const problem = platform?.canPost ? await platform.canPost(ctx.tenantId, ctx.channelId) : null;
      if (problem) throw new ValidationError('report.cannot_post', { code: problem });
    }
    return { cron: spec.cron, timezone };
  };
  switch (intent.kind) {
    case 'schedule':
    case 'edit': {
      const platform = needsChat();
      const existing = intent.kind === 'edit' ? await ownSchedule(intent.id) : null;
      const spec = await checkSpec(intent, existing);
      const next = nextFire(spec.cron, spec.timezone, ctx.now);
      const webhook = intent.webhook ? { url: intent.webhook, secret: existing?.webhook?.url === intent.webhook && !existing.webhook.unreadable ? existing.webhook.secret : randomBytes(24).toString('hex') } : undefined;
      const definition = { cron: spec.cron, timezone: spec.timezone, label: intent.label, query: intent.query, document: intent.document === true, checkedUntil: ctx.now, nextFireAt: next, ...(webhook ? { webhook } : {}) };
      let id: string;
      if (existing) {
        await deps.schedules.update(ctx.tenantId, existing.id, definition, webhook ? undefined : 'webhook');
        id = existing.id;
      } else {
        id = (await deps.schedules.create({ tenantId: ctx.tenantId, platform, channelId: ctx.channelId, locale: ctx.locale, ownerId: ctx.userId, paused: false, createdAt: ctx.now, ...definition })).id;
      }
      const done = t(ctx.locale, existing ? 'report.edited' : 'report.scheduled', { label: intent.label, timezone: spec.timezone, query: intent.query, next: fmt(next, spec.timezone), id }) + (intent.document ? ` ${t(ctx.locale, 'report.document.scheduled')}` : '');
      // the secret is shown once, only to the person who set it up (an ephemeral answer)
      const secret = webhook && webhook.secret !== existing?.webhook?.secret ? `\n${t(ctx.locale, 'report.webhook_secret', { host: new URL(webhook.url).host, secret: webhook.secret })}` : '';
      return notice(done + secret);
    }
    case 'pause':
    case 'resume': {
      const found = await ownSchedule(intent.id);
      const next = nextFire(found.cron, found.timezone, ctx.now);
      // resuming starts from now: what fell due while paused is not posted late
      await deps.schedules.update(ctx.tenantId, found.id, intent.kind === 'pause' ? { paused: true } : { paused: false, checkedUntil: ctx.now, nextFireAt: next });
      return notice(t(ctx.locale, intent.kind === 'pause' ? 'report.paused' : 'report.resumed', { id: found.id, s, next: fmt(next, found.timezone) }));
    }
    case 'list': {
      const list = await deps.schedules.list(ctx.tenantId, ctx.channelId);
      const title = t(ctx.locale, 'report.list.title');
      const lines = list.map((x) =>
        t(ctx.locale, 'report.list.line', {
          id: x.id, label: x.label, timezone: x.timezone, query: x.query, owner: mention(x.ownerId),
          state: x.paused ? t(ctx.locale, 'report.list.paused') : t(ctx.locale, 'report.list.next', { next: fmt(nextFire(x.cron, x.timezone, ctx.now), x.timezone) }),
          target: (x.webhook ? t(ctx.locale, 'report.list.webhook', { host: new URL(x.webhook.url).host }) : '') + (x.document ? t(ctx.locale, 'report.list.document') : ''),
        }),
      );
      const card: Card = { title, fallbackText: title, elements: [{ type: 'text', text: lines.length ? lines.join('\n') : t(ctx.locale, 'report.list.none', { s }) }] };
      return { kind: 'card', card, visibility: 'ephemeral' };
    }
    case 'remove': {
      const found = await ownSchedule(intent.id);
      if (!(await deps.schedules.remove(ctx.tenantId, found.id))) throw new NotFoundError('report.not_found');
      return notice(t(ctx.locale, 'report.removed', { id: intent.id }));
    }
    case 'now':
    case 'preview': {
      const platform = intent.kind === 'now' ? needsChat() : null;
      const built = await buildReport(deps, { tenantId: ctx.tenantId, query: intent.query, locale: ctx.locale, now: ctx.now, chartUrlLimit });
      if (!platform) return { kind: 'card', card: built.card, visibility: 'ephemeral' };
      // a real post (not a reply), so the annex can follow it
      await postWithAnnex(deps, { tenantId: ctx.tenantId, platform, channelId: ctx.channelId, query: intent.query, locale: ctx.locale, timezone: tenant.timezone }, built, ctx.now);
      return notice(t(ctx.locale, 'report.posted'));
    }
    case 'document': {
      const target = { tenantId: ctx.tenantId, platform: needsChat(), channelId: ctx.channelId, query: intent.query, locale: ctx.locale };
      // Slack takes the PDF as a file; Teams gets a signed link (a button) the service answers for 7 days
      if (!sendsDocumentFile(deps, target.platform)) return { kind: 'card', card: documentLinkCard(deps, target, ctx.now, tenant.timezone), visibility: 'channel' };
      const built = await uploadDocument(deps, target, ctx.now);
      return notice(t(ctx.locale, 'report.document.posted', { period: built.periodLabel }));
    }
    case 'history': {
      const schedules = await deps.schedules.list(ctx.tenantId, ctx.channelId);
      const runs = await deps.runs.history(ctx.tenantId, schedules.map((x) => x.id), 15);
      const title = t(ctx.locale, 'report.history.title');
      const lines = runs.map((r) =>
        t(ctx.locale, 'report.history.line', {
          fireAt: fmt(r.fireAt, tenant.timezone),
          status: t(ctx.locale, `report.status.${r.status}`),
          late: r.late ? t(ctx.locale, 'report.history.late') : '',
          attempts: r.attempts,
          error: r.error ? ` · ${r.error}` : '',
        }),
      );
      return { kind: 'card', card: { title, fallbackText: title, elements: [{ type: 'text', text: lines.length ? lines.join('\n') : t(ctx.locale, 'report.history.none') }] }, visibility: 'ephemeral' };
    }
  }
}

const retryValue = z.strictObject({ r: z.string().regex(/^[a-f0-9]{24}$/) });

/** "Retry now" on the owner's message about a failed delivery: the owner or any supervisor. */
export async function reportRetryAction(deps: ReportBotDeps, ctx: BotContext, action: ActionRef): Promise<BotReply> {
  const { r } = parseActionValue(retryValue, action.value, 'followup.bad_value');
  const run = await deps.runs.get(ctx.tenantId, r);
  const schedule = run ? await deps.schedules.get(ctx.tenantId, run.scheduleId) : null;
  if (!run || !schedule) return notice(t(ctx.locale, 'report.retry_gone'), 'neutral');
  if (!ctx.isSupervisor && ![ctx.userId, ...(ctx.aliases ?? [])].includes(schedule.ownerId)) throw new ForbiddenError('report.forbidden');
  const { outcome } = await retryFailedRun(deps, ctx.tenantId, r, ctx.now);
  if (outcome === 'not_failed') return notice(t(ctx.locale, 'report.retry_gone'), 'neutral');
  if (outcome.status === 'posted') return notice(t(ctx.locale, 'report.retry_posted'));
  if (outcome.status === 'retrying') return notice(t(ctx.locale, 'report.retry_later', { code: outcome.code ?? '' }), 'bad');
  return notice(t(ctx.locale, 'report.retry_failed', { reason: failureReason(outcome.code ?? 'unknown', ctx.locale) }), 'bad');
}
