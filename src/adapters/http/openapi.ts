/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas (requests and
 * responses alike): the routes answer through the same schemas (api-contract.ts `sendAs`), and
 * test/integration/openapi-conformance.test.ts checks every route against this document.
 */
import { z } from 'zod';
import type { ApiOperation, ApiResponse, ErrorStatus } from './api-contract.js';
import { ZApiError } from './api-contract.js';
import { dataOperations } from './openapi-data-ops.js';
import { settingsOperations } from './openapi-settings-ops.js';
import { reportOperations } from './routes/report-document.js';

/**
 * Every documented operation. A new route under /api/v1 adds its operations here (e.g. a
 * `reportOperations` list beside its route), or the conformance test fails.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [...dataOperations, ...settingsOperations, ...reportOperations];

type JsonSchema = Record<string, unknown>;
/** z.url() reads URLs as browsers do (a ticket link keeps its `{externalId}`), which RFC 3986's `uri` format refuses */
const lenientUrls = (ctx: { jsonSchema: JsonSchema }) => {
  if (ctx.jsonSchema['format'] === 'uri') delete ctx.jsonSchema['format'];
};
/** requests as they may be sent (defaults optional), responses as they are answered (no extra fields) */
function schemaOf(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(s, { io, unrepresentable: 'any', override: lenientUrls }) as JsonSchema;
  return schema;
}

const ERRORS: Record<ErrorStatus | 401 | 403 | 429 | 503, { description: string; code: string; message: string }> = {
  400: { description: 'Invalid parameter or body: the message names the field and what is allowed; nothing changed', code: 'validation', message: 'Invalid request: period: must be week, month, …' },
  401: { description: 'Missing or invalid API key', code: 'unauthorized', message: 'Send a valid API key: Authorization: Bearer <key>.' },
  403: { description: 'The API key lacks the scope this operation needs', code: 'insufficient_scope', message: 'This API key does not have the admin scope.' },
  404: { description: 'Not found', code: 'not_found', message: 'Not found.' },
  409: { description: 'Conflicts with what is stored', code: 'conflict', message: 'U0ANA is already agent ana.souza.' },
  413: { description: 'Body over the size limit', code: 'body_too_large', message: 'The body is over 1048576 bytes.' },
  429: { description: 'Too many requests for this tenant; retry after Retry-After seconds', code: 'rate_limited', message: 'Too many requests; try again in 60 seconds.' },
  502: { description: 'The platform refused the message (code in the message); it may be sent again', code: 'platform', message: 'Slack refused the message (channel_not_found).' },
  503: { description: 'Database unavailable; retry after Retry-After seconds', code: 'unavailable', message: 'The service is unavailable; try again in 5 seconds.' },
};

const content = (r: ApiResponse) => ({ [r.mediaType ?? 'application/json']: { schema: schemaOf(r.schema, 'output'), example: r.example } });
const responseObject = (r: ApiResponse) => ({ description: r.description, content: content(r) });
const errorResponse = (status: keyof typeof ERRORS) => {
  const e = ERRORS[status];
  return responseObject({ description: e.description, schema: ZApiError, example: { error: { code: e.code, message: e.message } } });
};

function parameters(op: ApiOperation) {
  const list = (where: 'path' | 'query', obj: z.ZodObject | undefined) => {
    if (!obj) return [];
    const json = schemaOf(obj, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema,
      ...(typeof schema['description'] === 'string' ? { description: schema['description'] } : {}),
    }));
  };
  return [...list('path', op.params), ...list('query', op.query)];
}

function requestBody(op: ApiOperation) {
  if (!op.body && !op.textBodies) return undefined;
  const text = Object.entries(op.textBodies ?? {}).map(([type, b]) => [type, { schema: { type: 'string', description: b.description }, example: b.example }]);
  const json = op.body ? [['application/json', { schema: schemaOf(op.body.schema, 'input'), example: op.body.example }]] : [];
  return { required: true, content: Object.fromEntries([...json, ...text]) };
}

function operationObject(op: ApiOperation) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = responseObject(r);
  const errors: (keyof typeof ERRORS)[] = [...(op.errors ?? []), ...(op.scope ? ([401, 403, 429, 503] as const) : [])];
  for (const status of errors.sort()) responses[String(status)] = op.errorBodies?.[status as ErrorStatus] ? responseObject(op.errorBodies[status as ErrorStatus]!) : errorResponse(status);
  const params = parameters(op);
  const body = requestBody(op);
  return {
    operationId: op.operationId,
    tags: op.tags,
    summary: op.summary + (op.scope ? ` (scope ${op.scope})` : ''),
    ...(op.description ? { description: op.description } : {}),
    ...(op.scope ? {} : { security: [] }),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

export function buildOpenApiDocument(operations: readonly ApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'CS Ops Bot API',
      version: '1.0.0',
      description: 'Ingest interactions and survey answers; read KPIs; set the team up (settings, agents). API keys carry scopes: ingest, read, admin.',
    },
    tags: [
      { name: 'ingest', description: 'Interactions and survey answers from the help desk' },
      { name: 'kpis', description: 'The KPIs of SPEC §4' },
      { name: 'surveys', description: 'CSAT/NPS surveys in Slack and Teams' },
      { name: 'settings', description: 'The team’s settings and their audit' },
      { name: 'agents', description: 'The agent directory' },
      { name: 'privacy', description: 'LGPD/GDPR' },
      { name: 'reports', description: 'The report document for the client (PDF)' },
      { name: 'meta', description: 'This document' },
    ],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Error: schemaOf(ZApiError, 'output') } },
    security: [{ bearer: [] }],
    paths,
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The document served at /api/v1/openapi.json (built once). */
export function openApiDocument() {
  cached ??= buildOpenApiDocument(API_OPERATIONS);
  return cached;
}
