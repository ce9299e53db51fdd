// Types for scripts/db.mjs (plain Node ESM) so TypeScript test setup can import it.

export declare const ROOT: string;
export declare const DEV: { dataFile: string; stateFile: string; logFile: string };
export declare class DbError extends Error {}

export interface HelloReply {
  ok: number | boolean;
  maxWireVersion?: number;
  [field: string]: unknown;
}

export interface StartOptions {
  /** H2 data file (default .data/mongo/db.h2). */
  dataFile?: string;
  /** pid/port record (default .data/mongo/server.json). */
  stateFile?: string;
  /** Server log (default .data/mongo/server.log). */
  logFile?: string;
  /** Fixed port; 0 = random free port. Default: env DB_PORT, else 27018 if free, else random. */
  port?: number;
  /** Database in the returned URI (default env DB_NAME or 'csops'). */
  dbName?: string;
  /** Reuse a live server recorded in stateFile (default true). */
  reuse?: boolean;
  /** Delete dataFile before starting (default false). */
  fresh?: boolean;
  /** Readiness timeout (default 60000). */
  timeoutMs?: number;
  /** Progress logger (default: stderr). */
  log?: (message: string) => void;
  /** Extra fields recorded in the state file (e.g. ownerPid). */
  meta?: Record<string, unknown>;
}

export interface StartedServer {
  uri: string;
  port: number;
  pid: number;
  reused: boolean;
  stateFile: string;
  logFile: string;
  dataFile: string;
}

export declare function startServer(opts?: StartOptions): Promise<StartedServer>;
export declare function stopServer(opts?: {
  stateFile?: string;
  graceMs?: number;
}): Promise<{ stopped: boolean; pid?: number; port?: number }>;
export declare function reapStale(dir: string): Promise<number>;
export declare function canLaunch(): boolean;
export declare function ensureJars(opts?: { log?: (message: string) => void }): void;
export declare function hello(port: number, opts?: { host?: string; timeoutMs?: number }): Promise<HelloReply | null>;
export declare function isAlive(pid: number): boolean;
export declare function readState(stateFile?: string): { pid: number; port: number; [k: string]: unknown } | null;
