import { t, type Locale } from '../i18n/index.js';
import type { Card } from './card.js';

/** Every command with examples, in the user's language; Teams commands have no slash. */
export function helpCard(locale: Locale, platform: 'slack' | 'teams' | 'console'): Card {
  const slash = platform === 'teams' ? '' : '/';
  const lines = t(locale, 'help.kpi', { s: slash });
  return {
    title: t(locale, 'help.title'),
    fallbackText: t(locale, 'help.title'),
    elements: [
      { type: 'text', text: t(locale, 'help.intro') },
      { type: 'text', text: lines },
      { type: 'text', text: t(locale, 'help.alert', { s: slash }) },
      { type: 'text', text: t(locale, 'help.survey', { s: slash }) },
      { type: 'text', text: t(locale, 'help.meeting', { s: slash }) },
      { type: 'text', text: t(locale, 'help.report', { s: slash }) },
      { type: 'context', text: t(locale, 'help.periods') },
    ],
  };
}
