/** Interactions through the ingest API, as a help desk would send them. */
import { expect } from 'vitest';
import type { ChatDriver } from './drivers/driver.js';

/** `count` resolved interactions, one every 6 hours before `now` (this week and the last). */
export async function seedInteractions(d: ChatDriver, now: Date, count: number, prefix = 'c'): Promise<void> {
  const records = Array.from({ length: count }, (_, i) => {
    const created = now.getTime() - (i + 1) * 6 * 3_600_000;
    return {
      externalId: `${prefix}-${i}`,
      channel: i % 3 ? 'email' : 'chat',
      customer: { id: `cust-${i}` },
      agent: { id: 'agent-ana', name: 'Ana' },
      status: i % 4 ? 'resolved' : 'open',
      createdAt: new Date(created).toISOString(),
      firstResponseAt: new Date(created + 20 * 60_000).toISOString(),
      ...(i % 4 ? { resolvedAt: new Date(created + 70 * 60_000).toISOString() } : {}),
    };
  });
  const res = await d.api('/api/v1/interactions', { method: 'POST', body: JSON.stringify(records), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
}
