/** A Chart.js configuration (what QuickChart or a local renderer draws). No personal data. */
export interface ChartSpec {
  type: string;
  data: { labels: string[]; datasets: Record<string, unknown>[] };
  options: Record<string, unknown>;
}

/** Turns a chart configuration into an image URL (QuickChart, or the service itself). */
export interface ChartRenderer {
  url(spec: ChartSpec): string;
}
