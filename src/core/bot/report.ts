import { DateTime } from 'luxon';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { nextFire, parseReportCommand, shortestGapMinutes } from '../reports/schedule.js';
import { buildReport } from '../use-cases/build-report.js';
import { postWithAnnex, type ReportRunDeps } from '../use-cases/report-runs.js';
import type { Card } from '../views/card.js';
import type { BotContext, BotReply } from './types.js';

export interface ReportBotDeps extends ReportRunDeps {
  /** REPORT_MIN_INTERVAL_MINUTES */
  reportMinIntervalMinutes: number;
}

const notice = (text: string, tone: 'good' | 'bad' | 'neutral' = 'good'): BotReply => ({ kind: 'notice', notice: { text, tone } });

/** `report schedule | list | remove | now | preview | history`. */
export async function reportCommand(deps: ReportBotDeps, ctx: BotContext, text: string, chartUrlLimit: number): Promise<BotReply> {
  const intent = parseReportCommand(text);
  const s = ctx.platform === 'teams' ? '' : '/';
  const tenant = await deps.tenants.get(ctx.tenantId);
  const fmt = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).setLocale(ctx.locale).toLocaleString({ ...DateTime.DATETIME_MED, timeZoneName: 'short' });
  if (intent.kind === 'usage') return notice(t(ctx.locale, 'report.usage', { s }), 'neutral');
  if (intent.kind !== 'list' && intent.kind !== 'history' && !ctx.isSupervisor) throw new ForbiddenError('report.forbidden');
  // reading works from anywhere (the CLI); scheduling and posting need a chat platform
  const chat = ctx.platform === 'console' ? null : ctx.platform;
  const needsChat = () => {
    if (!chat) throw new ValidationError('survey.platform_not_configured', { platform: 'console' });
    return chat;
  };
  const messenger = chat ? deps.messengers[chat] : undefined;
  switch (intent.kind) {
    case 'schedule': {
      needsChat();
      const timezone = intent.timezone ?? tenant.timezone;
      const gap = shortestGapMinutes(intent.cron, timezone, ctx.now);
      if (gap < deps.reportMinIntervalMinutes) throw new ValidationError('report.too_frequent', { gap: Math.round(gap), min: deps.reportMinIntervalMinutes });
      const problem = messenger?.canPost ? await messenger.canPost(ctx.tenantId, ctx.channelId) : null;
      if (problem) throw new ValidationError('report.cannot_post', { code: problem });
      const next = nextFire(intent.cron, timezone, ctx.now);
      const created = await deps.schedules.create({
        tenantId: ctx.tenantId, platform: needsChat(), channelId: ctx.channelId, cron: intent.cron, timezone, label: intent.label, query: intent.query,
        locale: ctx.locale, ownerId: ctx.userId, paused: false, checkedUntil: ctx.now, nextFireAt: next, createdAt: ctx.now,
      });
      return notice(t(ctx.locale, 'report.scheduled', { label: intent.label, timezone, query: intent.query, next: fmt(next, timezone), id: created.id }));
    }
    case 'list': {
      const list = await deps.schedules.list(ctx.tenantId, ctx.channelId);
      const title = t(ctx.locale, 'report.list.title');
      const lines = list.map((x) => t(ctx.locale, 'report.list.line', { id: x.id, label: x.label, timezone: x.timezone, query: x.query, next: fmt(nextFire(x.cron, x.timezone, ctx.now), x.timezone) }));
      const card: Card = { title, fallbackText: title, elements: [{ type: 'text', text: lines.length ? lines.join('\n') : t(ctx.locale, 'report.list.none', { s }) }] };
      return { kind: 'card', card, visibility: 'ephemeral' };
    }
    case 'remove': {
      const found = await deps.schedules.get(ctx.tenantId, intent.id);
      if (!found || found.channelId !== ctx.channelId || !(await deps.schedules.remove(ctx.tenantId, intent.id))) throw new NotFoundError('report.not_found');
      return notice(t(ctx.locale, 'report.removed', { id: intent.id }));
    }
    case 'now':
    case 'preview': {
      const built = await buildReport(deps, { tenantId: ctx.tenantId, query: intent.kind === 'preview' ? intent.query : 'last week', locale: ctx.locale, now: ctx.now, chartUrlLimit });
      if (intent.kind === 'preview') return { kind: 'card', card: built.card, visibility: 'ephemeral' };
      // a real post (not a reply), so the annex can follow it
      await postWithAnnex(deps, { tenantId: ctx.tenantId, platform: needsChat(), channelId: ctx.channelId, query: 'last week', locale: ctx.locale }, built, ctx.now);
      return notice(t(ctx.locale, 'report.posted'));
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
