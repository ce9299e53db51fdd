import type { LiveCardStore } from '../ports/live-cards.js';
import { chartUrlLimitOf, postingPlatform, type ChatPlatforms } from '../ports/chat-platform.js';
import { showKpiCard, type ShowKpiDeps } from './show-kpi-card.js';

export const LIVE_REFRESH_MINUTES = 5;

export interface RefreshDeps extends ShowKpiDeps {
  live: LiveCardStore;
  platforms: ChatPlatforms;
}

/**
 * Refreshes every live card that is due. Each card is claimed first, so with several
 * instances each refresh happens once; one card's failure does not stop the others.
 */
export async function refreshLiveCards(deps: RefreshDeps, now: Date, onError: (e: unknown) => void): Promise<number> {
  const before = new Date(now.getTime() - LIVE_REFRESH_MINUTES * 60_000 + 5_000);
  let refreshed = 0;
  for (const tenantId of await deps.live.tenants()) {
    for (const live of await deps.live.due(tenantId, before, now)) {
      const chat = postingPlatform(deps.platforms, live.platform);
      if (!chat || !(await deps.live.claim(tenantId, live.id, live.refreshedAt, now))) continue;
      try {
        const card = await showKpiCard(deps, {
          viewer: { tenantId, userId: live.userId, locale: live.locale, isSupervisor: live.isSupervisor },
          args: live.args,
          now,
          chartUrlLimit: chartUrlLimitOf(deps.platforms, live.platform),
          liveId: live.id,
        });
        await chat.update(tenantId, { channelId: live.channelId, messageId: live.messageId }, card);
        refreshed++;
      } catch (e) {
        onError(e);
      }
    }
  }
  return refreshed;
}
