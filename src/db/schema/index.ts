export * from './platform.js';
export * from './parties.js';
