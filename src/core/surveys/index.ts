/** The surveys capability as the rest of core sees it. */
export * from './answer-survey.js';
export * from './bot.js';
export * from './send-survey.js';
export * from './views/survey-card.js';
