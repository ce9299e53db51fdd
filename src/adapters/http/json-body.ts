import express, { type RequestHandler } from 'express';
import { ValidationError } from '../../core/errors.js';
import { MAX_DEPTH, nestsDeeperThan } from '../../core/ingest/depth.js';

/**
 * express.json() and a depth check before any handler sees the body: a body nested more than
 * MAX_DEPTH levels is a 400 (localized by the error handler) before zod or a log walks it. A
 * field named `__proto__` is a 400 too: a map read from it (KPI targets by path) would set the
 * map's prototype instead of holding the entry, and the request would seem to succeed.
 */
export function jsonBody(o: { limit: string | number; anyType?: boolean }): RequestHandler[] {
  return [
    express.json({ limit: o.limit, ...(o.anyType ? { type: () => true } : {}) }),
    (req, _res, next) => {
      if (nestsDeeperThan(req.body)) throw new ValidationError('error.too_deep', { max: MAX_DEPTH });
      if (hasProtoKey(req.body)) throw new ValidationError('error.proto_key');
      next();
    },
  ];
}

/** Whether any object in the (depth-checked) value has an own `__proto__` key (JSON.parse makes it one). */
function hasProtoKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && Object.hasOwn(v, '__proto__')) return true;
    stack.push(...Object.values(v));
  }
  return false;
}
