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

export const sexConflict = defineRule('demographic.sex_conflict', ({ claim, patient }, issues) => {
  // 'unknown' (X12 DMG03 = U) has nothing to conflict with.
  if (patient.sex === 'unknown') return;
  claim.diagnoses.forEach(({ code }, index) => {
    for (const edit of editsFor(code)) {
      if (!edit.sex || edit.sex === patient.sex) continue;
      issues.report(
        edit.severity,
        `diagnoses[${index}].code`,
        `${code} (${edit.label}) is a ${edit.sex}-only diagnosis, but the patient's sex is ${patient.sex}.`,
        `Check the diagnosis and the patient's recorded sex; payers deny sex-specific codes that conflict (CMS MCE sex edit). ` +
          `If both are right (e.g. a transgender patient), follow the payer's override (Medicare Part B: modifier KX on the service line).`,
      );
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
        'Check the diagnosis code and the patient birth date; choose the code for the patient\'s age group.',
      );
    }
  });
});

export const DEMOGRAPHIC_RULES = [sexConflict, ageConflict];
