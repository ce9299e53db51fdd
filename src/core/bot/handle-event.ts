import { asUnavailable, isDomainError, RateLimitError, UnknownWordsError, ValidationError } from '../errors.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { LiveCardStore } from '../ports/live-cards.js';
import { withoutMentionMarks } from '../cards/card.js';
import { t } from '../i18n/index.js';
import { parseKpiArgs, type KpiArgs } from '../periods/index.js';
import { showKpiCard, parseKpiAction, type ShowKpiDeps } from '../kpi/index.js';
import { KPI_ACTIONS } from '../kpi/index.js';
import { helpCard } from './help-card.js';
import { helpReply } from './help.js';
import type { BotContext, BotEvent, BotReply, UsageRecorder } from '../chat/types.js';
import { surveyAction, surveyCommand, type SurveyBotDeps } from '../surveys/index.js';
import { isSurveyAction } from '../surveys/index.js';
import { actionsCommand, isActionItemAction, isMeetingAction, meetingBotAction, meetingCommand } from '../meetings/index.js';
import type { MeetingDeps } from '../meetings/index.js';
import { reportCommand, reportRetryAction, type ReportBotDeps } from '../reports/index.js';
import { REPORT_ACTIONS } from '../reports/index.js';
import { kpiAlertCommand, type KpiAlertBotDeps } from '../alerts/index.js';
import { kpiTargetCommand, type KpiTargetBotDeps } from '../settings/index.js';
import { isFollowUpAction } from '../kpi/index.js';
import { followUpAction } from '../follow-up/index.js';

export interface BotDeps extends ShowKpiDeps, SurveyBotDeps, MeetingDeps, ReportBotDeps, KpiAlertBotDeps, KpiTargetBotDeps {
  usage: UsageRecorder;
  live: LiveCardStore;
  /** commands and clicks per workspace (tenant) and minute */
  workspaceLimiter?: RateLimiter;
}

const HELP_WORDS = new Set(['help', 'ajuda', '?']);

/** One entry point for every command and button of every platform. */
export async function handleBotEvent(deps: BotDeps, ctx: BotContext, event: BotEvent): Promise<BotReply> {
  const started = Date.now();
  const kind = event.kind === 'command' ? `command:${event.command}` : `action:${event.action.id}`;
  let outcome: 'ok' | 'refused' | 'invalid' | 'error' = 'ok';
  try {
    const wait = await deps.workspaceLimiter?.take(ctx.tenantId);
    if (wait) throw new RateLimitError(wait);
    return await route(deps, ctx, withoutMarks(event));
  } catch (e) {
    outcome = isDomainError(e) ? (e.code === 'forbidden' ? 'refused' : e.code === 'validation' ? 'invalid' : 'error') : 'error';
    return errorReply(e, ctx);
  } finally {
    deps.usage.record({ tenantId: ctx.tenantId, platform: ctx.platform, userId: ctx.userId, kind, outcome, latencyMs: Date.now() - started });
  }
}

/** What people typed, without mention marks (they would mention someone in the cards it reaches). */
function withoutMarks(event: BotEvent): BotEvent {
  if (event.kind === 'command') return { ...event, text: withoutMentionMarks(event.text) };
  const { inputs, value } = event.action;
  const clean = inputs ? Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, withoutMentionMarks(v)])) : undefined;
  return { ...event, action: { ...event.action, value: withoutMentionMarks(value), ...(clean ? { inputs: clean } : {}) } };
}

async function route(deps: BotDeps, ctx: BotContext, event: BotEvent): Promise<BotReply> {
  const viewer = { tenantId: ctx.tenantId, userId: ctx.userId, locale: ctx.locale, isSupervisor: ctx.isSupervisor };
  const limit = ctx.chat.limits.chartUrl;
  if (event.kind === 'command') {
    // a Slack message keeps its command word ("kpi alert list"): read it as the slash command does
    const text = event.command === 'kpi' ? event.text.trim().replace(/^\/?kpis?(\s+|$)/i, '') : event.text.trim();
    const first = text.split(/\s+/)[0]!.toLowerCase();
    // `help`, `kpi help`, `report ajuda` …, optionally naming commands (`help report`)
    if (event.command === 'help') return helpReply(ctx, text);
    if (HELP_WORDS.has(first)) return helpReply(ctx, text.replace(/^\S+\s*/, ''));
    if (event.command === 'kpi') {
      if (/^(alert|alerta)$/.test(first)) return kpiAlertCommand(deps, ctx, text.replace(/^\S+\s*/, ''));
      if (/^(target|targets|meta|metas)$/.test(first)) return kpiTargetCommand(deps, ctx, text.replace(/^\S+\s*/, ''));
      const args = parseKpiArgs(text);
      const card = await showKpiCard(deps, { viewer, args, now: ctx.now, chartUrlLimit: limit });
      return { kind: 'card', card, visibility: 'channel', ...(args.live ? { live: { args } } : {}) };
    }
    if (event.command === 'survey') return surveyCommand(deps, ctx, text, limit);
    if (event.command === 'meeting') return meetingCommand(deps, ctx, text);
    if (event.command === 'actions') return actionsCommand(deps, ctx, text);
    if (event.command === 'report') return reportCommand(deps, ctx, text, limit);
    return { kind: 'card', card: helpCard(ctx.locale, ctx.chat.commandPrefix), visibility: 'ephemeral' };
  }
  if (isSurveyAction(event.action.id)) return surveyAction(deps, ctx, event.action, event.messageId);
  if (isFollowUpAction(event.action.id)) return followUpAction(deps, ctx, event.action);
  if (event.action.id === REPORT_ACTIONS.retry) return reportRetryAction(deps, ctx, event.action);
  if (isMeetingAction(event.action.id) || isActionItemAction(event.action.id)) return meetingBotAction(deps, ctx, event.action, event.messageId);
  if (event.action.id === KPI_ACTIONS.show) {
    const card = await showKpiCard(deps, { viewer, args: parseKpiAction(event.action.value), now: ctx.now, chartUrlLimit: limit });
    return { kind: 'card', card, visibility: 'channel' };
  }
  if (event.action.id === KPI_ACTIONS.liveStop) {
    const id = parseLiveId(event.action.value);
    const live = id ? await deps.live.get(ctx.tenantId, id) : null;
    if (!live) throw new ValidationError('kpi.bad_action');
    await deps.live.remove(ctx.tenantId, live.id);
    const card = await showKpiCard(deps, { viewer, args: { ...live.args, live: false }, now: ctx.now, chartUrlLimit: limit });
    return { kind: 'card', card, visibility: 'channel' };
  }
  return { kind: 'notice', notice: { text: t(ctx.locale, 'bot.unknown_action'), tone: 'bad' } };
}

/**
 * Registers a card that was just posted (Slack ts / Teams activity id) as live and returns it
 * with its stop button; the refresher keeps it fresh until stopped or a week has passed.
 */
export async function startLiveCard(deps: BotDeps, ctx: BotContext, messageId: string, args: KpiArgs) {
  const live = await deps.live.add({
    tenantId: ctx.tenantId,
    platform: ctx.platform,
    channelId: ctx.channelId,
    messageId,
    args: { ...args, live: false },
    locale: ctx.locale,
    userId: ctx.userId,
    isSupervisor: ctx.isSupervisor,
    until: new Date(ctx.now.getTime() + LIVE_DAYS * 86_400_000),
    refreshedAt: ctx.now,
  });
  const viewer = { tenantId: ctx.tenantId, userId: ctx.userId, locale: ctx.locale, isSupervisor: ctx.isSupervisor };
  return showKpiCard(deps, { viewer, args: live.args, now: ctx.now, chartUrlLimit: ctx.chat.limits.chartUrl, liveId: live.id });
}

const LIVE_DAYS = 7;

function parseLiveId(value: string): string | null {
  try {
    const id = (JSON.parse(value) as { id?: unknown }).id;
    return typeof id === 'string' && /^[a-f0-9]{24}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The one translator of domain errors into a localized notice. */
export function errorReply(err: unknown, ctx: Pick<BotContext, 'locale'> & Partial<Pick<BotContext, 'chat'>>): BotReply {
  const e = asUnavailable(err) ?? err;
  if (isDomainError(e)) {
    // words a command did not understand come with an example of its right form
    const params = e instanceof UnknownWordsError ? { ...e.params, example: t(ctx.locale, e.exampleKey, { s: ctx.chat?.commandPrefix ?? '/' }) } : e.params;
    const text = t(ctx.locale, e.messageKey, params);
    // a mistyped /kpi gets examples; other refusals (a survey button, a form) say only what was wrong
    const help = e.code === 'validation' && /^(kpi|period)\./.test(e.messageKey) ? `\n${t(ctx.locale, 'bot.examples')}` : '';
    return { kind: 'notice', notice: { text: text + help, tone: 'bad' } };
  }
  return { kind: 'notice', notice: { text: t(ctx.locale, 'error.internal'), tone: 'bad' } };
}
