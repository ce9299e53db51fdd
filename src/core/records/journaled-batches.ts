/**
 * Write batches that MongoDB may cut short (interactions, survey answers). A batch writes its
 * records first and moves their rollup contribution after; if MongoDB goes away in between, the
 * client gets a 503 and sends again, and the records it finds are "unchanged": without this,
 * their contribution would never reach the rollups. So each batch is journaled (open before its first write,
 * closed once the rollups have it), every document it writes carries its token, and every
 * bucket it changes carries the same token as a mark. A batch cut short is finished from what
 * its documents say (the version written and the version the rollups held before), skipping
 * the buckets already marked, so no contribution is lost or counted twice.
 *
 * Who finishes: the instance that ran it (retrying in the background until MongoDB is back),
 * or, once its lease is over (that instance died), whichever instance next meets its documents
 * or sweeps the tenant. Only the lease holder finishes a batch, so no two do at once.
 */
import { randomUUID } from 'node:crypto';
import { UnavailableError } from '../errors.js';
import { sleep } from '../concurrency.js';
import type { BatchWrite, Journaled, UpsertOutcome } from '../ports/interactions.js';

type Keyed = { source: string; externalId: string };

export interface BatchContext<T extends Keyed> {
  /** the store written to, with its journal */
  store: Journaled<T>;
  tenantId: string;
  /** moves the contribution of written records into the rollups (and what follows from it) */
  finish(token: string, outcomes: UpsertOutcome<T>[], repair: boolean): Promise<void>;
  /** update-only writes computed from the stored versions (see BatchOptions.rebase) */
  rebase?(stored: T): T;
}

const LEASE_MS = 2 * 60_000;
/** how long a write waits for another batch that owns one of its documents */
const WAIT_MS = 10_000;
const SWEEP_EVERY_MS = 60_000;
const RETRY_FOR_MS = 15 * 60_000;

/** Batches this process runs or finishes: resolved once settled (or given up on). Tokens are unique, so one map serves every service. */
const inflight = new Map<string, Promise<void>>();
const settled = new Set<string>();
/** per journal and tenant */
const lastSweep = new WeakMap<object, Map<string, number>>();

const leaseFromNow = () => new Date(Date.now() + LEASE_MS);

function remember(token: string) {
  settled.add(token);
  // a settled batch never reopens; the cache only saves a lookup
  if (settled.size > 10_000) settled.delete(settled.values().next().value!);
}

async function within(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const asOutcomes = <T>(writes: BatchWrite<T>[]): UpsertOutcome<T>[] =>
  writes.map((w) => ({ record: w.record, previous: w.previous, kind: w.previous ? 'updated' : 'created' }));

/** Writes one batch and moves its contribution; if that is cut short, finishes it in the background and throws. */
export async function runBatch<T extends Keyed>(ctx: BatchContext<T>, records: T[]): Promise<UpsertOutcome<T>[]> {
  const { store, tenantId } = ctx;
  const token = randomUUID();
  let lease = leaseFromNow();
  const work = (async () => {
    await store.batches.open(tenantId, token, records.map((r) => ({ source: r.source, externalId: r.externalId })), lease);
    const outcomes = await store.upsertMany(tenantId, records, { token, settle: (other) => settleBatch(ctx, other), ...(ctx.rebase ? { rebase: ctx.rebase } : {}) });
    // a slow batch renews its lease before the rollups, so no other instance takes it over meanwhile
    if (lease.getTime() - Date.now() < LEASE_MS / 2) {
      const next = leaseFromNow();
      if (!(await store.batches.renew(tenantId, token, lease, next))) throw new UnavailableError();
      lease = next;
    }
    await ctx.finish(token, outcomes, false);
    remember(token);
    return outcomes;
  })();
  inflight.set(
    token,
    work.then(
      () => undefined,
      () => finishLater(ctx, token, lease),
    ),
  );
  try {
    return await work;
  } finally {
    void inflight.get(token)!.finally(() => inflight.delete(token));
  }
}

/**
 * Finishes a batch this process holds the lease of (or whose lease is over), retrying with
 * backoff while MongoDB is away. Gives up after RETRY_FOR_MS: the sweep takes it over then.
 */
async function finishLater<T extends Keyed>(ctx: BatchContext<T>, token: string, held: Date | null): Promise<void> {
  const { store, tenantId } = ctx;
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const until = await store.batches.leaseOf(tenantId, token);
      if (!until) break;
      // another instance holds a live lease: it is finishing the batch
      if (until.getTime() !== held?.getTime() && until.getTime() > Date.now()) return;
      const next = leaseFromNow();
      if (!(await store.batches.renew(tenantId, token, until, next))) return;
      held = next;
      await ctx.finish(token, asOutcomes(await store.batches.writes(tenantId, token)), true);
      break;
    } catch {
      // MongoDB still away (or the service stopped): try again later
      if (Date.now() > giveUpAt) return;
      await sleep(Math.min(30_000, 500 * 2 ** attempt));
    }
  }
  remember(token);
}

function takeOver<T extends Keyed>(ctx: BatchContext<T>, token: string): Promise<void> {
  let p = inflight.get(token);
  if (!p) {
    p = finishLater(ctx, token, null).finally(() => inflight.delete(token));
    inflight.set(token, p);
  }
  return p;
}

/**
 * Called before a write touches a document that another batch wrote: returns once that batch
 * is settled (finishing it when its instance died), or throws UnavailableError (503) when it
 * is still running elsewhere after WAIT_MS.
 */
export async function settleBatch<T extends Keyed>(ctx: BatchContext<T>, token: string): Promise<void> {
  if (settled.has(token)) return;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const mine = inflight.get(token);
    if (mine && !(await within(mine, deadline - Date.now()))) throw new UnavailableError();
    const until = await ctx.store.batches.leaseOf(ctx.tenantId, token);
    if (!until) return remember(token);
    if (until.getTime() < Date.now()) await within(takeOver(ctx, token), Math.max(0, deadline - Date.now()));
    else if (Date.now() >= deadline) throw new UnavailableError();
    else await sleep(200);
    if (Date.now() >= deadline && !settled.has(token)) throw new UnavailableError();
  }
}

/** Once a minute per tenant: batches whose instance died (lease over) are finished in the background. */
export async function sweepExpiredBatches<T extends Keyed>(ctx: BatchContext<T>): Promise<void> {
  if (!lastSweep.has(ctx.store.batches)) lastSweep.set(ctx.store.batches, new Map());
  const sweeps = lastSweep.get(ctx.store.batches)!;
  if (Date.now() - (sweeps.get(ctx.tenantId) ?? 0) < SWEEP_EVERY_MS) return;
  sweeps.set(ctx.tenantId, Date.now());
  for (const token of await ctx.store.batches.expired(ctx.tenantId, new Date())) void takeOver(ctx, token);
}
