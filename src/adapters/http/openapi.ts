import { z } from 'zod';
import { InteractionInputSchema, SurveyResponseInputSchema } from '../../core/ingest/index.js';
import { ZAgent, ZAgentPut, ZAuditPage, ZPrivacyPatch, ZSettings, ZSettingsPatch } from '../../core/settings/index.js';
import { surveySettingsPatch } from './routes/settings.js';
import { surveyRequestSchema } from './routes/surveys.js';
import { slaOpenApiPaths } from './routes/sla.js';

const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });

const durationKpi = {
  type: 'object',
  properties: { mean: { type: 'number', nullable: true }, median: { type: 'number', nullable: true }, p90: { type: 'number', nullable: true }, count: { type: 'integer' } },
};
const ratio = { type: 'number', nullable: true, minimum: 0, maximum: 1 };
const kpis = {
  type: 'object',
  description: 'KPIs of SPEC §4: rates are fractions 0..1, durations minutes, null where there is no data',
  properties: {
    volume: { type: 'integer' },
    resolved: { type: 'integer' },
    backlog: { type: 'integer' },
    reopenRate: ratio,
    firstResponseMinutes: durationKpi,
    resolutionMinutes: durationKpi,
    fcrRate: ratio,
    slaCompliance: ratio,
    escalationMinutes: { type: 'object', properties: { mean: { type: 'number', nullable: true }, count: { type: 'integer' } } },
    contactsPerCustomer: { type: 'number', nullable: true, description: 'volume / customers.distinct' },
    customers: {
      type: 'object',
      description:
        'Distinct customers behind the volume: exact (estimated: false) for every filter and breakdown, as long as the period’s customer-days add up to at most 4,000,000 (e.g. 100,000 customers contacting on up to 40 days each); past that a HyperLogLog estimate (estimated: true) with its relative standard error.',
      properties: { distinct: { type: 'integer' }, estimated: { type: 'boolean' }, relativeError: { type: 'number', description: 'only when estimated (≈ 0.016)' } },
      required: ['distinct', 'estimated'],
    },
    csat: {
      type: 'object',
      properties: { score: ratio, mean: { type: 'number', nullable: true }, responses: { type: 'integer' }, distribution: { type: 'array', items: { type: 'integer' }, description: 'responses per score 1..5' } },
    },
    nps: {
      type: 'object',
      properties: {
        score: { type: 'number', nullable: true, minimum: -100, maximum: 100 },
        promoters: { type: 'integer' },
        passives: { type: 'integer' },
        detractors: { type: 'integer' },
        responses: { type: 'integer' },
        distribution: { type: 'array', items: { type: 'integer' }, description: 'responses per score 0..10' },
      },
    },
    surveyResponseRate: ratio,
  },
};
const report = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer', description: 'position in a JSON array (0-based)' },
          line: { type: 'integer', description: 'line of an NDJSON or CSV body (1-based; CSV header = 1)' },
          externalId: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
};
const error = { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } };
const errorResponses = {
  '400': { description: 'Unreadable body or invalid parameter', content: { 'application/json': { schema: error } } },
  '401': { description: 'Missing or invalid API key', content: { 'application/json': { schema: error } } },
  '413': { description: 'Body over the size limit', content: { 'application/json': { schema: error } } },
  '503': { description: 'Database unavailable; retry after Retry-After seconds', content: { 'application/json': { schema: error } } },
};
const ingestResponses = {
  '200': { description: 'Every record accepted', content: { 'application/json': { schema: report } } },
  '207': { description: 'Some records rejected; the valid ones landed', content: { 'application/json': { schema: report } } },
  '422': { description: 'No record accepted', content: { 'application/json': { schema: report } } },
  ...errorResponses,
};

const survey = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: ['csat', 'nps'] },
    platform: { type: 'string', enum: ['slack', 'teams'] },
    status: { type: 'string', enum: ['sent', 'scheduled', 'failed'] },
    recipient: { type: 'object', description: '{userId} for a person, {channelId} for a conversation' },
    interaction: { type: 'object', properties: { source: { type: 'string' }, externalId: { type: 'string' } } },
    locale: { type: 'string' },
    sentAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    message: { type: 'object', properties: { channelId: { type: 'string' }, messageId: { type: 'string' } } },
    duplicate: { type: 'boolean' },
  },
};

const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The team settings and the agent directory (a later version generates every path from zod). */
function settingsPaths(errorResponses: Record<string, unknown>) {
  const settings = schemaOf(ZSettings);
  const agent = schemaOf(ZAgent);
  const agentId = { name: 'agentId', in: 'path', required: true, schema: { type: 'string' }, description: 'the help desk’s agent.id' };
  return {
    '/api/v1/settings': {
      get: { summary: 'The team’s settings (scope read)', responses: { '200': json(settings, 'Settings'), ...errorResponses } },
      patch: {
        summary: 'Change any of time zone, locale, KPI targets (null removes one), SLA policy, business hours (null: 24×7), holidays, roles (scope admin); recorded in the audit',
        requestBody: { content: { 'application/json': { schema: schemaOf(ZSettingsPatch) } } },
        responses: { '200': json(settings, 'The settings after the change'), ...errorResponses },
      },
    },
    '/api/v1/settings/audit': {
      get: {
        summary: 'Who changed which setting when, newest first (scope read)',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'before', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'only older entries (nextBefore of the previous page)' },
        ],
        responses: { '200': json(schemaOf(ZAuditPage), 'Audit entries'), ...errorResponses },
      },
    },
    '/api/v1/settings/privacy': {
      get: { summary: 'Raw data retention (scope read)', responses: { '200': json(schemaOf(ZPrivacyPatch), 'Retention'), ...errorResponses } },
      patch: { summary: 'Change raw data retention: days (30–3650) or null (scope admin)', requestBody: { content: { 'application/json': { schema: schemaOf(ZPrivacyPatch) } } }, responses: { '200': json(schemaOf(ZPrivacyPatch), 'Retention'), ...errorResponses } },
    },
    '/api/v1/agents': {
      get: { summary: 'The agent directory (scope read)', responses: { '200': json({ type: 'object', properties: { agents: { type: 'array', items: agent } } }, 'Agents'), ...errorResponses } },
    },
    '/api/v1/agents/{agentId}': {
      put: {
        summary: 'Create or replace an agent’s entry: Slack user id, Teams AAD object id, display name (scope admin); 409 when the person is already another agent',
        parameters: [agentId],
        requestBody: { content: { 'application/json': { schema: schemaOf(ZAgentPut) } } },
        responses: { '200': json(agent, 'Replaced'), '201': json(agent, 'Created'), ...errorResponses },
      },
      delete: { summary: 'Remove an agent’s entry (scope admin)', parameters: [agentId], responses: { '200': json(agent, 'The removed entry'), ...errorResponses } },
    },
  };
}

let cached: unknown;

/** OpenAPI 3.0 document of the REST API; record schemas come from the zod schemas themselves. */
export function openApiDocument(): unknown {
  cached ??= {
    openapi: '3.0.3',
    info: { title: 'CS Ops Bot API', version: '1.0.0', description: 'Ingest interactions and survey answers; read KPIs.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Interaction: schemaOf(InteractionInputSchema), SurveyResponse: schemaOf(SurveyResponseInputSchema), Kpis: kpis, IngestReport: report },
    },
    security: [{ bearer: [] }],
    paths: {
      ...slaOpenApiPaths(errorResponses),
      '/api/v1/interactions': {
        post: {
          summary: 'Create or update interactions (idempotent on source + externalId)',
          requestBody: {
            content: {
              'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Interaction' }, { type: 'array', items: { $ref: '#/components/schemas/Interaction' } }] } },
              'application/x-ndjson': { schema: { type: 'string', description: 'one Interaction JSON per line' } },
            },
          },
          responses: ingestResponses,
        },
      },
      '/api/v1/interactions:import': {
        post: {
          summary: 'Import interactions from CSV (header row with the JSON field names; dots for nesting)',
          requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: ingestResponses,
        },
      },
      '/api/v1/survey-responses': {
        post: {
          summary: 'CSAT/NPS answers collected elsewhere (idempotent on source + externalId)',
          requestBody: {
            content: {
              'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/SurveyResponse' }, { type: 'array', items: { $ref: '#/components/schemas/SurveyResponse' } }] } },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          responses: ingestResponses,
        },
      },
      '/api/v1/survey-responses:import': {
        post: { summary: 'Import survey answers from CSV', requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } }, responses: ingestResponses },
      },
      '/api/v1/surveys': {
        post: {
          summary: 'Send a CSAT/NPS survey with one-click buttons (Slack: user or channel; Teams: conversation or AAD user). One per interaction and type.',
          requestBody: { content: { 'application/json': { schema: schemaOf(surveyRequestSchema) } } },
          responses: {
            '201': { description: 'Sent', content: { 'application/json': { schema: survey } } },
            '200': { description: 'A survey of this type was already sent for this interaction (duplicate: true)', content: { 'application/json': { schema: survey } } },
            '502': { description: 'The platform refused the message (code in the message); the survey may be sent again', content: { 'application/json': { schema: error } } },
            ...errorResponses,
          },
        },
      },
      '/api/v1/settings/surveys': {
        get: { summary: 'Survey settings of the tenant', responses: { '200': { description: 'Settings', content: { 'application/json': { schema: schemaOf(surveySettingsPatch) } } }, ...errorResponses } },
        patch: {
          summary: 'Change survey settings: automatic sending after resolution, expiry, reasons for bad scores, ticket link, complaint alert channel (null turns alerts off)',
          requestBody: { content: { 'application/json': { schema: schemaOf(surveySettingsPatch) } } },
          responses: { '200': { description: 'The settings after the change', content: { 'application/json': { schema: schemaOf(surveySettingsPatch) } } }, ...errorResponses },
        },
      },
      ...settingsPaths(errorResponses),
      '/api/v1/customers/{id}/erase': {
        post: {
          summary: 'Erase one customer’s personal data (LGPD/GDPR): interactions pseudonymised, comments and chat ids removed; KPIs unchanged',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'the customer.id sent with the interactions' }],
          responses: {
            '200': { description: 'What changed', content: { 'application/json': { schema: { type: 'object', properties: { erased: { type: 'object', properties: { interactions: { type: 'integer' }, responses: { type: 'integer' }, surveys: { type: 'integer' } } } } } } } },
            ...errorResponses,
          },
        },
      },
      '/api/v1/kpis': {
        get: {
          summary: 'KPIs of a period and the previous one',
          description:
            'Periods "so far" (today, week, month, quarter, year, Nd) end at `at` (now) and compare with the same span of the previous one, up to the same weekday or day and time to the nearest hour (`period.toDate: true`, labels say "so far" / "até agora"). Numbers are kept per hour of the tenant’s days, so any period whose bounds fall on whole hours of the tenant’s zone is answered exactly, with filters and breakdowns, whatever `tz` asks: a zone whose offset differs from the tenant’s by whole hours. Other zones (e.g. Asia/Kolkata for a São Paulo tenant) get 400 `kpi.unaligned_period`.',
          parameters: [
            { name: 'period', in: 'query', schema: { type: 'string', default: 'week' }, description: 'today|hoje, yesterday|ontem, week|semana, last week|semana passada, month|mês, last month|mês passado, quarter|trimestre, year|ano, last year|ano passado, 7d, 30d, 90d (1 to 1096 days), 2026-11-01..2026-11-15 (at most 1096 days)' },
            { name: 'compare', in: 'query', schema: { type: 'string', enum: ['previous', 'yoy'], default: 'previous' }, description: 'yoy: against the same span a year earlier' },
            { name: 'tz', in: 'query', schema: { type: 'string' }, description: 'IANA time zone the period is read in (default: the tenant’s); see the description for which zones can be answered' },
            { name: 'at', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'evaluate relative periods as of this instant' },
            ...['channel', 'team', 'agent', 'category'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
            { name: 'breakdown', in: 'query', schema: { type: 'string', enum: ['channel', 'team', 'agent'] } },
          ],
          responses: {
            '200': {
              description: 'KPIs',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      period: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string', description: 'now, for a period so far' }, readEnd: { type: 'string', description: 'the numbers cover [start, readEnd): a period so far is read to the end of the hour in progress' }, label: { type: 'string' }, timezone: { type: 'string' }, toDate: { type: 'boolean' } } },
                      previousPeriod: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' }, label: { type: 'string' }, compare: { type: 'string', enum: ['previous', 'yoy'] } } },
                      current: { $ref: '#/components/schemas/Kpis' },
                      previous: { $ref: '#/components/schemas/Kpis' },
                      targets: { type: 'object', additionalProperties: { type: 'object', properties: { op: { type: 'string' }, value: { type: 'number' } } } },
                      byChannel: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Kpis' } },
                      byTeam: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Kpis' } },
                      byAgent: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Kpis' } },
                    },
                  },
                },
              },
            },
            ...errorResponses,
          },
        },
      },
      '/api/v1/reports/document': {
        get: {
          summary: 'The report document of a period (PDF, A4): nine parts and an annex',
          parameters: [
            { name: 'period', in: 'query', schema: { type: 'string', default: 'last week' }, description: 'as in /api/v1/kpis' },
            { name: 'lang', in: 'query', schema: { type: 'string', enum: ['pt-BR', 'en'] }, description: 'default: Accept-Language' },
            { name: 'compare', in: 'query', schema: { type: 'string', enum: ['previous', 'yoy'], default: 'previous' } },
            ...['channel', 'team', 'agent', 'category'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          ],
          responses: { '200': { description: 'The document', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
        },
      },
    },
  };
  return cached;
}
