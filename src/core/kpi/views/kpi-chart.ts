import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { Kpis } from '../stats.js';

import type { ChartRenderer, ChartSpec } from '../../ports/charts.js';

export type { ChartSpec } from '../../ports/charts.js';

export interface DailyPoint {
  start: Date;
  kpis: Kpis;
}

/** Sums days into weeks when a series is too long for the platform's URL limit. */
export function coarsen(points: DailyPoint[], size: number): { start: Date; volume: number; frt: number | null; csat: number | null }[] {
  const out = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    const volume = group.reduce((s, p) => s + p.kpis.volume, 0);
    const frtN = group.reduce((s, p) => s + p.kpis.firstResponseMinutes.count, 0);
    const frt = frtN > 0 ? group.reduce((s, p) => s + (p.kpis.firstResponseMinutes.mean ?? 0) * p.kpis.firstResponseMinutes.count, 0) / frtN : null;
    const csN = group.reduce((s, p) => s + p.kpis.csat.responses, 0);
    const csat = csN > 0 ? group.reduce((s, p) => s + (p.kpis.csat.score ?? 0) * p.kpis.csat.responses, 0) / csN : null;
    out.push({ start: group[0]!.start, volume, frt, csat });
  }
  return out;
}

const round = (n: number | null, digits: number) => (n === null ? null : Number(n.toFixed(digits)));

/** Daily volume bars with CSAT (%) and mean FRT (min) lines; `groupDays` > 1 makes weekly points. */
export function kpiChartSpec(points: DailyPoint[], timezone: string, locale: Locale, groupDays = 1): ChartSpec {
  const series = coarsen(points, groupDays);
  const label = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: timezone });
  return {
    type: 'bar',
    data: {
      labels: series.map((p) => label.format(p.start)),
      datasets: [
        { type: 'bar', label: t(locale, 'chart.volume'), data: series.map((p) => p.volume), backgroundColor: '#4e79a7', yAxisID: 'y' },
        { type: 'line', label: t(locale, 'chart.csat'), data: series.map((p) => round(p.csat === null ? null : p.csat * 100, 1)), borderColor: '#59a14f', fill: false, yAxisID: 'y1', spanGaps: true },
        { type: 'line', label: t(locale, 'chart.frt'), data: series.map((p) => round(p.frt, 1)), borderColor: '#e15759', fill: false, yAxisID: 'y2', spanGaps: true },
      ],
    },
    options: {
      plugins: { legend: { position: 'bottom' } },
      scales: {
        y: { beginAtZero: true, position: 'left' },
        y1: { min: 0, max: 100, position: 'right', grid: { drawOnChartArea: false } },
        y2: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
      },
    },
  };
}

/**
 * The daily KPI chart as an image URL the platform accepts: a long series is drawn in weekly,
 * then monthly points rather than breaking the URL limit, by each renderer in turn.
 */
export function fittingChartUrl(renderers: (ChartRenderer | undefined)[], points: DailyPoint[], timezone: string, locale: Locale, limit: number): string | undefined {
  for (const renderer of renderers) {
    for (const group of [1, 7, 30]) {
      const url = renderer?.url(kpiChartSpec(points, timezone, locale, group));
      if (url && url.length <= limit) return url;
    }
  }
  return undefined;
}
