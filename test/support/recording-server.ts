/**
 * A local HTTP server that stands in for a platform's API in tests (Slack Web API and
 * response_url, Bot Connector, …): it records every request and answers what it is told to.
 *
 *   const api = await startRecordingServer();
 *   api.on('/api/chat.postMessage', { body: { ok: true, ts: '1.2' } });
 *   api.on(/\/v3\/conversations\/.+\/activities/, (req) => ({ status: 201, body: { id: 'a1' } }));
 *   api.rateLimit('/api/chat.update', 1, 1);            // one 429 with Retry-After: 1
 *   const call = await api.waitFor((r) => r.path === '/api/chat.update');
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** path without the query string */
  path: string;
  query: Record<string, string>;
  /** lower-case header names */
  headers: Record<string, string>;
  raw: string;
  /** the body's bytes as received (binary uploads) */
  bytes: Buffer;
  /** JSON or form bodies parsed into an object; anything else is the raw text */
  body: unknown;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** objects are sent as JSON; strings as they are */
  body?: unknown;
  /** answer after this many milliseconds (a slow platform) */
  delayMs?: number;
}

export type Responder = Reply | ((req: RecordedRequest) => Reply | Promise<Reply>);
type Matcher = string | RegExp;

export interface RecordingServerOptions {
  /** answers for paths no `on()` rule matches; default: 200 `{ "ok": true }` */
  fallback?: (req: RecordedRequest) => Reply | Promise<Reply>;
}

export interface RecordingServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  requests: RecordedRequest[];
  /** answers requests to a path (exact string or RegExp); later rules win */
  on(path: Matcher, reply: Responder): void;
  /** the next `times` requests to `path` get 429 with Retry-After: `retryAfterSeconds` */
  rateLimit(path: Matcher, times: number, retryAfterSeconds?: number): void;
  /** requests so far to a path */
  calls(path: Matcher): RecordedRequest[];
  /** resolves with the first request (past or future) matching the predicate */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** forgets recorded requests (rules stay) */
  clear(): void;
  close(): Promise<void>;
}

const matches = (m: Matcher, path: string) => (typeof m === 'string' ? m === path : m.test(path));

function parseBody(raw: string, type: string): unknown {
  if (!raw) return undefined;
  if (type.includes('json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const raw = bytes.toString('utf8');
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    raw,
    bytes,
    body: parseBody(raw, headers['content-type'] ?? ''),
    at: Date.now(),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const isText = typeof reply.body === 'string';
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const type = isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
  res.end(payload);
}

export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const rules: { path: Matcher; reply: Responder }[] = [];
  const limits: { path: Matcher; left: number; retryAfter: number }[] = [];
  const waiters = new Set<{ predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();
  const fallback = options.fallback ?? (() => ({ body: { ok: true } }));

  async function answer(req: RecordedRequest): Promise<Reply> {
    const limit = limits.find((l) => l.left > 0 && matches(l.path, req.path));
    if (limit) {
      limit.left--;
      return { status: 429, headers: { 'retry-after': String(limit.retryAfter) }, body: { ok: false, error: 'ratelimited' } };
    }
    const rule = [...rules].reverse().find((r) => matches(r.path, req.path));
    if (!rule) return fallback(req);
    return typeof rule.reply === 'function' ? rule.reply(req) : rule.reply;
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const recorded = await record(req);
        requests.push(recorded);
        for (const w of waiters) {
          if (w.predicate(recorded)) {
            waiters.delete(w);
            w.resolve(recorded);
          }
        }
        const reply = await answer(recorded);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        send(res, reply);
      } catch (e) {
        send(res, { status: 500, body: { ok: false, error: String(e) } });
      }
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(path, reply) {
      rules.push({ path, reply });
    },
    rateLimit(path, times, retryAfterSeconds = 1) {
      limits.push({ path, left: times, retryAfter: retryAfterSeconds });
    },
    calls: (path) => requests.filter((r) => matches(path, r.path)),
    waitFor(predicate, timeoutMs = 5000) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching request within ${timeoutMs} ms; got: ${requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      requests.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
