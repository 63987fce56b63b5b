import { COVERAGE_RULES } from './coverage.rules.js';
import { DEMOGRAPHIC_RULES } from './demographic.rules.js';
import { DUPLICATE_RULES } from './duplicate.rules.js';
import { FILING_RULES } from './filing.rules.js';
import { ICD_SEQUENCING_RULES } from './icd-sequencing.rules.js';
import { ICD_RULES } from './icd.rules.js';
import { NCCI_RULES } from './ncci.rules.js';
import { NDC_RULES } from './ndc.rules.js';
import { PATIENT_RULES } from './patient.rules.js';
import { PROCEDURE_RULES } from './procedure.rules.js';
import { PROVIDER_RULES } from './provider.rules.js';
import { SERVICE_PAIRING_RULES } from './service-pairing.rules.js';
import { STRUCTURE_RULES } from './structure.rules.js';
import type { ScrubInput, ScrubIssue, ScrubRule } from './types.js';
import { X12_TEXT_RULES } from './x12-text.rules.js';

/** Every scrub rule, in the order their issues are reported. Rule ids are stable API: never rename one. */
export const SCRUB_RULES: readonly ScrubRule[] = [
  ...STRUCTURE_RULES,
  ...ICD_RULES,
  ...ICD_SEQUENCING_RULES,
  ...DEMOGRAPHIC_RULES,
  ...PROCEDURE_RULES,
  ...SERVICE_PAIRING_RULES,
  ...NCCI_RULES,
  ...PATIENT_RULES,
  ...PROVIDER_RULES,
  ...COVERAGE_RULES,
  ...DUPLICATE_RULES,
  ...FILING_RULES,
  ...X12_TEXT_RULES,
  ...NDC_RULES,
];

export const SCRUB_RULE_IDS: readonly string[] = SCRUB_RULES.map((rule) => rule.id);

/** Runs every rule. Pure: the same input always gives the same issues, in rule order. */
export function scrubClaim(input: ScrubInput): ScrubIssue[] {
  return SCRUB_RULES.flatMap((rule) => rule(input));
}

export function hasErrors(issues: readonly ScrubIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
