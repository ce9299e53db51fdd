/**
 * The report document's generated sentences on fixed numbers, in en and pt-BR: improvement,
 * deterioration, a flat period, an empty period, no targets. Each sentence carries its number.
 */
import { describe, expect, it } from 'vitest';
import { emptyStats, kpisFromStats, type Kpis } from '../../src/core/kpi/stats.js';
import { analysisTexts, conclusionTexts, recommendationTexts, summaryTexts, type KpiNumbers } from '../../src/core/reports/document/texts.js';

const base = kpisFromStats(emptyStats(), 0);
const dur = (median: number) => ({ ...base.firstResponseMinutes, median, mean: median, count: 10 });
/** a period with activity: 100 contacts, 90 resolved, FRT 30 min, CSAT 80 %, SLA 90 % */
const k = (o: Partial<Kpis> = {}): Kpis => ({
  ...base,
  volume: 100,
  resolved: 90,
  backlog: 10,
  firstResponseMinutes: dur(30),
  slaCompliance: 0.9,
  csat: { score: 0.8, mean: 4, responses: 20, distribution: [1, 1, 2, 6, 10] },
  ...o,
});
const nums = (current: Kpis, previous: Kpis, targets: KpiNumbers['targets'] = {}): KpiNumbers => ({ current, previous, targets });
const PERIOD = { en: 'last week (Nov 16 – 22, 2026)', 'pt-BR': 'semana passada (16 – 22 de nov. de 2026)' } as const;

describe('summary: the biggest movements with their size', () => {
  const better = nums(k({ firstResponseMinutes: dur(15), csat: { ...k().csat, score: 0.9 } }), k());
  it('names an improvement (en)', () => {
    expect(summaryTexts(better, PERIOD.en, 'en')).toEqual([
      `${PERIOD.en}: 100 contacts received, 90 resolved, backlog of 10 at the end.`,
      'First response (median) improved from 30 min to 15 min (−50%).',
      'CSAT improved from 80% to 90% (+10 pp).',
    ]);
  });
  it('names an improvement (pt-BR)', () => {
    expect(summaryTexts(better, PERIOD['pt-BR'], 'pt-BR')).toEqual([
      `${PERIOD['pt-BR']}: 100 contatos recebidos, 90 resolvidos, 10 em aberto no fim.`,
      'Primeira resposta (mediana) melhorou de 30 min para 15 min (−50%).',
      'CSAT melhorou de 80% para 90% (+10 pp).',
    ]);
  });
  const worse = nums(k({ slaCompliance: 0.7, resolved: 60 }), k());
  it('names a deterioration, biggest first (en and pt-BR)', () => {
    expect(summaryTexts(worse, PERIOD.en, 'en').slice(1)).toEqual(['Resolved worsened from 90 to 60 (−33%).', 'SLA compliance worsened from 90% to 70% (−20 pp).']);
    expect(summaryTexts(worse, PERIOD['pt-BR'], 'pt-BR').slice(1)).toEqual(['Resolvidos piorou de 90 para 60 (−33%).', 'Cumprimento de SLA piorou de 90% para 70% (−20 pp).']);
  });
  it('says a flat period is flat, with the noise threshold (en and pt-BR)', () => {
    const flat = nums(k({ resolved: 91 }), k());
    expect(summaryTexts(flat, PERIOD.en, 'en')[1]).toBe('No KPI moved by 2% or more against the previous period.');
    expect(summaryTexts(flat, PERIOD['pt-BR'], 'pt-BR')[1]).toBe('Nenhum KPI variou 2% ou mais em relação ao período anterior.');
  });
  it('reads an empty period honestly, in every part (en and pt-BR)', () => {
    const empty = nums(base, k());
    expect(summaryTexts(empty, PERIOD.en, 'en')).toEqual([`No activity in this period (${PERIOD.en}).`]);
    expect(summaryTexts(empty, PERIOD['pt-BR'], 'pt-BR')).toEqual([`Nenhuma atividade neste período (${PERIOD['pt-BR']}).`]);
    expect(conclusionTexts(empty, PERIOD.en, { successes: 0, challenges: 0, recommendations: 0 }, 'en')[0]).toBe(`No activity in this period (${PERIOD.en}).`);
    expect(analysisTexts(empty, {}, 'en')).toEqual({ successes: [], challenges: [], noTargets: true });
    expect(recommendationTexts(empty, {}, null, 'pt-BR')).toEqual(['Manter o rumo: nenhuma meta perdida e nenhum KPI piorou 2% ou mais.']);
  });
});

describe('analysis and recommendations', () => {
  const targets = { 'csat.score': { op: '>=' as const, value: 0.85 }, 'firstResponseMinutes.median': { op: '<=' as const, value: 45 } };
  it('lists targets met and missed, deteriorations and SLA breaches by channel (en)', () => {
    const a = analysisTexts(nums(k(), k({ slaCompliance: 0.95 }), targets), { chat: k({ resolved: 40, slaCompliance: 0.75 }), email: k({ resolved: 50, slaCompliance: 1 }) }, 'en');
    expect(a.noTargets).toBe(false);
    expect(a.successes).toEqual(['First response (median) at 30 min met its target (≤ 45 min).']);
    expect(a.challenges).toEqual([
      'CSAT at 80% missed its target (≥ 85%).',
      'SLA compliance worsened from 95% to 90% (−5 pp).',
      '9 of 90 resolved contacts missed their SLA (10%); by channel: chat 10 (25%).',
    ]);
  });
  it('lists them in pt-BR', () => {
    const a = analysisTexts(nums(k(), k({ slaCompliance: 0.95 }), targets), { chat: k({ resolved: 40, slaCompliance: 0.75 }) }, 'pt-BR');
    expect(a.successes).toEqual(['Primeira resposta (mediana) em 30 min cumpriu a meta (≤ 45 min).']);
    expect(a.challenges[0]).toBe('CSAT em 80% não cumpriu a meta (≥ 85%).');
    expect(a.challenges[2]).toBe('9 de 90 contatos resolvidos descumpriram o SLA (10%); por canal: chat 10 (25%).');
  });
  it('follows each recommendation from a challenge or a root cause, with its number (en and pt-BR)', () => {
    const causes = { withFields: 10, causes: [{ label: 'Firmware bug', cases: 4, reopened: 1, reopenRate: 0.25, latest: [] }], problems: [], products: [], byReopen: [{ label: 'Firmware bug', cases: 4, reopened: 1, reopenRate: 0.25, latest: [] }], recurring: { cases: 0, customers: 0, top: [] } };
    expect(recommendationTexts(nums(k(), k(), targets), {}, causes, 'en')).toEqual([
      'Act on CSAT: 80% against a target of ≥ 85%.',
      'Remove the root cause "Firmware bug": 4 cases, 40% of the tickets with a root cause.',
      'Check the fixes for "Firmware bug": 25% of its 4 cases were reopened.',
    ]);
    expect(recommendationTexts(nums(k(), k(), targets), {}, causes, 'pt-BR')[1]).toBe('Eliminar a causa-raiz "Firmware bug": 4 casos, 40% dos chamados com causa-raiz.');
  });
  it('with no targets: no "every target met" claim, and the note on setting one (en and pt-BR)', () => {
    for (const locale of ['en', 'pt-BR'] as const) {
      const a = analysisTexts(nums(k(), k()), {}, locale);
      expect(a.noTargets).toBe(true);
      expect(a.successes).toEqual([]);
      expect(a.challenges.filter((c) => /target|meta/i.test(c))).toEqual([]);
    }
    expect(recommendationTexts(nums(k({ slaCompliance: 1 }), k({ slaCompliance: 1 })), {}, null, 'en')).toEqual(['Keep the current course: no target missed and no KPI worsened by 2% or more.']);
    expect(recommendationTexts(nums(k({ slaCompliance: 1 }), k({ slaCompliance: 1 })), {}, null, 'pt-BR')).toEqual(['Manter o rumo: nenhuma meta perdida e nenhum KPI piorou 2% ou mais.']);
  });
  it('concludes in two sentences restating the period (en and pt-BR)', () => {
    expect(conclusionTexts(nums(k(), k()), PERIOD.en, { successes: 1, challenges: 2, recommendations: 3 }, 'en')).toEqual([
      `${PERIOD.en} closed with 100 contacts and 90 resolved, SLA compliance 90% and CSAT 80%.`,
      'The analysis found 1 successes and 2 challenges, and leads to 3 recommendations for the next period.',
    ]);
    expect(conclusionTexts(nums(k(), k()), PERIOD['pt-BR'], { successes: 1, challenges: 2, recommendations: 3 }, 'pt-BR')[0]).toBe(`${PERIOD['pt-BR']} fechou com 100 contatos e 90 resolvidos, cumprimento de SLA de 90% e CSAT de 80%.`);
  });
});
