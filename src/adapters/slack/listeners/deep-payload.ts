import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { MAX_DEPTH, nestsDeeperThan } from '../../../core/ingest/depth.js';
import type { Logger } from '../../../infra/observability/logger.js';

/**
 * Global middleware, first in the chain: a payload (or a JSON button value or modal metadata
 * inside it) nested more than MAX_DEPTH levels is acknowledged and dropped before any listener
 * walks it. Slack never sends such a thing; answering it changes nothing.
 */
export const refuseDeepPayloads =
  (log: Logger): Middleware<AnyMiddlewareArgs> =>
  async (args) => {
    if (!nestsDeeperThan(args.body, MAX_DEPTH, { embeddedJson: true })) {
      await args.next();
      return;
    }
    const type = (args.body as { type?: unknown }).type;
    log.warn({ type: typeof type === 'string' ? type.slice(0, 40) : undefined, maxDepth: MAX_DEPTH }, 'slack: payload nested too deep; ignored');
    // events were acknowledged by Bolt already; commands, actions and views wait for this
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
