/**
 * Contract, scenario 2 (and 6 for survey buttons): a CSAT survey sent to a person from the chat;
 * a click, a changed answer and the platform's retry of the same click leave exactly one stored
 * response and the card updated in place. The console cannot post: it refuses, localized.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/index.js';
import { SURVEY_ACTIONS } from '../../src/core/surveys/views/survey-card.js';
import { drivers } from './drivers/index.js';
import { actionOf, textOf, type ChatMsg } from './normalise.js';
import { seedInteractions } from './seed.js';

const NOW = new Date('2026-11-25T15:05:00Z');
const SENT = { en: /^Survey sent \(CSAT\)/, 'pt-BR': /^Pesquisa enviada \(CSAT\)/ } as const;

const score = (m: ChatMsg, v: number) => actionOf(m, SURVEY_ACTIONS.answer, (a) => (JSON.parse(a.value) as { v?: number }).v === v);
const surveyIdOf = (m: ChatMsg) => (JSON.parse(actionOf(m, SURVEY_ACTIONS.answer).value) as { s: string }).s;

describe.each(drivers())('Survey on $name', (d) => {
  beforeAll(async () => {
    await d.start(() => NOW);
    await seedInteractions(d, NOW, 4, 'tk');
  });
  afterAll(() => d.stop());

  const stored = (surveyId: string) => d.service().models.surveyResponses.find({ tenantId: d.tenant, surveyId }).lean();

  for (const [i, locale] of (['en', 'pt-BR'] as const).entries()) {
    it(`"survey send csat @person": click, change, retried click → one stored response, card updated (${locale})`, async () => {
      d.clear();
      const sent = await d.command(`survey send csat {customer} tk-${i}`, { locale });
      if (!d.caps.proactive) {
        expect(sent.kind).toBe('ephemeral');
        expect(textOf(sent)).toBe(t(locale, 'survey.platform_not_configured', { platform: 'console' }));
        expect(await d.service().models.surveys.countDocuments({ tenantId: d.tenant })).toBe(0);
        return;
      }
      expect(textOf(sent)).toMatch(SENT[locale]);
      const question = d.recorded().findLast((m) => m.kind === 'post' && m.actions.some((a) => a.id === SURVEY_ACTIONS.answer));
      expect(question, 'the question posted to the person').toBeDefined();
      expect(question!.actions.filter((a) => a.id === SURVEY_ACTIONS.answer)).toHaveLength(5);
      const surveyId = surveyIdOf(question!);

      const thanks = await d.click(question!, score(question!, 5), { as: 'customer' });
      expect(thanks.kind).toBe('update');
      expect(textOf(thanks)).toMatch(/5\/5/);
      expect(await stored(surveyId)).toHaveLength(1);

      const scale = await d.click(thanks, actionOf(thanks, SURVEY_ACTIONS.change), { as: 'customer' });
      expect(scale.kind).toBe('update');
      const first = await d.click(scale, score(scale, 4), { as: 'customer' });
      const retried = await d.click(scale, score(scale, 4), { as: 'customer', retry: true });
      for (const answer of [first, retried]) {
        expect(answer.kind).toBe('update');
        expect(textOf(answer)).toMatch(/4\/5/);
      }
      const responses = await stored(surveyId);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ score: 4, rev: 2 });
    });
  }

  it.skipIf(!d.caps.click)('refuses a tampered score with a localized notice and records nothing (needs click)', async () => {
    d.clear();
    await d.command('survey send csat {customer} tk-3', { locale: 'en' });
    const question = d.recorded().findLast((m) => m.kind === 'post' && m.actions.some((a) => a.id === SURVEY_ACTIONS.answer))!;
    const one = score(question, 1);
    const answer = await d.click(question, one, { as: 'customer', value: one.value.replace('"v":1', '"v":7') });
    expect(answer.kind).toBe('ephemeral');
    expect(textOf(answer)).toMatch(/whole number from 1 to 5|not valid/);
    expect(await stored(surveyIdOf(question))).toHaveLength(0);
    expect(d.recorded().filter((m) => m.kind === 'update')).toEqual([]);
  });
});
