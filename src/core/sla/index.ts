/** The sla capability as the rest of core sees it. */
export * from './judge.js';
