/** The alerts capability as the rest of core sees it. */
export * from './bot.js';
