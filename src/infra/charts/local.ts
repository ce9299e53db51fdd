import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import type { ChartRenderer } from '../../core/ports/charts.js';
import type { ChartSpec } from '../../core/kpi/views/kpi-chart.js';

Chart.register(...registerables);

export const CHART_PATH = '/charts/';
const WIDTH = 700;
const HEIGHT = 320;
const DAY = 86_400_000;

/** The same Chart.js configuration QuickChart would draw, drawn here (Skia canvas from npm). */
export function renderChartPng(spec: ChartSpec): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const config = {
    ...spec,
    options: { ...spec.options, responsive: false, animation: false, devicePixelRatio: 1 },
    plugins: [
      {
        id: 'white-background',
        beforeDraw: (chart: Chart) => {
          chart.ctx.save();
          chart.ctx.fillStyle = 'white';
          chart.ctx.fillRect(0, 0, chart.width, chart.height);
          chart.ctx.restore();
        },
      },
    ],
  } as unknown as ChartConfiguration;
  const chart = new Chart(canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0], config);
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/**
 * Chart URLs served by the service: the configuration travels in the URL itself (compressed,
 * signed, expiring), so any instance can draw it and nothing is stored.
 */
export function createLocalChartRenderer(secret: string, publicUrl: string, now: () => Date, days = 30): ChartRenderer & { verify(file: string): ChartSpec | null } {
  return {
    url(spec) {
      const payload = deflateRawSync(Buffer.from(JSON.stringify({ s: spec, e: now().getTime() + days * DAY }))).toString('base64url');
      return `${new URL(CHART_PATH, publicUrl).href}${payload}.${sign(secret, payload)}.png`;
    },
    verify(file) {
      const m = /^([\w-]+)\.([\w-]+)\.png$/.exec(file);
      if (!m) return null;
      const expected = Buffer.from(sign(secret, m[1]!));
      const given = Buffer.from(m[2]!);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const p = JSON.parse(inflateRawSync(Buffer.from(m[1]!, 'base64url')).toString('utf8')) as { s: ChartSpec; e: number };
        return p.e >= now().getTime() ? p.s : null;
      } catch {
        return null;
      }
    },
  };
}
