/** The reports capability as the rest of core sees it. */
export * from './bot.js';
export * from './report-runs.js';
