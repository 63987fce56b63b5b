export type * from './types.js';
export { scrubClaim, hasErrors, SCRUB_RULES, SCRUB_RULE_IDS } from './scrubber.js';
export { claimCodeFingerprint } from './duplicate.rules.js';
export { NCCI_BYPASS_MODIFIERS } from './ncci.rules.js';
export { procedureSystem } from './procedure.rules.js';
export { FILING_WARNING_DAYS } from './filing.rules.js';
