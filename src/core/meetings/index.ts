/** The meetings capability as the rest of core sees it. */
export * from './action-items.js';
export * from './bot.js';
export * from './parse.js';
export * from './plan-meeting.js';
export * from './run-meeting.js';
export * from './views/meeting-cards.js';
