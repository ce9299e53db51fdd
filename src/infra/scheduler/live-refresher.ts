import cron from 'node-cron';
import { refreshLiveCards, type RefreshDeps } from '../../core/use-cases/refresh-live-cards.js';
import type { Logger } from '../observability/logger.js';

/** Every minute, refreshes the live KPI cards that are due (each once across instances). */
export function startLiveRefresher(deps: RefreshDeps, logger: Logger, now: () => Date = () => new Date()) {
  const task = cron.schedule(
    '* * * * *',
    async () => {
      try {
        const n = await refreshLiveCards(deps, now(), (err) => logger.warn({ err }, 'live card refresh failed'));
        if (n > 0) logger.info({ refreshed: n }, 'live cards refreshed');
      } catch (err) {
        logger.warn({ err }, 'live card refresher could not run');
      }
    },
    { noOverlap: true, name: 'live-kpi-cards' },
  );
  return { stop: () => task.stop() };
}
