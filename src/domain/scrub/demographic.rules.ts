import { ageInYears, daysBetween, isIsoDate } from '../claims/calendar-date.js';
import { dotlessIcd } from './claim-helpers.js';
import { matchesAnyCodeSpec } from './code-ranges.js';
import { DIAGNOSIS_DEMOGRAPHIC_EDITS, type DiagnosisDemographicEdit } from './demographic.data.js';
import { defineRule } from './define-rule.js';
import type { ScrubInput } from './types.js';

function editsFor(code: string): DiagnosisDemographicEdit[] {
  const dotless = dotlessIcd(code);
  return DIAGNOSIS_DEMOGRAPHIC_EDITS.filter((edit) => matchesAnyCodeSpec(dotless, edit.codes));
}

/**
 * Whether the claim carries the gender-specific override for this diagnosis: modifier KX on a line that
 * points to it (on any line when none does). Medicare Claims Processing Manual ch. 32 §240 (CR 6638):
 * "if a gender/procedure or gender/diagnosis conflict edit occurs, the KX modifier alerts the MAC that it
 * is not an error", and the claim continues with normal processing.
 */
function genderOverride(input: ScrubInput, index: number): boolean {
  const { lines } = input.claim;
  const pointing = lines.filter((line) => line.diagnosisPointers.includes(index + 1));
  return (pointing.length > 0 ? pointing : lines).some((line) =>
    line.modifiers.some((m) => m.trim().toUpperCase() === 'KX'),
  );
}

/**
 * A sex-specific diagnosis that contradicts the patient's sex is an error: CMS returns or rejects such
 * claims (MCE/I-OCE sex conflict edits; commercial payers deny with CARC 11), and the cause is almost always
 * a wrong code, a wrong patient or a wrong sex on file. When both are right (a transgender or intersex
 * patient), modifier KX on the service line is the documented override, and the claim is clean.
 */
export const sexConflict = defineRule('demographic.sex_conflict', (input, issues) => {
  const { claim, patient } = input;
  // 'unknown' (X12 DMG03 = U) has nothing to conflict with.
  if (patient.sex === 'unknown') return;
  claim.diagnoses.forEach(({ code }, index) => {
    if (genderOverride(input, index)) return;
    for (const edit of editsFor(code)) {
      if (!edit.sex || edit.sex === patient.sex) continue;
      issues.error(
        `diagnoses[${index}].code`,
        `${code} (${edit.label}) is a ${edit.sex}-only diagnosis, but the patient's sex is ${patient.sex}.`,
        `Check the diagnosis and the patient's recorded sex; payers reject sex-specific codes that conflict (CMS sex edit). ` +
          `If both are right (e.g. a transgender patient), add modifier KX to the service line (CMS Claims Processing Manual ch. 32 §240).`,
      );
      break;
    }
  });
});

/** The patient's age in the edit's unit, or null when either date is unusable (reported elsewhere). */
function ageOn(input: ScrubInput, unit: 'years' | 'days'): number | null {
  const { birthDate } = input.patient;
  const date = input.claim.dateOfService;
  if (!isIsoDate(birthDate) || !isIsoDate(date) || birthDate > date) return null;
  return unit === 'years' ? ageInYears(birthDate, date) : daysBetween(birthDate, date);
}

export const ageConflict = defineRule('demographic.age_conflict', (input, issues) => {
  input.claim.diagnoses.forEach(({ code }, index) => {
    for (const edit of editsFor(code)) {
      if (!edit.age) continue;
      const { min, max, unit } = edit.age;
      const age = ageOn(input, unit);
      if (age === null || (age >= min && age <= max)) continue;
      const range = min === max ? `age ${min} ${unit}` : `ages ${min} to ${max} ${unit}`;
      const old = `${age} ${age === 1 ? unit.slice(0, -1) : unit} old`;
      issues.report(
        edit.severity,
        `diagnoses[${index}].code`,
        `${code} (${edit.label}) applies to ${range}; the patient was ${old} on ${input.claim.dateOfService}.`,
        "Check the diagnosis code and the patient birth date; choose the code for the patient's age group.",
      );
    }
  });
});

export const DEMOGRAPHIC_RULES = [sexConflict, ageConflict];
