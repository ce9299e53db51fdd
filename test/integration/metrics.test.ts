/**
 * /metrics is never open on the public port: absent there (404) unless METRICS_TOKEN is set, and
 * then only for "Authorization: Bearer <token>"; METRICS_PORT serves it on a listener of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const started: TestService[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
});
async function service(env: Record<string, string>) {
  const s = await startTestService(env);
  started.push(s);
  return s;
}
const scrape = (url: string, authorization?: string) => fetch(url, { headers: authorization ? { authorization } : {} });

describe('/metrics', () => {
  it('is not served on the public port by default', async () => {
    const s = await service({});
    expect((await scrape(`${s.url}/metrics`)).status).toBe(404);
    expect((await scrape(`${s.url}/metrics`, `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await scrape(`${s.url}/healthz`)).status).toBe(200);
  });

  it('with METRICS_TOKEN: 401 without the bearer token or with a wrong one, 200 with it', async () => {
    const s = await service({ METRICS_TOKEN: TOKEN });
    expect((await scrape(`${s.url}/metrics`)).status).toBe(401);
    expect((await scrape(`${s.url}/metrics`, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`${s.url}/metrics`, TOKEN)).status).toBe(401);
    const res = await scrape(`${s.url}/metrics`, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/http_request_duration_seconds/);
  });

  it('METRICS_PORT: a listener of its own serves it, the public port does not', async () => {
    const s = await service({ METRICS_PORT: '0' });
    const { metricsUrl } = s;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await scrape(metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/process_resident_memory_bytes/);
    expect((await scrape(metricsUrl!.replace(/\/metrics$/, '/api/v1/kpis'))).status).toBe(404);
    expect((await scrape(`${s.url}/metrics`)).status).toBe(404);
  });
});
