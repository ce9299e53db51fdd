/**
 * The `/meeting new` form: its template choice as every renderer shows it, and the values read
 * back into a draft (a template makes title, duration and agenda optional; a forged choice is
 * refused).
 */
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../src/adapters/slack/render/block-kit.js';
import { formModal, packForm, readSubmission, unpackForm } from '../../src/adapters/slack/render/modal.js';
import { cardToAdaptive } from '../../src/adapters/teams/render/adaptive-card.js';
import { cardToText } from '../../src/adapters/text/render.js';
import { ValidationError } from '../../src/core/errors.js';
import { t, type Locale } from '../../src/core/i18n/index.js';
import { draftFromForm } from '../../src/core/meetings/plan-meeting.js';
import { newMeetingForm } from '../../src/core/meetings/views/meeting-cards.js';

const ZONE = 'America/Sao_Paulo';
const NOW = new Date('2026-11-25T15:00:00Z');
const WHEN = { date: '2026-11-26', time: '10:00' };

/** The localized message of the error `fn` throws (it must be a ValidationError). */
function refusal(fn: () => unknown, locale: Locale): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    const e = err as ValidationError;
    return t(locale, e.messageKey, e.params);
  }
  throw new Error('expected a refusal');
}

describe('draftFromForm', () => {
  it('with a template needs only the date and time (en)', () => {
    const draft = draftFromForm({ template: 'weekly', ...WHEN, title: ' ', agenda: '', duration: '' }, ZONE, NOW, 'en');
    expect(draft).toEqual({ template: 'weekly', startsAt: new Date('2026-11-26T13:00:00Z'), participants: [], agenda: [] });
  });

  it('with a template keeps a typed title, duration and agenda (they replace the template’s) (pt-BR)', () => {
    const draft = draftFromForm({ template: 'one-on-one', ...WHEN, title: 'Conversa', duration: '20', participants: 'UANA', agenda: 'Carreira (20)' }, ZONE, NOW, 'pt-BR');
    expect(draft).toMatchObject({ template: 'one-on-one', title: 'Conversa', durationMinutes: 20, participants: ['UANA'], agenda: [{ text: 'Carreira', minutes: 20 }] });
  });

  it('without a template asks for title, duration and agenda as before, in each language', () => {
    expect(refusal(() => draftFromForm({ template: 'custom', ...WHEN }, ZONE, NOW, 'en'), 'en')).toBe('Fill in: Title, Duration (minutes), Agenda: one item per line, minutes in brackets.');
    // the empty choice Teams' renderer adds is the custom form too
    expect(refusal(() => draftFromForm({ template: '', ...WHEN, title: 'Ops', agenda: 'KPIs (10)' }, ZONE, NOW, 'en'), 'en')).toBe('Fill in: Duration (minutes).');
    // a form sent before the choice existed is the custom one
    expect(refusal(() => draftFromForm({ ...WHEN, duration: '30', agenda: 'KPIs (10)' }, ZONE, NOW, 'pt-BR'), 'pt-BR')).toBe('Preencha: Título.');
    expect(draftFromForm({ template: 'custom', ...WHEN, title: 'Ops', duration: '30', agenda: 'KPIs (10)' }, ZONE, NOW, 'en')).toEqual({
      title: 'Ops',
      startsAt: new Date('2026-11-26T13:00:00Z'),
      durationMinutes: 30,
      participants: [],
      agenda: [{ text: 'KPIs', minutes: 10 }],
    });
  });

  it('refuses a template that is not offered, in each language', () => {
    const forged = { template: 'board-meeting', ...WHEN, title: 'x', duration: '30', agenda: 'a (5)' };
    expect(refusal(() => draftFromForm(forged, ZONE, NOW, 'en'), 'en')).toBe('"board-meeting" is not one of the templates: choose None (custom), Weekly review or 1:1.');
    expect(refusal(() => draftFromForm(forged, ZONE, NOW, 'pt-BR'), 'pt-BR')).toBe('"board-meeting" não é um dos modelos: escolha Nenhum (personalizada), Revisão semanal ou 1:1.');
  });

  it('still checks a typed duration with a template', () => {
    expect(refusal(() => draftFromForm({ template: 'weekly', ...WHEN, duration: '2' }, ZONE, NOW, 'en'), 'en')).toMatch(/Duration "2" must be/);
  });
});

describe('the template choice in each renderer', () => {
  for (const locale of ['pt-BR', 'en'] as const) {
    it(`fits in the Slack button and becomes a select in the modal, read back as its value (${locale})`, () => {
      const form = newMeetingForm(locale, 'UORG');
      const packed = JSON.stringify(packForm(form));
      expect(packed.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      const modal = formModal(unpackForm(packed)!, { channelId: 'C1' });
      const block = modal.blocks.find((b) => b.block_id === 'in:template') as unknown as { optional: boolean; element: { type: string; options: { value: string }[]; initial_option: { value: string } } };
      expect(block.element.type).toBe('static_select');
      expect(block.element.options.map((o) => o.value)).toEqual(['custom', 'weekly', 'one-on-one']);
      expect(block.element.initial_option.value).toBe('custom');
      const state = { 'in:template': { template: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '1:1' }, value: 'one-on-one' } } } };
      expect(readSubmission({ private_metadata: modal.private_metadata, state: { values: state } })!.action.inputs).toEqual({ template: 'one-on-one' });
    });
  }

  it('is a compact choice set on Teams, with the custom one picked', () => {
    const card = cardToAdaptive({ title: 'x', fallbackText: 'x', elements: [newMeetingForm('en', '29:org')] });
    const choice = (card['body'] as { id?: string }[]).find((b) => b.id === 'template');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', value: 'custom', choices: [{ title: 'None (custom)', value: 'custom' }, { title: 'Weekly review', value: 'weekly' }, { title: '1:1 (one person in Participants)', value: 'one-on-one' }] });
  });

  it('lists its options in text, the picked one marked', () => {
    const text = cardToText({ title: 'x', fallbackText: 'x', elements: [newMeetingForm('pt-BR', 'U1')] }, { width: 400 });
    expect(text).toContain('<choice>: (•) Nenhum (personalizada) / ( ) Revisão semanal / ( ) 1:1 (uma pessoa em Participantes)');
  });
});
