/** The records capability as the rest of core sees it. */
export * from './store-interactions.js';
export * from './store-survey-responses.js';
