import type { KpiTarget } from '../domain/tenant.js';
import { ForbiddenError, UnknownWordsError, ValidationError } from '../errors.js';
import { t, type Locale } from '../i18n/index.js';
import { formatKpi, getKpis, isKpiTargetPath, isMet, KPI_TARGET_UNITS, kpiValueAt, type GetKpisDeps, type KpiTargetPath, type Kpis } from '../kpi/index.js';
import { parseTargetCommand, TARGET_KPI_NAMES, TARGET_KPI_PATHS, type TargetIntent } from './target-parse.js';
import { parseKpiArgs } from '../periods/index.js';
import type { SettingsDeps } from './deps.js';
import { patchSettings } from './patch-settings.js';
import type { Card } from '../cards/card.js';
import { isTenantAdmin } from './admins.js';
import type { BotContext, BotReply } from '../chat/types.js';

export type KpiTargetBotDeps = SettingsDeps & GetKpisDeps;

const notice = (text: string, tone: 'good' | 'bad' | 'neutral' = 'good'): BotReply => ({ kind: 'notice', notice: { text, tone } });
const slashOf = (ctx: BotContext) => ctx.chat.commandPrefix;
const opText = (op: KpiTarget['op']) => (op === '<=' ? '≤' : '≥');

/** A target's value in its KPI's unit, as people read it (85 %, 1 h 00 min, 4,5). */
export function formatTargetValue(kpi: KpiTargetPath, value: number, locale: Locale): string {
  const unit = KPI_TARGET_UNITS[kpi];
  // a 1–5 mean reads as a ratio does: two decimals
  return formatKpi(unit === 'mean5' ? 'ratio' : unit, value, locale);
}

/** Bad input gets what was wrong and examples; unknown words keep their own example. */
function parse(ctx: BotContext, text: string): TargetIntent {
  try {
    return parseTargetCommand(text);
  } catch (e) {
    if (e instanceof ValidationError && !(e instanceof UnknownWordsError)) throw invalid(ctx, e);
    throw e;
  }
}
const invalid = (ctx: BotContext, e: ValidationError) => new ValidationError('kpi_target.invalid', { reason: t(ctx.locale, e.messageKey, e.params), s: slashOf(ctx) });

/**
 * `kpi target <kpi> >=|<= <value> | list | remove <kpi>` (pt-BR `meta`, `lista`, `remover`):
 * supervisors and admins list; only admins set and remove, through the same use-case as
 * `PATCH /api/v1/settings` (one validation, one audit naming the chat user).
 */
export async function kpiTargetCommand(deps: KpiTargetBotDeps, ctx: BotContext, text: string): Promise<BotReply> {
  const intent = parse(ctx, text);
  const s = slashOf(ctx);
  if (intent.kind === 'usage') return notice(t(ctx.locale, 'kpi_target.usage', { s, names: TARGET_KPI_NAMES, paths: TARGET_KPI_PATHS }), 'neutral');
  if (intent.kind === 'list') {
    if (!ctx.isSupervisor && !(await isTenantAdmin(deps, ctx))) throw new ForbiddenError('kpi_target.list_forbidden');
    return listReply(deps, ctx);
  }
  if (!(await isTenantAdmin(deps, ctx))) throw new ForbiddenError('kpi_target.forbidden');
  if (intent.kind === 'remove') {
    const existing = (await deps.targets.list(ctx.tenantId)).find((x) => x.kpi === intent.kpi);
    if (!existing) return notice(t(ctx.locale, 'kpi_target.not_set', { kpi: intent.kpi }), 'neutral');
    await write(deps, ctx, { [intent.kpi]: null });
    return notice(t(ctx.locale, 'kpi_target.removed', { kpi: intent.kpi, op: opText(existing.op), value: formatTargetValue(intent.kpi, existing.value, ctx.locale) }));
  }
  await write(deps, ctx, { [intent.kpi]: { op: intent.op, value: intent.value } });
  const current = statusText(await thisWeek(deps, ctx), { kpi: intent.kpi, op: intent.op, value: intent.value }, ctx.locale);
  const value = formatTargetValue(intent.kpi, intent.value, ctx.locale);
  return notice(t(ctx.locale, 'kpi_target.set', { kpi: intent.kpi, op: opText(intent.op), value, current }));
}

/** The settings use-case, as the chat user; its refusals (a value out of range) come with examples. */
async function write(deps: KpiTargetBotDeps, ctx: BotContext, targets: Record<string, { op: KpiTarget['op']; value: number } | null>): Promise<void> {
  const actor = { type: 'user' as const, platform: ctx.platform, userId: ctx.userId };
  try {
    await patchSettings(deps, { tenantId: ctx.tenantId, actor, patch: { targets }, locale: ctx.locale });
  } catch (e) {
    if (e instanceof ValidationError) throw invalid(ctx, e);
    throw e;
  }
}

/** This week so far, in the team's zone: what each target is compared with. */
async function thisWeek(deps: KpiTargetBotDeps, ctx: BotContext): Promise<Kpis> {
  const { period } = parseKpiArgs('week');
  const report = await getKpis(deps, { tenantId: ctx.tenantId, period, at: ctx.now, now: ctx.now, filters: {}, locale: ctx.locale });
  return report.current;
}

function statusText(kpis: Kpis, target: KpiTarget, locale: Locale): string {
  if (!isKpiTargetPath(target.kpi)) return t(locale, 'kpi_target.current_none');
  const kpi = target.kpi;
  const value = kpiValueAt(kpis, kpi);
  if (value === null) return t(locale, 'kpi_target.current_none');
  const mark = isMet(target.op, value, target.value) ? '✅' : '⚠️';
  return t(locale, 'kpi_target.current', { value: formatTargetValue(kpi, value, locale), mark });
}

async function listReply(deps: KpiTargetBotDeps, ctx: BotContext): Promise<BotReply> {
  const targets = [...(await deps.targets.list(ctx.tenantId))].sort((a, b) => a.kpi.localeCompare(b.kpi));
  const title = t(ctx.locale, 'kpi_target.list.title');
  const kpis = targets.length > 0 ? await thisWeek(deps, ctx) : null;
  const lines = targets.map((x) =>
    t(ctx.locale, 'kpi_target.list.line', {
      kpi: x.kpi,
      op: opText(x.op),
      value: isKpiTargetPath(x.kpi) ? formatTargetValue(x.kpi, x.value, ctx.locale) : String(x.value),
      current: statusText(kpis!, x, ctx.locale),
    }),
  );
  const text = lines.length > 0 ? lines.join('\n') : t(ctx.locale, 'kpi_target.list.none', { s: slashOf(ctx) });
  const card: Card = { title, fallbackText: title, elements: [{ type: 'text', text }] };
  return { kind: 'card', card, visibility: 'ephemeral' };
}
