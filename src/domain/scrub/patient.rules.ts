import { ageInYears, isIsoDate } from '../claims/calendar-date.js';
import { addressProblems } from './address.js';
import { isBlank } from './claim-helpers.js';
import { defineRule } from './define-rule.js';

// The CMS MCE accepts ages 0 through 124; anything older is a data-entry error.
const MAX_AGE = 124;

export const patientNameMissing = defineRule('patient.name_missing', ({ patient }, issues) => {
  const hint = 'Enter the patient name exactly as it appears on the insurance card.';
  if (isBlank(patient.lastName)) issues.error('patient.lastName', 'The patient has no last name.', hint);
  if (isBlank(patient.firstName)) issues.error('patient.firstName', 'The patient has no first name.', hint);
});

export const patientBirthDateInvalid = defineRule('patient.birth_date_invalid', ({ patient, claim }, issues) => {
  const { birthDate } = patient;
  const hint = 'Correct the patient birth date (YYYY-MM-DD); payers match it against their eligibility file.';
  if (!isIsoDate(birthDate)) {
    issues.error('patient.birthDate', `The patient birth date '${birthDate}' is not a valid date.`, hint);
    return;
  }
  if (!isIsoDate(claim.dateOfService)) return;
  if (birthDate > claim.dateOfService) {
    issues.error(
      'patient.birthDate',
      `The patient birth date ${birthDate} is after the date of service ${claim.dateOfService}.`,
      hint,
    );
  } else if (ageInYears(birthDate, claim.dateOfService) > MAX_AGE) {
    issues.error('patient.birthDate', `The patient would be older than ${MAX_AGE} on the date of service.`, hint);
  }
});

// 837P: the patient's address goes in 2010BA N3/N4 (required when the subscriber is the patient) or in
// 2010CA N3/N4 (required), so every claim needs one.
export const patientAddressMissing = defineRule('patient.address_missing', ({ patient }, issues) => {
  if (patient.address) return;
  issues.error(
    'patient.address',
    'The patient has no address.',
    'Add the patient home address (street, city, state, ZIP).',
  );
});

export const patientAddressInvalid = defineRule('patient.address_invalid', ({ patient }, issues) => {
  if (!patient.address) return;
  for (const problem of addressProblems(patient.address, 'patient')) {
    issues.error(`patient.address.${problem.field}`, problem.message, problem.hint);
  }
});

export const PATIENT_RULES = [
  patientNameMissing,
  patientBirthDateInvalid,
  patientAddressMissing,
  patientAddressInvalid,
];
