export * from './issues.js';
export { parseIsoDateTime } from './fields.js';
export * from './interaction-input.js';
export * from './survey-response-input.js';
export * from './body.js';
export * from './batch-outcome.js';
export * from './depth.js';
