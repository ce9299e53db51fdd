/**
 * Work that runs after the service listens (the console's demo data): nothing that happens then
 * may take the service down. A failure (MongoDB away) is logged and retried with backoff until
 * it succeeds or the service stops; /readyz tells the outage meanwhile.
 */
import { sleep } from '../core/concurrency.js';
import type { Logger } from '../infra/observability/logger.js';

export interface BackgroundOptions {
  logger: Logger;
  /** the wait after the first failure; it doubles up to maxDelayMs */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** aborted when the service stops: no new attempt starts */
  signal?: AbortSignal;
}

/** Runs `fn` until it succeeds (true) or `signal` is aborted (false); never rejects. */
export async function runInBackground(name: string, fn: () => Promise<void>, o: BackgroundOptions): Promise<boolean> {
  let delay = o.firstDelayMs ?? 1000;
  for (let attempt = 1; !o.signal?.aborted; attempt++) {
    try {
      await fn();
      if (attempt > 1) o.logger.info({ task: name, attempt }, 'background task done after retries');
      return true;
    } catch (err) {
      if (o.signal?.aborted) break;
      o.logger.warn({ task: name, attempt, err: (err as Error).message, retryInMs: delay }, 'background task failed; retrying');
    }
    await sleep(delay);
    delay = Math.min(delay * 2, o.maxDelayMs ?? 30_000);
  }
  return false;
}

/**
 * Installed once the service listens (before that, a failure must still end start-up): a
 * promise nobody awaited that rejects is logged and the service keeps running.
 */
export function logUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason instanceof Error ? reason : { message: String(reason) } }, 'unhandled promise rejection; the service keeps running');
  });
}
