import type { RetentionStore } from '../ports/privacy.js';

const DAY = 86_400_000;

/**
 * Removes raw data older than each tenant's retention: interactions and survey comments.
 * Rollups are not touched, so past KPIs stay exactly as they were.
 */
export async function applyRetention(store: RetentionStore, now: Date): Promise<{ interactions: number; comments: number }> {
  const total = { interactions: 0, comments: 0 };
  for (const { tenantId, days } of await store.policies()) {
    const done = await store.purge(tenantId, new Date(now.getTime() - days * DAY));
    total.interactions += done.interactions;
    total.comments += done.comments;
  }
  return total;
}
