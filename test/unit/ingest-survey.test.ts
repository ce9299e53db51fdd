import { describe, expect, it } from 'vitest';
import { parseSurveyResponse } from '../../src/core/ingest/survey-response-input.js';

const now = new Date('2026-03-10T12:00:00Z');
const base = { externalId: 'S-1', type: 'csat', score: 4, respondedAt: '2026-03-09T10:00:00-03:00' };
const keys = (raw: unknown) => {
  const r = parseSurveyResponse(raw, { now });
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.key}`);
};

describe('parseSurveyResponse', () => {
  it('accepts a minimal response with defaults', () => {
    expect(parseSurveyResponse(base, { now })).toEqual({
      ok: true,
      value: { externalId: 'S-1', source: 'api', type: 'csat', score: 4, respondedAt: new Date('2026-03-09T13:00:00Z') },
    });
  });

  it('keeps optional fields, trims, drops blanks', () => {
    const r = parseSurveyResponse(
      { ...base, type: 'nps', score: 0, interactionExternalId: ' T-1 ', comment: ' demorou ', source: 'Typeform' },
      { now },
    );
    expect(r).toEqual({
      ok: true,
      value: {
        externalId: 'S-1',
        source: 'typeform',
        type: 'nps',
        score: 0,
        respondedAt: new Date('2026-03-09T13:00:00Z'),
        interactionExternalId: 'T-1',
        comment: 'demorou',
      },
    });
    const blank = parseSurveyResponse({ ...base, comment: '  ', interactionExternalId: null }, { now });
    expect(blank.ok && blank.value).toEqual(expect.not.objectContaining({ comment: expect.anything() as unknown }));
  });

  it.each([
    ['csat', 0],
    ['csat', 6],
    ['nps', -1],
    ['nps', 11],
  ])('%s score %d is out of range', (type, score) => {
    const r = parseSurveyResponse({ ...base, type, score }, { now });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const [min, max] = type === 'csat' ? [1, 5] : [0, 10];
      expect(r.errors).toEqual([
        { field: 'score', key: 'ingest.score_out_of_range', params: { field: 'score', type: type.toUpperCase(), min, max, value: score } },
      ]);
    }
  });

  it.each([
    ['csat', 1],
    ['csat', 5],
    ['nps', 0],
    ['nps', 10],
  ])('%s score %d is in range', (type, score) => {
    expect(keys({ ...base, type, score })).toEqual([]);
  });

  it('rejects non-integer and non-numeric scores, unknown type, future date, unknown fields', () => {
    expect(keys({ ...base, score: 4.5 })).toEqual(['score:ingest.not_integer']);
    expect(keys({ ...base, score: '4' })).toEqual(['score:ingest.expected_number']);
    expect(keys({ ...base, type: 'ces' })).toEqual(['type:ingest.invalid_option']);
    expect(keys({ ...base, respondedAt: '2026-03-12T00:00:00Z' })).toEqual(['respondedAt:ingest.in_future']);
    expect(keys({ ...base, respondedAt: '2026-03-09T10:00:00' })).toEqual(['respondedAt:ingest.datetime_no_zone']);
    expect(keys({ ...base, comment: 'x'.repeat(2001) })).toEqual(['comment:ingest.too_long']);
    expect(keys({ ...base, rating: 5 })).toEqual(['rating:ingest.unknown_field']);
    expect(keys({ type: 'nps' })).toEqual(['externalId:ingest.required', 'score:ingest.required', 'respondedAt:ingest.required']);
  });
});
