import { isDomainError } from '../errors.js';
import { t } from '../i18n/index.js';
import { parseKpiArgs } from '../periods/index.js';
import { showKpiCard, parseKpiAction, type ShowKpiDeps } from '../use-cases/show-kpi-card.js';
import { KPI_ACTIONS } from '../views/kpi-card.js';
import { helpCard } from '../views/help-card.js';
import type { BotContext, BotEvent, BotReply, UsageRecorder } from './types.js';

export interface BotDeps extends ShowKpiDeps {
  usage: UsageRecorder;
  /** longest chart URL per platform */
  chartUrlLimit: Record<BotContext['platform'], number>;
}

const HELP_WORDS = new Set(['help', 'ajuda', '?']);

/** One entry point for every command and button of every platform. */
export async function handleBotEvent(deps: BotDeps, ctx: BotContext, event: BotEvent): Promise<BotReply> {
  const started = Date.now();
  const kind = event.kind === 'command' ? `command:${event.command}` : `action:${event.action.id}`;
  let outcome: 'ok' | 'refused' | 'invalid' | 'error' = 'ok';
  try {
    return await route(deps, ctx, event);
  } catch (e) {
    outcome = isDomainError(e) ? (e.code === 'forbidden' ? 'refused' : e.code === 'validation' ? 'invalid' : 'error') : 'error';
    return errorReply(e, ctx);
  } finally {
    deps.usage.record({ tenantId: ctx.tenantId, platform: ctx.platform, userId: ctx.userId, kind, outcome, latencyMs: Date.now() - started });
  }
}

async function route(deps: BotDeps, ctx: BotContext, event: BotEvent): Promise<BotReply> {
  const viewer = { tenantId: ctx.tenantId, userId: ctx.userId, locale: ctx.locale, isSupervisor: ctx.isSupervisor };
  const limit = deps.chartUrlLimit[ctx.platform];
  if (event.kind === 'command') {
    const text = event.text.trim();
    if (event.command === 'help' || HELP_WORDS.has(text.toLowerCase())) {
      return { kind: 'card', card: helpCard(ctx.locale, ctx.platform), visibility: 'ephemeral' };
    }
    if (event.command === 'kpi') {
      const card = await showKpiCard(deps, { viewer, args: parseKpiArgs(text), now: ctx.now, chartUrlLimit: limit });
      return { kind: 'card', card, visibility: 'channel' };
    }
    return { kind: 'card', card: helpCard(ctx.locale, ctx.platform), visibility: 'ephemeral' };
  }
  if (event.action.id === KPI_ACTIONS.show) {
    const card = await showKpiCard(deps, { viewer, args: parseKpiAction(event.action.value), now: ctx.now, chartUrlLimit: limit });
    return { kind: 'card', card, visibility: 'channel' };
  }
  return { kind: 'notice', notice: { text: t(ctx.locale, 'bot.unknown_action'), tone: 'bad' } };
}

/** The one translator of domain errors into a localized notice. */
export function errorReply(e: unknown, ctx: Pick<BotContext, 'locale'>): BotReply {
  if (isDomainError(e)) {
    const text = t(ctx.locale, e.messageKey, e.params);
    const help = e.code === 'validation' ? `\n${t(ctx.locale, 'bot.examples')}` : '';
    return { kind: 'notice', notice: { text: text + help, tone: 'bad' } };
  }
  return { kind: 'notice', notice: { text: t(ctx.locale, 'error.internal'), tone: 'bad' } };
}
