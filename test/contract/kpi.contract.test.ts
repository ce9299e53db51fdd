/**
 * Contract, scenarios 1 and 6: `kpi week` gives the KPI card whose numbers are the REST API's,
 * its buttons give a new card for the same tenant, and a tampered button value is refused with
 * a localized notice and changes nothing — the same on every chat adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type Locale } from '../../src/core/i18n/index.js';
import { KPI_ACTIONS } from '../../src/core/kpi/views/kpi-card.js';
import { drivers } from './drivers/index.js';
import { actionOf, metricValue, type ChatMsg } from './normalise.js';
import { seedInteractions } from './seed.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const WORDS = { en: { week: 'week', previous: /^◀ Previous$/, refresh: /^Refresh$/ }, 'pt-BR': { week: 'semana', previous: /^◀ Anterior$/, refresh: /^Atualizar$/ } } as const;
const TITLE = { en: /^Customer service KPIs — This week/, 'pt-BR': /^KPIs do atendimento — Esta semana/ } as const;

describe.each(drivers())('KPI card on $name', (d) => {
  beforeAll(async () => {
    await d.start(() => NOW);
    await seedInteractions(d, NOW, 18);
  });
  afterAll(() => d.stop());

  /** the API's counts for a period, as the card shows them */
  const apiCounts = async (period: string) => {
    const res = await d.api(`/api/v1/kpis?period=${encodeURIComponent(period)}`);
    expect(res.status).toBe(200);
    const { current } = (await res.json()) as { current: { volume: number; resolved: number } };
    return current;
  };
  const expectNumbers = (card: ChatMsg, locale: Locale, counts: { volume: number; resolved: number }) => {
    expect(metricValue(card, t(locale, 'kpi.label.volume'))).toMatch(new RegExp(`^${counts.volume}(\\s|$)`));
    expect(metricValue(card, t(locale, 'kpi.label.resolved'))).toMatch(new RegExp(`^${counts.resolved}(\\s|$)`));
  };
  const button = (card: ChatMsg, label: RegExp) => actionOf(card, KPI_ACTIONS.show, (a) => label.test(a.label));

  for (const locale of ['en', 'pt-BR'] as const) {
    it(`answers "kpi ${WORDS[locale].week}" with the card of the API's numbers, and its buttons give new cards (${locale})`, async () => {
      d.clear();
      const card = await d.command(`kpi ${WORDS[locale].week}`, { locale });
      expect(card.kind).toBe('answer');
      expect(card.title).toMatch(TITLE[locale]);
      const week = await apiCounts('week');
      expect(week.volume).toBeGreaterThan(0);
      expectNumbers(card, locale, week);
      const previous = button(card, WORDS[locale].previous);
      const refresh = button(card, WORDS[locale].refresh);
      if (!d.caps.click) {
        // no buttons to press in a terminal: the card still carries the same actions
        expect(JSON.parse(previous.value)).toMatchObject({ period: expect.anything() });
        return;
      }
      const before = await apiCounts('last week');
      const prev = await d.click(card, previous, { locale });
      expect(prev.kind).toBe('update');
      expect(prev.title).not.toBe(card.title);
      expect(prev.title).toMatch(/Nov 16 – 22, 2026|16 – 22 de nov\.? de 2026|16.*22/);
      expectNumbers(prev, locale, before);
      const again = await d.click(card, refresh, { locale });
      expect(again.kind).toBe('update');
      expect(again.title).toMatch(TITLE[locale]);
      expectNumbers(again, locale, week);
      // answered in place: nothing new was posted
      expect(d.recorded().filter((m) => m.kind === 'post' && m.title === card.title && m.id !== card.id)).toEqual([]);
    });
  }

  for (const locale of ['en', 'pt-BR'] as const) {
    it.skipIf(!d.caps.click)(`refuses a tampered button value with a localized notice and changes nothing (${locale}; needs click)`, async () => {
      const card = await d.command(`kpi ${WORDS[locale].week}`, { locale });
      d.clear();
      const forged = JSON.stringify({ period: { kind: 'century' }, filters: {}, live: false });
      const answer = await d.click(card, button(card, WORDS[locale].previous), { value: forged, locale });
      expect(answer.kind).toBe('ephemeral');
      expect(answer.lines.join('\n')).toContain(t(locale, 'kpi.bad_action'));
      await new Promise((r) => setTimeout(r, 300));
      expect(d.recorded().filter((m) => m.kind !== 'file')).toEqual([]);
    });
  }
});
