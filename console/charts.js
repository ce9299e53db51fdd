/* global Chart, JSON5, location */
/**
 * QuickChart URLs (…/chart?c=<Chart.js config>) are drawn here with Chart.js instead of being
 * loaded, so charts show offline and no chart data leaves the machine.
 */
import { h } from './dom.js';

export const CHART_WIDTH = 700;
export const CHART_HEIGHT = 320;

/** The Chart.js configuration a QuickChart URL carries, or null if `url` is not one. */
export function chartConfigFromUrl(url) {
  if (typeof url !== 'string' || !url.includes('/chart?')) return null;
  try {
    // URLSearchParams decodes "+" as a space, as QuickChart's client encodes it
    const c = new URL(url, location.href).searchParams.get('c');
    if (!c || typeof JSON5 === 'undefined') return null;
    const config = JSON5.parse(c);
    return config && typeof config === 'object' && config.type ? config : null;
  } catch {
    return null;
  }
}

/** True when the URL looks like a chart we should draw (even if its config turns out bad). */
export const isChartUrl = (url) => typeof url === 'string' && url.includes('/chart?') && /[?&]c=/.test(url);

/**
 * A 700×320 canvas with the chart drawn, or null when the URL is not a drawable chart
 * (the caller then shows an <img>).
 */
export function renderChart(url, alt = 'chart') {
  const config = chartConfigFromUrl(url);
  if (!config || typeof Chart === 'undefined') return null;
  const canvas = h('canvas', { width: CHART_WIDTH, height: CHART_HEIGHT, role: 'img', 'aria-label': alt, 'data-testid': 'chart' });
  // fixed size and no animation: the chart is drawn at once, also in a detached element
  config.options = { ...(config.options ?? {}), responsive: false, maintainAspectRatio: false, animation: false };
  try {
    new Chart(canvas, config);
  } catch {
    return null;
  }
  return h('div', { class: 'chart', title: alt }, canvas);
}

/** Frees the Chart.js instances under `root` before it leaves the page. */
export function destroyCharts(root) {
  if (typeof Chart === 'undefined' || !root?.querySelectorAll) return;
  for (const canvas of root.querySelectorAll('canvas')) Chart.getChart(canvas)?.destroy();
}

/** The chart, or an <img> of the URL when it cannot be drawn. */
export function chartOrImage(url, alt, className = 'sk-image') {
  return renderChart(url, alt) ?? h('img', { src: url, alt: alt ?? '', class: className, loading: 'lazy' });
}
