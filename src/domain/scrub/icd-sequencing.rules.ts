import { dotlessIcd } from './claim-helpers.js';
import { matchesAnyCodeSpec } from './code-ranges.js';
import { defineRule } from './define-rule.js';
import { EXTERNAL_CAUSE_CODES, INFECTIOUS_AGENT_CODES, MANIFESTATION_CODES } from './icd-sequencing.data.js';
import type { ScrubInput } from './types.js';

/** The first-listed diagnosis when it matches one of `specs`. */
function firstListedIn(input: ScrubInput, specs: readonly string[]): string | undefined {
  const first = input.claim.diagnoses[0];
  return first && matchesAnyCodeSpec(dotlessIcd(first.code), specs) ? first.code : undefined;
}

export const externalCauseFirst = defineRule('icd.external_cause_first', (input, issues) => {
  const code = firstListedIn(input, EXTERNAL_CAUSE_CODES);
  if (!code) return;
  issues.error(
    'diagnoses[0].code',
    `${code} is an external-cause code (V00-Y99), which is never the first-listed diagnosis (ICD-10-CM Guidelines I.C.20).`,
    `List the injury or condition it explains first (e.g. the S or T code), then ${code} as an additional diagnosis.`,
  );
});

export const manifestationFirst = defineRule('icd.manifestation_first', (input, issues) => {
  const code = firstListedIn(input, MANIFESTATION_CODES);
  if (!code) return;
  issues.error(
    'diagnoses[0].code',
    `${code} is a manifestation code ("in diseases classified elsewhere"), which is never first-listed (ICD-10-CM Guidelines I.A.13).`,
    `List the underlying condition (the etiology, see the "code first" note under ${code}) first, then ${code}.`,
  );
});

export const infectiousAgentFirst = defineRule('icd.infectious_agent_first', (input, issues) => {
  const code = firstListedIn(input, INFECTIOUS_AGENT_CODES);
  if (!code) return;
  issues.error(
    'diagnoses[0].code',
    `${code} identifies the infectious agent of a disease classified elsewhere (B95-B97) and is only an additional code.`,
    `List the infection or disease first (e.g. the urinary tract infection or pneumonia code), then ${code} for the organism.`,
  );
});

export const ICD_SEQUENCING_RULES = [externalCauseFirst, manifestationFirst, infectiousAgentFirst];
