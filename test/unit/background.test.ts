/** Post-start work: retried with backoff until it succeeds, never ending the process. */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runInBackground } from '../../src/cli/background.js';
import { createLogger } from '../../src/infra/observability/logger.js';

const captured = () => {
  const lines: { msg: string; attempt?: number; retryInMs?: number; err?: unknown }[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as (typeof lines)[number]), done()) });
  return { lines, logger: createLogger('info', sink) };
};

describe('runInBackground', () => {
  it('retries a failing task with a doubling wait until it succeeds, logging each failure', async () => {
    const { lines, logger } = captured();
    let calls = 0;
    const ok = await runInBackground('demo', async () => {
      if (++calls < 4) throw new Error('connect ECONNREFUSED');
    }, { logger, firstDelayMs: 10, maxDelayMs: 25 });
    expect(ok).toBe(true);
    expect(calls).toBe(4);
    const failures = lines.filter((l) => l.msg === 'background task failed; retrying');
    expect(failures.map((l) => [l.attempt, l.retryInMs, l.err])).toEqual([[1, 10, 'connect ECONNREFUSED'], [2, 20, 'connect ECONNREFUSED'], [3, 25, 'connect ECONNREFUSED']]);
    expect(lines.at(-1)).toMatchObject({ msg: 'background task done after retries', attempt: 4 });
  });

  it('stops retrying once the service stops (aborted), and never rejects', async () => {
    const { logger } = captured();
    const stop = new AbortController();
    let calls = 0;
    const done = runInBackground('demo', async () => {
      calls++;
      if (calls === 2) stop.abort();
      throw new Error('down');
    }, { logger, firstDelayMs: 5, signal: stop.signal });
    await expect(done).resolves.toBe(false);
    expect(calls).toBe(2);
  });
});

describe('logUnhandledRejections', () => {
  it('logs a rejection nobody awaited and the process keeps running', () => {
    const script = `
      import { logUnhandledRejections } from './src/cli/background.ts';
      import { createLogger } from './src/infra/observability/logger.ts';
      logUnhandledRejections(createLogger('info'));
      Promise.reject(new Error('boom'));
      setTimeout(() => process.stdout.write('still running\\n'), 200);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('still running');
    expect(r.stdout).toMatch(/"msg":"unhandled promise rejection; the service keeps running"/);
    expect(r.stdout).toContain('boom');
  });
});
