import { ForbiddenError } from '../errors.js';
import type { Locale } from '../i18n/index.js';
import type { AgentDirectory } from '../ports/agents.js';
import type { ChartRenderer } from '../ports/charts.js';
import { agentFilterOf, agentIdOfUser, agentNamesOf } from '../chat/agent-lookup.js';
import { kpiArgsSchema, type KpiArgs } from '../periods/index.js';
import type { Card } from '../cards/card.js';
import { parseActionValue } from '../cards/action-value.js';
import { kpiCard } from './views/kpi-card.js';
import { fittingChartUrl } from './views/kpi-chart.js';
import { getKpis, type GetKpisDeps } from './get-kpis.js';

/** What deciding whose numbers a person sees needs: the KPIs and the agent directory. */
export interface ScopeDeps extends GetKpisDeps {
  agents: AgentDirectory;
}

export interface ShowKpiDeps extends ScopeDeps {
  charts: ChartRenderer;
  /** draws a chart whose QuickChart URL would be too long for the platform (the service's own PNGs) */
  fallbackCharts?: ChartRenderer;
}

export interface Viewer {
  tenantId: string;
  userId: string;
  locale: Locale;
  isSupervisor: boolean;
}

export interface ShowKpiInput {
  viewer: Viewer;
  args: KpiArgs;
  now: Date;
  /** longest image URL the platform accepts (Slack: 3,000 characters) */
  chartUrlLimit: number;
  liveId?: string;
}

export const parseKpiAction = (value: string): KpiArgs => parseActionValue(kpiArgsSchema, value, 'kpi.bad_action');

/**
 * Supervisors see team-wide numbers (an `agent:` filter naming a person reads as their agent
 * id); anyone else sees only their own numbers as an agent (the directory's agent id for their
 * Slack or Teams id, else the id itself), and is refused when they have none.
 */
export async function scopeFor(deps: ScopeDeps, input: Pick<ShowKpiInput, 'viewer' | 'args' | 'now'>): Promise<KpiArgs> {
  const { tenantId } = input.viewer;
  if (input.viewer.isSupervisor) {
    const agent = input.args.filters.agent;
    return agent === undefined ? input.args : { ...input.args, filters: { ...input.args.filters, agent: await agentFilterOf(deps.agents, tenantId, agent) } };
  }
  const own: KpiArgs = { ...input.args, filters: { agent: await agentIdOfUser(deps.agents, tenantId, input.viewer.userId) } };
  delete own.breakdown;
  const probe = await getKpis(deps, { tenantId: input.viewer.tenantId, period: { kind: 'year' }, at: input.now, now: input.now, filters: own.filters, locale: input.viewer.locale });
  if (probe.current.volume === 0 && probe.previous.volume === 0 && probe.current.backlog === 0) throw new ForbiddenError('kpi.forbidden');
  return own;
}

export async function showKpiCard(deps: ShowKpiDeps, input: ShowKpiInput): Promise<Card> {
  const args = await scopeFor(deps, input);
  const report = await getKpis(deps, {
    tenantId: input.viewer.tenantId,
    period: args.period,
    at: input.now,
    now: input.now,
    filters: args.filters,
    ...(args.breakdown ? { breakdown: args.breakdown } : {}),
    ...(args.compare ? { compare: args.compare } : {}),
    locale: input.viewer.locale,
    daily: true,
  });
  const days = report.daily ?? [];
  const points = days.map((d) => ({ start: new Date(d.start), kpis: d.kpis }));
  const chartUrl = fittingChartUrl([deps.charts, deps.fallbackCharts], points, report.period.timezone, input.viewer.locale, input.chartUrlLimit);
  const targets = Object.entries(report.targets).map(([kpi, x]) => ({ kpi, op: x.op, value: x.value }));
  const agentNames = report.byAgent ? await agentNamesOf(deps.agents, input.viewer.tenantId, Object.keys(report.byAgent)) : {};
  return kpiCard({ report, args, locale: input.viewer.locale, targets, updatedAt: input.now, people: [input.viewer.userId], agentNames, ...(chartUrl ? { chartUrl } : {}), ...(input.liveId ? { liveId: input.liveId } : {}) });
}
