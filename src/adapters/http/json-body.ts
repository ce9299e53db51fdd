import express, { type RequestHandler } from 'express';
import { ValidationError } from '../../core/errors.js';
import { MAX_DEPTH, nestsDeeperThan } from '../../core/ingest/depth.js';

/**
 * express.json() and a depth check before any handler sees the body: a body nested more than
 * MAX_DEPTH levels is a 400 (localized by the error handler) before zod or a log walks it.
 */
export function jsonBody(o: { limit: string | number; anyType?: boolean }): RequestHandler[] {
  return [
    express.json({ limit: o.limit, ...(o.anyType ? { type: () => true } : {}) }),
    (req, _res, next) => {
      if (nestsDeeperThan(req.body)) throw new ValidationError('error.too_deep', { max: MAX_DEPTH });
      next();
    },
  ];
}
