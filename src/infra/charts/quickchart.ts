import QuickChartModule from 'quickchart-js';
import type { ChartRenderer } from '../../core/ports/charts.js';

/**
 * Chart URLs that carry the whole Chart.js configuration (no short links: QuickChart's free
 * ones expire). `baseUrl` may point at a self-hosted QuickChart so no data leaves the network.
 */
// the ESM build exports the class as default; its typings describe a CommonJS module
type QuickChartClass = typeof QuickChartModule.default;
const QuickChart = ((QuickChartModule as unknown as { default?: QuickChartClass }).default ?? QuickChartModule) as QuickChartClass;

export function createQuickChartRenderer(baseUrl: string): ChartRenderer {
  const u = new URL(baseUrl);
  return {
    url(spec) {
      const chart = new QuickChart();
      chart.setScheme(u.protocol.replace(':', '')).setHost(u.host).setVersion('4').setWidth(700).setHeight(320).setBackgroundColor('white');
      chart.setConfig(spec as never);
      const url = chart.getUrl();
      // keep a path prefix of the base URL (e.g. a reverse proxy at /quickchart)
      const prefix = u.pathname.replace(/\/$/, '');
      return prefix ? url.replace(`${u.host}/`, `${u.host}${prefix}/`) : url;
    },
  };
}
