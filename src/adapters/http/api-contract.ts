/**
 * How a REST operation is described once, from zod schemas, for both its route and the OpenAPI
 * document (openapi.ts): request parts, responses with examples, and the errors it may answer.
 * Routes answer through `sendAs`, so a body that no longer matches its schema does not compile.
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { ApiKeyScope } from '../../core/domain/api-key.js';

/** Every error answer of the API (respond.ts `sendError`). */
export const ZApiError = z.object({
  error: z.object({
    code: z.string().describe('stable, machine-readable'),
    message: z.string().describe('localized (Accept-Language: pt-BR or en)'),
    details: z.array(z.unknown()).optional().describe('one message per problem, when there are several'),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** statuses an operation may answer besides its successes (401/403/429/503 go with every keyed one) */
export type ErrorStatus = 400 | 404 | 409 | 413 | 502;

export interface ApiResponse {
  description: string;
  schema: z.ZodType;
  example: unknown;
  /** default application/json (checked against the schema); others, e.g. a PDF, are documented as such */
  mediaType?: string;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI form: /api/v1/agents/{agentId} */
  path: string;
  operationId: string;
  tags: [string, ...string[]];
  summary: string;
  description?: string;
  /** the API key scope it needs; null: no key */
  scope: ApiKeyScope | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** the JSON body */
  body?: { schema: z.ZodType; example: unknown };
  /** other body types (NDJSON, CSV), read as text */
  textBodies?: Record<string, { description: string; example: string }>;
  responses: Record<number, ApiResponse>;
  errors?: ErrorStatus[];
  /** an error answer with a body of its own (e.g. 409 naming the running job) */
  errorBodies?: Partial<Record<ErrorStatus, ApiResponse>>;
}

/** true only when each type is assignable to the other (a field added or dropped on one side breaks it) */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Drift<T, S> = Mutual<T, S> extends true ? unknown : { 'the response no longer matches its zod schema': never };

/** Answers with `body`, whose type must be exactly the schema's output type. */
export function sendAs<S extends z.ZodType, T extends z.output<S>>(res: Response, _schema: S, body: T & Drift<T, z.output<S>>, status = 200): void {
  res.status(status).json(body);
}
