import { ageInYears, isIsoDate } from '../claims/calendar-date.js';
import { lineDate } from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import { ADD_ON_PRIMARIES, PROCEDURE_AGES } from './service-pairing.data.js';

const norm = (code: string) => code.trim().toUpperCase();

/**
 * An add-on code needs its primary procedure on the same date of service: on this claim, or on another live
 * claim of this patient from the same billing provider that day (the others the scrubber is given).
 */
export const addOnWithoutPrimary = defineRule(
  'procedure.add_on_without_primary',
  ({ claim, existingClaims, providers }, issues) => {
    claim.lines.forEach((line, i) => {
      const code = norm(line.code);
      const primaries = ADD_ON_PRIMARIES[code];
      if (!primaries) return;
      const date = lineDate(claim, line);
      const onClaim = claim.lines.some(
        (other) => other !== line && lineDate(claim, other) === date && primaries.includes(norm(other.code)),
      );
      const elsewhere = existingClaims.some(
        (other) =>
          other.status !== 'void' &&
          other.status !== 'replaced' &&
          other.dateOfService === date &&
          other.billingProviderId === providers.billing?.id &&
          other.codes.some((f) => primaries.includes(f.split('-')[0]!)),
      );
      if (onClaim || elsewhere) return;
      issues.error(
        `lines[${i}].code`,
        `${code} (line ${i + 1}) is an add-on code, paid only with its primary procedure on the same date (${primaries.slice(0, 6).join(', ')}${primaries.length > 6 ? ', …' : ''}), and none is billed on ${date}.`,
        `Bill the primary procedure on the same date of service, or replace ${code} with the code for the service itself.`,
      );
    });
  },
);

const isPreventiveVisit = (code: string) => /^993[89][1-7]$/.test(code);

/** Preventive visits and pediatric vaccine counseling are defined by the patient's age on the date of service. */
export const procedureAge = defineRule('procedure.age_conflict', ({ claim, patient }, issues) => {
  if (!isIsoDate(patient.birthDate)) return;
  claim.lines.forEach((line, i) => {
    const code = norm(line.code);
    const range = PROCEDURE_AGES[code];
    const date = lineDate(claim, line);
    if (!range || !isIsoDate(date) || patient.birthDate > date) return;
    const age = ageInYears(patient.birthDate, date);
    if (age >= range.min && age <= range.max) return;
    if (!isPreventiveVisit(code)) {
      issues.error(
        `lines[${i}].code`,
        `${code} (line ${i + 1}) is for ${range.label}; the patient was ${age} on ${date}.`,
        range.instead
          ? `Use ${range.instead} for this patient.`
          : 'Check the patient birth date and the procedure code.',
      );
      return;
    }
    const visit = code.startsWith('9938') ? 'new-patient' : 'established-patient';
    const fit = Object.entries(PROCEDURE_AGES).find(
      ([c, r]) => c.slice(0, 4) === code.slice(0, 4) && age >= r.min && age <= r.max,
    )?.[0];
    issues.error(
      `lines[${i}].code`,
      `${code} (line ${i + 1}) is the ${visit} preventive visit for ${range.label}; the patient was ${age} on ${date}.`,
      fit
        ? `Use ${fit}, the ${visit} preventive visit for the patient's age.`
        : 'Check the patient birth date and the visit code.',
    );
  });
});

export const SERVICE_PAIRING_RULES = [addOnWithoutPrimary, procedureAge];
