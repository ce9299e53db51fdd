/**
 * Re-judges the SLA of the interactions created in a past range of local dates with the
 * tenant's current policy and calendar, in the background. Each changed interaction goes
 * through the journaled write path (rewriteInteractions), so the rollups move exactly while
 * KPIs stay readable. One job per tenant at a time; a job whose instance died is taken for
 * failed once its lease passes, and can be started again: re-judging a re-judged record
 * changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { sleep } from '../concurrency.js';
import type { InteractionRecord } from '../domain/interaction.js';
import { DomainError, NotFoundError, UnavailableError, ValidationError } from '../errors.js';
import { MAX_RANGE_DAYS, rangeDays } from '../periods/parse.js';
import type { SlaJobProgress, SlaJobStore, SlaRecomputeJob } from '../ports/sla-jobs.js';
import type { TenantStore } from '../ports/tenants.js';
import { calendarOf, rejudgeSla, sameSla } from './judge.js';
import { rewriteInteractions, type StoreDeps } from '../records/index.js';

export interface RecomputeSlaDeps extends StoreDeps {
  tenants: TenantStore;
  slaJobs: SlaJobStore;
  logger?: { warn(fields: object, message: string): void };
}

export interface RecomputeSlaOptions {
  /** interactions read, re-judged and written per step (default 500) */
  pageSize?: number;
  /** awaited between steps (default: lets other work run first) */
  pause?: () => Promise<void>;
  /** a running job not heard of for this long is taken for dead (default 2 minutes) */
  leaseMs?: number;
}

export class SlaRecomputeRunningError extends DomainError {
  constructor(readonly job: SlaRecomputeJob) {
    super('conflict', 'sla.recompute.running', { id: job.id });
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDay = (s: string) => ISO_DAY.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
const shown = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** The body `{ from, to }`: existing dates, from ≤ to, at most MAX_RANGE_DAYS days (both included). */
export function parseRecomputeRange(body: unknown): { from: string; to: string } {
  const shape = z.strictObject({ from: z.string(), to: z.string() }).safeParse(body);
  if (!shape.success) throw new ValidationError('sla.recompute.invalid_body');
  const { from, to } = shape.data;
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDay(value)) throw new ValidationError('sla.recompute.invalid_date', { field, value: shown(value) });
  }
  if (from > to) throw new ValidationError('sla.recompute.reversed', { from, to });
  const days = rangeDays(from, to);
  if (days > MAX_RANGE_DAYS) throw new ValidationError('sla.recompute.too_long', { days, max: MAX_RANGE_DAYS });
  return { from, to };
}

interface Plan {
  start: Date;
  end: Date;
  rollupTimezone: string;
  judge: (stored: InteractionRecord) => InteractionRecord;
}

interface Run {
  stop(): void;
  stopped: Promise<void>;
  done: Promise<void>;
}

export function createSlaRecompute(deps: RecomputeSlaDeps, opts: RecomputeSlaOptions = {}) {
  const pageSize = opts.pageSize ?? 500;
  const leaseMs = opts.leaseMs ?? 2 * 60_000;
  const pause = opts.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const runs = new Map<string, Run>();
  let closing = false;
  const leaseFromNow = () => new Date(Date.now() + leaseMs);

  async function end(job: SlaRecomputeJob, p: SlaJobProgress, error?: SlaRecomputeJob['error']) {
    await deps.slaJobs.finish(job.tenantId, job.id, error ? { status: 'failed', error, ...p } : { status: 'done', ...p, total: p.done });
  }

  async function steps(job: SlaRecomputeJob, plan: Plan, run: { stopped: Promise<void>; isStopped: () => boolean }) {
    const p: SlaJobProgress = { total: job.total, done: 0, changed: 0 };
    try {
      for await (const page of deps.interactions.createdBetween(job.tenantId, plan.start, plan.end, pageSize)) {
        if (run.isStopped()) return await end(job, p, 'stopped');
        // most records of a second run are already right: only the others are written
        const stale = page.filter((r) => !sameSla(plan.judge(r).sla, r.sla));
        if (stale.length > 0) p.changed += (await rewriteInteractions(deps, job.tenantId, plan.rollupTimezone, stale, plan.judge)).updated;
        p.done += page.length;
        p.total = Math.max(p.total, p.done);
        // taken for dead meanwhile (lease passed): another job may run now, this one stops
        if (!(await deps.slaJobs.progress(job.tenantId, job.id, p, leaseFromNow()))) return;
        await Promise.race([pause(), run.stopped]);
      }
      await end(job, p, run.isStopped() ? 'stopped' : undefined);
    } catch (e) {
      deps.logger?.warn({ err: (e as Error).message, tenantId: job.tenantId, jobId: job.id }, 'SLA recompute failed');
      await end(job, p, run.isStopped() ? 'stopped' : 'error').catch((err: unknown) => deps.logger?.warn({ err: (err as Error).message, jobId: job.id }, 'SLA recompute: failure not recorded (its lease will end it)'));
    }
  }

  function launch(job: SlaRecomputeJob, plan: Plan) {
    let stopped = false;
    let signal = () => {};
    const stoppedP = new Promise<void>((resolve) => (signal = resolve));
    const done = steps(job, plan, { stopped: stoppedP, isStopped: () => stopped }).finally(() => runs.delete(job.id));
    const stop = () => {
      stopped = true;
      signal();
    };
    runs.set(job.id, { stop, stopped: stoppedP, done });
  }

  return {
    /** Starts a job (202 view) or throws: ValidationError, SlaRecomputeRunningError (one runs already). */
    async start(tenantId: string, body: unknown): Promise<SlaRecomputeJob> {
      const range = parseRecomputeRange(body);
      if (closing) throw new UnavailableError();
      const tenant = await deps.tenants.get(tenantId);
      const calendar = calendarOf(tenant);
      const start = DateTime.fromISO(range.from, { zone: tenant.timezone }).startOf('day').toJSDate();
      const endAt = DateTime.fromISO(range.to, { zone: tenant.timezone }).plus({ days: 1 }).startOf('day').toJSDate();
      const now = new Date();
      await deps.slaJobs.expire(tenantId, now);
      const total = await deps.interactions.countCreated(tenantId, start, endAt);
      const job: SlaRecomputeJob = { id: randomUUID(), tenantId, ...range, status: 'running', total, done: 0, changed: 0, startedAt: now, updatedAt: now, leaseUntil: leaseFromNow() };
      const r = await deps.slaJobs.start(job);
      if ('running' in r) throw new SlaRecomputeRunningError(r.running);
      launch(r.started, { start, end: endAt, rollupTimezone: tenant.rollupTimezone, judge: (stored) => rejudgeSla(stored, tenant.slaPolicy, calendar) });
      return r.started;
    },
    /** A job of the tenant, as it stands (a running one whose lease passed is failed first). */
    async get(tenantId: string, id: string): Promise<SlaRecomputeJob> {
      await deps.slaJobs.expire(tenantId, new Date());
      const job = await deps.slaJobs.get(tenantId, id);
      if (!job) throw new NotFoundError('sla.recompute.not_found', { id: shown(id) });
      return job;
    },
    /** Service stop: running jobs end as failed ("stopped") after their current step, within graceMs. */
    async stop(graceMs = 10_000): Promise<void> {
      closing = true;
      const all = [...runs.values()];
      for (const r of all) r.stop();
      await Promise.race([Promise.all(all.map((r) => r.done)), sleep(graceMs)]);
    },
  };
}
export type SlaRecompute = ReturnType<typeof createSlaRecompute>;
