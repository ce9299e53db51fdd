/** The kpi capability as the rest of core sees it. */
export * from './contributions.js';
export * from './dimensions.js';
export * from './get-kpis.js';
export * from './kpi-names.js';
export * from './query-kpis.js';
export * from './record-events.js';
export * from './show-kpi-card.js';
export * from './stats.js';
export * from './views/follow-up-buttons.js';
export * from './views/kpi-card.js';
export * from './views/kpi-chart.js';
export * from './views/kpi-defs.js';
export * from './value-words.js';
