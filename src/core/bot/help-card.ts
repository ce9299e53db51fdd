import { t, type Locale } from '../i18n/index.js';
import type { Card, CardElement } from '../cards/card.js';

export const HELP_TOPICS = ['kpi', 'alert', 'survey', 'meeting', 'report', 'periods'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

/**
 * Every command with examples, in the user's language, written with the platform's command prefix
 * (`s`: '/' on Slack, none on Teams).
 * `topics`: only those commands' lines (`help report`).
 */
export function helpCard(locale: Locale, s: string, topics: readonly HelpTopic[] = HELP_TOPICS): Card {
  const sections: CardElement[] = topics.map((topic) =>
    topic === 'periods' ? { type: 'context', text: t(locale, 'help.periods') } : { type: 'text', text: t(locale, `help.${topic}`, { s }) },
  );
  return {
    title: t(locale, 'help.title'),
    fallbackText: t(locale, 'help.title'),
    elements: [{ type: 'text', text: t(locale, 'help.intro') }, ...sections],
  };
}
