export { mapLimit } from '../../core/concurrency.js';

/**
 * Point lookups run as parallel equality queries on the unique key rather than one `$in`:
 * MongoDB serves both from the index, the test server (mongo-java-server) only the former.
 */
export const LOOKUP_CONCURRENCY = 32;
