/**
 * The soak's service process as the harness sees it: forked with tsx, asked things over IPC,
 * its resident memory read from /proc (the harness's own memory never counts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SoakRequest } from './soak-protocol.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./soak-service.ts', import.meta.url));
/** service log lines kept for the report (warnings and errors only are logged) */
const LOG_LINES = 40;

export interface SoakProcess {
  pid: number;
  url: string;
  call<T>(req: SoakRequest): Promise<T>;
  /** resident set of the service process, from /proc/<pid>/status */
  rss(): { rss: number; anon: number };
  log: string[];
  stop(): Promise<void>;
}

function procStatusBytes(pid: number, field: string, status: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

export async function startSoakService(env: Record<string, string>, nodeFlags: string[] = []): Promise<SoakProcess> {
  const child: ChildProcess = fork(ENTRY, [], {
    cwd: ROOT,
    execPath: process.execPath,
    execArgv: ['--import', 'tsx', '--expose-gc', ...nodeFlags],
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      log.push(...chunk.split('\n').filter(Boolean));
      log.splice(0, Math.max(0, log.length - LOG_LINES));
    });
  }
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (msg: { ready?: string; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) return resolve(msg.ready);
      const w = waiting.get(msg.id ?? -1);
      waiting.delete(msg.id ?? -1);
      if (msg.error) w?.reject(new Error(msg.error));
      else w?.resolve(msg.result);
    });
    void exited.then(([code]) => {
      const gone = new Error(`soak service exited (${String(code)}): ${log.join('\n')}`);
      reject(gone);
      for (const w of waiting.values()) w.reject(gone);
      waiting.clear();
    });
  });
  const pid = child.pid!;
  return {
    pid,
    url,
    log,
    call<T>(req: SoakRequest) {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, req });
      });
    },
    rss() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return { rss: procStatusBytes(pid, 'VmRSS', status), anon: procStatusBytes(pid, 'RssAnon', status) };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.send({ id: ++next, req: { op: 'stop' } });
      await exited;
      clearTimeout(timer);
    },
  };
}
