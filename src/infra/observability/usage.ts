import { Counter, Histogram } from 'prom-client';
import type { Connection } from 'mongoose';
import type { UsageRecorder } from '../../core/chat/types.js';
import { botEventModel } from '../mongo/bot-events/schema.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** Records every bot interaction on /metrics and in MongoDB, without blocking the answer. */
export function createUsageRecorder(conn: Connection, metrics: Metrics, logger: Logger): UsageRecorder {
  const model = botEventModel(conn);
  const count = new Counter({
    name: 'bot_interactions_total',
    help: 'Commands, buttons and card actions handled, by platform, kind and outcome',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers: [metrics.registry],
  });
  const latency = new Histogram({
    name: 'bot_interaction_seconds',
    help: 'Time to answer a command or action',
    labelNames: ['platform', 'kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [metrics.registry],
  });
  // writes in flight, so that shutting down waits for them instead of cutting them off
  const pending = new Set<Promise<unknown>>();
  return {
    record(r) {
      count.inc({ platform: r.platform, kind: r.kind, outcome: r.outcome });
      latency.observe({ platform: r.platform, kind: r.kind }, r.latencyMs / 1000);
      const write = model.collection.insertOne({ ...r, at: new Date() }).catch((err: unknown) => logger.warn({ err }, 'usage record not stored'));
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
