/**
 * The path a request log line shows: the route's pattern (`/api/v1/customers/:id/erase`), never
 * the customer id, chart token or conversation id in it. Query strings are never shown.
 */
import type { Request } from 'express';

interface LayerLike {
  route?: { path?: unknown };
  rawPath?: unknown;
  handle?: { stack?: LayerLike[] };
}

const segmentsOf = (path: string) => path.split('/').filter((s) => s !== '');
/** `\:` in an Express path is a literal colon ("interactions\:import") */
const unescape = (segment: string) => segment.replace(/\\(.)/g, '$1');
const isParam = (segment: string) => /^[:*]|[{}()]/.test(segment);

interface RouteTable {
  patterns: string[];
  /** every fixed segment of every route and mount path */
  literals: Set<string>;
}

const tables = new WeakMap<object, RouteTable>();

/** The app's routes, read once from Express's own table (all are mounted before it listens). */
function tableOf(app: Request['app']): RouteTable {
  const cached = tables.get(app);
  if (cached) return cached;
  const table: RouteTable = { patterns: [], literals: new Set() };
  const add = (path: unknown, isRoute: boolean) => {
    for (const p of Array.isArray(path) ? path : [path]) {
      if (typeof p !== 'string') continue;
      if (isRoute) table.patterns.push(p);
      for (const s of segmentsOf(p)) if (!isParam(s)) table.literals.add(unescape(s));
    }
  };
  const walk = (stack: LayerLike[]) => {
    for (const layer of stack) {
      if (layer.route) add(layer.route.path, true);
      else add(layer.rawPath, false);
      if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack);
    }
  };
  walk(((app as unknown as { router?: { stack?: LayerLike[] } }).router?.stack ?? []));
  tables.set(app, table);
  return table;
}

function matches(pattern: string, segments: string[]): boolean {
  const want = segmentsOf(pattern);
  return want.length === segments.length && want.every((w, i) => (isParam(w) ? segments[i] !== '' : unescape(w) === segments[i]));
}

/**
 * Without a matched route (refused before routing: 401, 429; or no route at all: 404) the path
 * is matched against the app's patterns, and else every segment that is not a fixed word of
 * some route is replaced by `:x`.
 */
export function scrubPath(path: string, table: RouteTable): string {
  let segments: string[];
  try {
    segments = segmentsOf(path).map((s) => decodeURIComponent(s));
  } catch {
    segments = segmentsOf(path);
  }
  const pattern = table.patterns.find((p) => matches(p, segments));
  if (pattern) return pattern;
  return `/${segments.map((s) => (table.literals.has(s) ? s : ':x')).join('/')}`;
}

export function loggedPath(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl ?? ''}${route}`;
  return scrubPath((req.originalUrl ?? req.url ?? '').split('?')[0] ?? '', tableOf(req.app));
}
