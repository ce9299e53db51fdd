import { measureAlert } from './measure.js';
import { parseAlertCommand, type AlertIntent } from './parse.js';
import { ALERT_CHECK_MINUTES, type KpiAlert, type KpiAlertDefinition } from '../domain/kpi-alert.js';
import { ForbiddenError, NotFoundError, UnknownWordsError, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Card } from '../cards/card.js';
import { breaches, describeAlert, formatAlertValue, kpiOf } from './views/kpi-alert-card.js';
import { withTargetLine } from './target-line.js';
import type { KpiAlertDeps } from './kpi-alerts.js';
import type { BotContext, BotReply } from '../chat/types.js';
import { postingPlatformOf } from '../chat/posting.js';
import { postingPlatform } from '../ports/chat-platform.js';

export type KpiAlertBotDeps = KpiAlertDeps;

/** alerts one conversation may hold */
const MAX_PER_CONVERSATION = 50;
const notice = (text: string, tone: 'good' | 'bad' | 'neutral' = 'good'): BotReply => ({ kind: 'notice', notice: { text, tone } });

/** Bad input gets what was wrong and examples, in the user's language. */
function parse(ctx: BotContext, text: string, s: string): AlertIntent {
  try {
    return parseAlertCommand(text);
  } catch (e) {
    // words left over after a verb come with that verb's example instead
    if (e instanceof ValidationError && !(e instanceof UnknownWordsError)) throw new ValidationError('alert.invalid', { reason: t(ctx.locale, e.messageKey, e.params), s });
    throw e;
  }
}

/**
 * `kpi alert <definition> | list | pause <id> | resume <id> | edit <id> <definition> | remove <id>`.
 * An alert belongs to its conversation: any supervisor there manages it, an id from elsewhere is
 * not found; anyone may list.
 */
export async function kpiAlertCommand(deps: KpiAlertBotDeps, ctx: BotContext, text: string): Promise<BotReply> {
  const s = ctx.chat.commandPrefix;
  const intent = parse(ctx, text, s);
  const scope = { tenantId: ctx.tenantId, channelId: ctx.channelId };
  if (intent.kind === 'usage') return notice(t(ctx.locale, 'alert.usage', { s }), 'neutral');
  if (intent.kind === 'list') return listReply(await deps.kpiAlerts.list(scope), ctx, s);
  if (!ctx.isSupervisor) throw new ForbiddenError('alert.forbidden');
  switch (intent.kind) {
    case 'create': {
      const platform = postingPlatformOf(ctx);
      const chat = postingPlatform(deps.platforms, platform);
      const problem = chat?.canPost ? await chat.canPost(ctx.tenantId, ctx.channelId) : null;
      if (problem) throw new ValidationError('alert.cannot_post', { code: problem });
      if ((await deps.kpiAlerts.list(scope)).length >= MAX_PER_CONVERSATION) throw new ValidationError('alert.too_many', { max: MAX_PER_CONVERSATION });
      const def = await lineOf(deps, ctx, intent.definition, s);
      const created = await deps.kpiAlerts.create({
        ...def, tenantId: ctx.tenantId, platform, channelId: ctx.channelId, locale: ctx.locale, ownerId: ctx.userId,
        paused: false, nextCheckAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now,
      });
      return notice(t(ctx.locale, 'alert.created', { id: created.id, text: describeAlert(def, ctx.locale), current: await currentText(deps, ctx, def) }));
    }
    case 'edit': {
      const def = await lineOf(deps, ctx, intent.definition, s);
      const edited = await deps.kpiAlerts.redefine(scope, intent.id, { ...def, ownerId: ctx.userId, locale: ctx.locale }, ctx.now);
      if (!edited) throw new NotFoundError('alert.not_found');
      return notice(t(ctx.locale, 'alert.edited', { id: edited.id, text: describeAlert(def, ctx.locale), current: await currentText(deps, ctx, def) }));
    }
    case 'pause':
    case 'resume': {
      if (!(await deps.kpiAlerts.setPaused(scope, intent.id, intent.kind === 'pause', ctx.now))) throw new NotFoundError('alert.not_found');
      return notice(t(ctx.locale, intent.kind === 'pause' ? 'alert.paused' : 'alert.resumed', { id: intent.id, s }));
    }
    case 'remove': {
      if (!(await deps.kpiAlerts.remove(scope, intent.id))) throw new NotFoundError('alert.not_found');
      return notice(t(ctx.locale, 'alert.removed', { id: intent.id }));
    }
  }
}

/** A definition that follows the target gets the target's line now; without a target it is refused. */
async function lineOf(deps: KpiAlertBotDeps, ctx: BotContext, def: KpiAlertDefinition, s: string): Promise<KpiAlertDefinition> {
  const lined = await withTargetLine(deps.targets, ctx.tenantId, def);
  if (!lined) throw new ValidationError('alert.no_target', { kpi: t(ctx.locale, kpiOf(def).labelKey), s });
  return lined;
}

/** The value now, and whether the first check will post. */
async function currentText(deps: KpiAlertBotDeps, ctx: BotContext, def: KpiAlertDefinition): Promise<string> {
  const m = await measureAlert(deps, { ...def, tenantId: ctx.tenantId }, ctx.now);
  if (m.value === null) return t(ctx.locale, 'alert.current_none');
  const value = formatAlertValue(def, m.value, ctx.locale);
  const firing = m.sample >= def.minSample && breaches(def.op, m.value, def.threshold);
  return t(ctx.locale, firing ? 'alert.current_breached' : 'alert.current', { value, minutes: deps.alertCheckMinutes ?? ALERT_CHECK_MINUTES });
}

function listReply(alerts: KpiAlert[], ctx: BotContext, s: string): BotReply {
  const title = t(ctx.locale, 'alert.list.title');
  const lines = alerts.map((a) =>
    t(ctx.locale, 'alert.list.line', {
      id: a.id,
      status: t(ctx.locale, a.paused ? 'alert.status.paused' : `alert.status.${a.state}`),
      text: describeAlert(a, ctx.locale),
      last: a.lastValue === undefined ? '' : t(ctx.locale, 'alert.list.last', { value: formatAlertValue(a, a.lastValue, ctx.locale) }),
      error: a.lastError ? t(ctx.locale, 'alert.list.error', { error: a.lastError }) : '',
    }),
  );
  const card: Card = { title, fallbackText: title, elements: [{ type: 'text', text: lines.length ? lines.join('\n') : t(ctx.locale, 'alert.list.none', { s }) }] };
  return { kind: 'card', card, visibility: 'ephemeral' };
}
