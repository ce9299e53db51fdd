import type { ChartSpec } from '../views/kpi-chart.js';

/** Turns a chart configuration into an image URL (QuickChart, or the service itself). */
export interface ChartRenderer {
  url(spec: ChartSpec): string;
}
