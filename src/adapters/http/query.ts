import type { Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../../core/errors.js';

/** A query string read by its schema: each parameter once, as text; the first problem named. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const given = Object.fromEntries(
    Object.entries(req.query).map(([name, value]) => {
      if (typeof value !== 'string') throw new ValidationError('error.query_param', { name, reason: 'must be given once, as text' });
      return [name, value];
    }),
  );
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new ValidationError('error.query_param', { name: issue.keys.join(', '), reason: `unknown parameter(s) ${issue.keys.join(', ')}` });
  throw new ValidationError('error.query_param', { name: String(issue.path[0] ?? '?'), reason: issue.message });
}
