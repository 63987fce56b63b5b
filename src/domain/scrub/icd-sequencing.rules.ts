import { dotlessIcd } from './claim-helpers.js';
import { matchesAnyCodeSpec } from './code-ranges.js';
import { defineRule } from './define-rule.js';
import {
  ADDITIONAL_ONLY_CODES,
  CODE_FIRST_MANIFESTATION_CODES,
  EXTERNAL_CAUSE_CODES,
  FIRST_LISTED_ONLY_CODES,
  INFECTIOUS_AGENT_CODES,
  MANIFESTATION_CODES,
} from './icd-sequencing.data.js';
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
  const code = firstListedIn(input, MANIFESTATION_CODES) ?? firstListedIn(input, CODE_FIRST_MANIFESTATION_CODES);
  if (!code) return;
  issues.error(
    'diagnoses[0].code',
    `${code} is a manifestation code (its tabular entry says to code the underlying disease first), which is never first-listed (ICD-10-CM Guidelines I.A.13).`,
    `List the underlying condition (the etiology, see the "code first" note under ${code}) first, then ${code}.`,
  );
});

export const additionalOnlyFirst = defineRule('icd.additional_only_first', (input, issues) => {
  const code = firstListedIn(input, ADDITIONAL_ONLY_CODES);
  if (!code) return;
  issues.error(
    'diagnoses[0].code',
    `${code} is only ever an additional code (weeks of gestation, outcome of delivery and BMI codes describe another condition) and cannot be first-listed.`,
    `List the condition ${code} supplements first (e.g. the pregnancy, delivery or obesity code), then ${code}.`,
  );
});

/**
 * A Z code that may only be first-listed (a routine exam, supervision of a normal pregnancy…) sits behind
 * another diagnosis. A warning: the guideline's exceptions (combined same-day encounters, several such Z
 * codes) are allowed, so when the first-listed code is itself one of them nothing is reported.
 */
export const firstListedOnlyNotFirst = defineRule('icd.first_listed_only', ({ claim }, issues) => {
  const first = claim.diagnoses[0];
  if (!first || matchesAnyCodeSpec(dotlessIcd(first.code), FIRST_LISTED_ONLY_CODES)) return;
  claim.diagnoses.forEach(({ code }, index) => {
    if (index === 0 || !matchesAnyCodeSpec(dotlessIcd(code), FIRST_LISTED_ONLY_CODES)) return;
    issues.warning(
      `diagnoses[${index}].code`,
      `${code} may only be the first-listed diagnosis (ICD-10-CM Guidelines I.C.21.c.16), but it is listed ${index + 1}.`,
      `List ${code} first when it is the reason for the encounter (e.g. a routine exam with a problem addressed: the exam code first), or remove it.`,
    );
  });
});

/** Codes that can never head a service line's diagnosis pointers, with the rule that explains why. */
const NEVER_PRIMARY: readonly { specs: readonly string[]; what: string }[] = [
  { specs: EXTERNAL_CAUSE_CODES, what: 'an external-cause code' },
  { specs: MANIFESTATION_CODES, what: 'a manifestation code' },
  { specs: CODE_FIRST_MANIFESTATION_CODES, what: 'a manifestation code' },
  { specs: INFECTIOUS_AGENT_CODES, what: 'an infectious-agent code' },
  { specs: ADDITIONAL_ONLY_CODES, what: 'an additional-only code' },
];

/**
 * A line's first diagnosis pointer names its primary diagnosis (837P SV107-1); the codes that are never
 * first-listed cannot be a line's primary diagnosis either. Pointer 1 is the first-listed diagnosis, which
 * the rules above already report.
 */
export const linePrimaryDiagnosis = defineRule('icd.line_primary_not_allowed', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const pointer = line.diagnosisPointers[0];
    if (pointer === undefined || pointer === 1) return;
    const code = claim.diagnoses[pointer - 1]?.code;
    if (!code) return;
    const hit = NEVER_PRIMARY.find(({ specs }) => matchesAnyCodeSpec(dotlessIcd(code), specs));
    if (!hit) return;
    issues.error(
      `lines[${i}].diagnosisPointers[0]`,
      `Line ${i + 1} points first to ${code}, ${hit.what}, which cannot be the primary diagnosis of a service.`,
      `Point line ${i + 1} first to the condition treated, and list ${code} after it.`,
    );
  });
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

export const ICD_SEQUENCING_RULES = [
  externalCauseFirst,
  manifestationFirst,
  infectiousAgentFirst,
  additionalOnlyFirst,
  firstListedOnlyNotFirst,
  linePrimaryDiagnosis,
];
