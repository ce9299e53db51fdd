/**
 * The suite must pass on any date: a test that reads dates takes its clock from the test (the
 * service and the console accept an injected `now`), and core reads time through `deps.now`.
 * The reads of the machine's clock left are listed here, each with why it is not a date.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Argument-less `new Date` and `Date.now`, written so this file does not match itself. */
const WALL_CLOCK = new RegExp(['new Date\\(\\)', 'Date\\.now\\(\\)'].join('|'), 'g');

/** By file name (files may move between folders): reads allowed, and why none is a date. */
const ALLOWED: Record<string, { reads: number; why: string }> = {
  // tests
  'console.test.ts': { reads: 2, why: 'starts the service clock at 2026-11-26 12:00 UTC and lets it run from there' },
  'console-settings.test.ts': { reads: 2, why: 'as console.test.ts: the service clock starts at 2026-11-26 12:00 UTC and runs from there' },
  'faults.test.ts': { reads: 3, why: 'elapsed time of retries; a lease that expired a second ago (leases run on real time)' },
  'teams-auth.test.ts': { reads: 6, why: 'JWT iat/nbf/exp around now: the Bot Framework token check uses the real clock' },
  'key-rotation.test.ts': { reads: 2, why: 'a report due ten minutes ago, run now: only the distance matters' },
  'mongo-compat.test.ts': { reads: 2, why: 'createdAt of a TTL collection, only inserted (not read as a date)' },
  'api-key-cache.test.ts': { reads: 2, why: 'a polling deadline' },
  'api-keys.test.ts': { reads: 4, why: 'elapsed time against the cache TTL' },
  'kpi-alerts.test.ts': { reads: 1, why: 'a unique Slack message ts' },
  'slack-kpi.test.ts': { reads: 2, why: 'a unique Slack message ts; a signature 10 minutes stale (Bolt checks the real clock)' },
  'kpi-rollups.property.test.ts': { reads: 1, why: 'a random seed (PROPERTY_SEED replays it)' },
  'shutdown.test.ts': { reads: 5, why: 'start-up deadline and shutdown timing; a record created an hour before a child process’s real now' },
  'shutdown-jobs.test.ts': { reads: 2, why: 'elapsed time of a shutdown' },
  'sla-business-hours.test.ts': { reads: 1, why: 'a recompute lease that passed a minute ago (leases run on real time)' },
  'tenant-vouching.test.ts': { reads: 1, why: 'the activity timestamp, which nothing reads' },
  'secrets-at-rest.test.ts': { reads: 4, why: 'a link signed now and checked now; updatedAt of legacy documents; the link key load time' },
  'slack-oauth.test.ts': { reads: 3, why: 'a retry measured in real time (1 s back-off), so the Slack mount runs on it too' },
  'slack-socket-mode.test.ts': { reads: 1, why: 'elapsed time of an ack' },
  'slack.ts': { reads: 4, why: 'Slack signature timestamps and action/event ts: Bolt checks them against the real clock' },
  'slack-socket.ts': { reads: 1, why: 'when an ack arrived (elapsed time)' },
  'global-setup.ts': { reads: 1, why: 'a unique data directory name' },
  'recording-server.ts': { reads: 1, why: 'when a request arrived (elapsed time)' },
  // core: deadlines, leases and ids, none a business date
  'journaled-batches.ts': { reads: 14, why: 'batch leases and retry deadlines shared between instances (real time)' },
  'run-meeting.ts': { reads: 1, why: 'a unique entry id' },
  'plan-meeting.ts': { reads: 1, why: 'a unique item id' },
  'send-survey.ts': { reads: 2, why: 'a retry deadline' },
  'recompute-sla.ts': { reads: 3, why: 'the recompute job lease and its expiry (real time between instances)' },
  'handle-event.ts': { reads: 2, why: 'latency of an event, for usage metrics' },
};

describe('no wall clock in tests or core', () => {
  const reads = Object.fromEntries(
    [...files('test'), ...files('src/core')]
      .map((f) => [f, readFileSync(f, 'utf8').match(WALL_CLOCK)?.length ?? 0] as const)
      .filter(([, n]) => n > 0),
  );

  it('reads the machine’s clock only where the allow-list says why', () => {
    const unexplained = Object.entries(reads)
      .filter(([f, n]) => ALLOWED[basename(f)]?.reads !== n)
      .map(([f, n]) => `${f}: ${n} read(s), allowed ${ALLOWED[basename(f)]?.reads ?? 0} — inject the clock (now) or list it with a reason`);
    expect(unexplained).toEqual([]);
  });

  it('the allow-list names no file that no longer reads the clock', () => {
    const found = new Set(Object.keys(reads).map((f) => basename(f)));
    expect(Object.keys(ALLOWED).filter((name) => !found.has(name))).toEqual([]);
  });
});
