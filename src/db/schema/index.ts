export * from './platform.js';
export * from './parties.js';
export * from './codes.js';
export * from './code-search.js';
export * from './claims.js';
export * from './edi.js';
export * from './ledger.js';
export * from './webhooks.js';
