/** The data operations of the REST API (ingest, KPIs, surveys, erasure) for the OpenAPI document. */
import { z } from 'zod';
import { InteractionInputSchema, SurveyResponseInputSchema } from '../../core/ingest/index.js';
import type { ApiOperation, ApiResponse } from './api-contract.js';
import { ZIngestReport } from './routes/ingest.js';
import { ZKpiQuery, ZKpiResponse } from './routes/kpis-schema.js';
import { ZCustomerId, ZErased } from './routes/privacy.js';
import { surveyRequestSchema, ZSurveyView } from './routes/surveys.js';

const interaction = {
  externalId: 'T-1001',
  channel: 'chat',
  status: 'resolved',
  priority: 'high',
  createdAt: '2026-11-25T12:00:00Z',
  firstResponseAt: '2026-11-25T12:04:00Z',
  resolvedAt: '2026-11-25T13:10:00Z',
  customer: { id: 'cust-42' },
  agent: { id: 'U_ANA', name: 'Ana' },
  team: 'N1',
};
const surveyAnswer = { externalId: 'R-1001', type: 'csat', score: 5, interactionExternalId: 'T-1001', respondedAt: '2026-11-25T14:00:00Z' };

const ingested = { accepted: 1, created: 1, updated: 0, unchanged: 0, rejected: [] };
const someRejected = { accepted: 1, created: 1, updated: 0, unchanged: 0, rejected: [{ index: 1, externalId: 'T-1002', errors: [{ field: 'createdAt', message: 'createdAt is required' }] }] };
const noneAccepted = { accepted: 0, created: 0, updated: 0, unchanged: 0, rejected: [{ index: 0, externalId: 'T-1002', errors: [{ field: 'createdAt', message: 'createdAt is required' }] }] };
const ingestResponses: Record<number, ApiResponse> = {
  200: { description: 'Every record accepted', schema: ZIngestReport, example: ingested },
  207: { description: 'Some records rejected; the valid ones landed', schema: ZIngestReport, example: someRejected },
  422: { description: 'No record accepted', schema: ZIngestReport, example: noneAccepted },
};

function ingest(path: string, operationId: string, record: z.ZodType, example: object, summary: string): ApiOperation[] {
  const tags: ['ingest'] = ['ingest'];
  return [
    {
      method: 'post',
      path,
      operationId,
      tags,
      summary,
      scope: 'ingest',
      body: { schema: z.union([record, z.array(record)]), example: [example] },
      textBodies: { 'application/x-ndjson': { description: 'one record as JSON per line', example: `${JSON.stringify(example)}\n` } },
      responses: ingestResponses,
      errors: [400, 413],
    },
    {
      method: 'post',
      path: `${path}:import`,
      operationId: `${operationId}Csv`,
      tags,
      summary: `${summary}, from CSV (a header row with the JSON field names; dots for nesting)`,
      scope: 'ingest',
      textBodies: { 'text/csv': { description: 'header row, then one record per line', example: 'externalId,channel,status,createdAt,customer.id\nT-1003,email,open,2026-11-25T12:00:00Z,cust-7\n' } },
      responses: ingestResponses,
      errors: [400, 413],
    },
  ];
}

const kpis = {
  volume: 120, resolved: 110, backlog: 10, reopenRate: 0.05,
  firstResponseMinutes: { mean: 12.5, median: 8, p90: 30, count: 115 },
  resolutionMinutes: { mean: 180, median: 95, p90: 600, count: 110 },
  fcrRate: 0.72, slaCompliance: 0.91, escalationMinutes: { mean: 45, count: 6 }, contactsPerCustomer: 1.2,
  customers: { distinct: 100, estimated: false },
  csat: { score: 0.86, mean: 4.4, responses: 50, distribution: [1, 2, 4, 13, 30] },
  nps: { score: 42, promoters: 30, passives: 12, detractors: 8, responses: 50, distribution: [0, 1, 1, 2, 1, 1, 2, 5, 7, 12, 18] },
  surveyResponseRate: 0.45,
};
const kpiReport = {
  period: { start: '2026-11-23T03:00:00.000Z', end: '2026-11-26T15:00:00.000Z', readEnd: '2026-11-26T16:00:00.000Z', label: 'This week so far', timezone: 'America/Sao_Paulo', toDate: true },
  previousPeriod: { start: '2026-11-16T03:00:00.000Z', end: '2026-11-19T15:00:00.000Z', label: 'Last week, to the same time', compare: 'previous' },
  current: kpis,
  previous: { ...kpis, volume: 100 },
  targets: { 'csat.score': { op: '>=', value: 0.85 } },
};

const survey = {
  id: 'srv_01J9Z',
  type: 'csat',
  platform: 'slack',
  status: 'sent',
  recipient: { userId: 'U0CUSTOMER' },
  interaction: { source: 'api', externalId: 'T-1001' },
  locale: 'pt-BR',
  sentAt: '2026-11-25T14:00:00.000Z',
  expiresAt: '2026-12-23T14:00:00.000Z',
  message: { channelId: 'D0CUSTOMER', messageId: '1764079200.000100' },
  duplicate: false,
};

export const dataOperations: ApiOperation[] = [
  ...ingest('/api/v1/interactions', 'ingestInteractions', InteractionInputSchema, interaction, 'Create or update interactions (idempotent on source + externalId)'),
  ...ingest('/api/v1/survey-responses', 'ingestSurveyResponses', SurveyResponseInputSchema, surveyAnswer, 'CSAT/NPS answers collected elsewhere (idempotent on source + externalId)'),
  {
    method: 'get',
    path: '/api/v1/kpis',
    operationId: 'getKpis',
    tags: ['kpis'],
    summary: 'KPIs of a period and the previous one',
    description:
      'Periods "so far" (today, week, month, quarter, year, Nd) end at `at` (now) and compare with the same span of the previous one, up to the same weekday or day and time to the nearest hour (`period.toDate: true`, labels say "so far" / "até agora"). Numbers are kept per hour of the tenant’s days, so any period whose bounds fall on whole hours of the tenant’s zone is answered exactly, with filters and breakdowns, whatever `tz` asks: a zone whose offset differs from the tenant’s by whole hours. Other zones (e.g. Asia/Kolkata for a São Paulo tenant) get 400 `kpi.unaligned_period`.',
    scope: 'read',
    query: ZKpiQuery,
    responses: { 200: { description: 'KPIs', schema: ZKpiResponse, example: kpiReport } },
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/v1/surveys',
    operationId: 'sendSurvey',
    tags: ['surveys'],
    summary: 'Send a CSAT/NPS survey with one-click buttons (Slack: user or channel; Teams: conversation or AAD user). One per interaction and type.',
    scope: 'admin',
    body: { schema: surveyRequestSchema, example: { type: 'csat', platform: 'slack', recipient: { userId: 'U0CUSTOMER' }, interactionExternalId: 'T-1001', locale: 'pt-BR' } },
    responses: {
      201: { description: 'Sent', schema: ZSurveyView, example: survey },
      200: { description: 'A survey of this type was already sent for this interaction (duplicate: true)', schema: ZSurveyView, example: { ...survey, duplicate: true } },
    },
    errors: [400, 413, 502],
  },
  {
    method: 'post',
    path: '/api/v1/customers/{id}/erase',
    operationId: 'eraseCustomer',
    tags: ['privacy'],
    summary: 'Erase one customer’s personal data (LGPD/GDPR): interactions pseudonymised, comments and chat ids removed; KPIs unchanged',
    scope: 'admin',
    params: z.object({ id: ZCustomerId.describe('the customer.id sent with the interactions') }),
    responses: { 200: { description: 'What changed', schema: ZErased, example: { erased: { interactions: 3, responses: 1, surveys: 1, snapshots: 0 } } } },
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['meta'],
    summary: 'This document (no key needed)',
    scope: null,
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }), example: { openapi: '3.1.0', paths: {} } } },
  },
];
