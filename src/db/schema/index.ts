export * from './platform.js';
export * from './parties.js';
export * from './codes.js';
export * from './claims.js';
export * from './edi.js';
export * from './ledger.js';
