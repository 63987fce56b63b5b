import { formatUnits } from '../money.js';
import { isIsoDate } from '../claims/calendar-date.js';
import { dotlessIcd } from './claim-helpers.js';
import { defineRule } from './define-rule.js';

// Limits of the 837P 005010X222A1: HI holds 12 diagnoses (2300 HI01-HI12), the 2400 loop repeats 50 times,
// SV101 carries 4 modifiers and SV107 4 diagnosis pointers.
const MAX_DIAGNOSES = 12;
const MAX_LINES = 50;
const MAX_POINTERS = 4;
const MAX_MODIFIERS = 4;

export const diagnosisCount = defineRule('structure.diagnosis_count', ({ claim }, issues) => {
  const count = claim.diagnoses.length;
  if (count === 0) {
    issues.error(
      'diagnoses',
      'The claim has no diagnosis.',
      'Add at least one ICD-10-CM diagnosis; every service line must point to one.',
    );
  } else if (count > MAX_DIAGNOSES) {
    issues.error(
      'diagnoses',
      `The claim has ${count} diagnoses; an 837P claim holds at most ${MAX_DIAGNOSES}.`,
      'Keep the 12 diagnoses the service lines point to, most relevant first, or split the services into two claims.',
    );
  }
});

export const diagnosisDuplicate = defineRule('structure.diagnosis_duplicate', ({ claim }, issues) => {
  const firstIndex = new Map<string, number>();
  claim.diagnoses.forEach((diagnosis, index) => {
    const code = dotlessIcd(diagnosis.code);
    const first = firstIndex.get(code);
    if (first === undefined) {
      firstIndex.set(code, index);
      return;
    }
    issues.error(
      `diagnoses[${index}].code`,
      `Diagnosis ${diagnosis.code} is listed twice (also diagnosis ${first + 1}).`,
      `Remove the repeated code and point the service lines at diagnosis ${first + 1}; payers reject duplicate HI codes.`,
    );
  });
});

export const lineCount = defineRule('structure.line_count', ({ claim }, issues) => {
  const count = claim.lines.length;
  if (count === 0) {
    issues.error('lines', 'The claim has no service line.', 'Add at least one CPT/HCPCS service line.');
  } else if (count > MAX_LINES) {
    issues.error(
      'lines',
      `The claim has ${count} service lines; an 837P claim holds at most ${MAX_LINES}.`,
      'Split the services into several claims of 50 lines or fewer.',
    );
  }
});

export const pointerCount = defineRule('structure.pointer_count', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const count = line.diagnosisPointers.length;
    if (count === 0) {
      issues.error(
        `lines[${i}].diagnosisPointers`,
        `Line ${i + 1} (${line.code}) points to no diagnosis.`,
        'Add the 1-based position of the diagnosis that justifies this service, primary reason first.',
      );
    } else if (count > MAX_POINTERS) {
      issues.error(
        `lines[${i}].diagnosisPointers`,
        `Line ${i + 1} (${line.code}) has ${count} diagnosis pointers; at most ${MAX_POINTERS} are allowed.`,
        'Keep the four most relevant diagnoses for this line, primary reason first.',
      );
    }
  });
});

export const pointerInvalid = defineRule('structure.pointer_invalid', ({ claim }, issues) => {
  const count = claim.diagnoses.length;
  claim.lines.forEach((line, i) => {
    line.diagnosisPointers.forEach((pointer, j) => {
      if (Number.isInteger(pointer) && pointer >= 1 && pointer <= count) return;
      issues.error(
        `lines[${i}].diagnosisPointers[${j}]`,
        `Line ${i + 1} points to diagnosis ${pointer}, but the claim has ${count} diagnos${count === 1 ? 'is' : 'es'}.`,
        `Diagnosis pointers are 1-based positions in the diagnosis list (1 to ${count}); point at an existing diagnosis.`,
      );
    });
  });
});

export const pointerDuplicate = defineRule('structure.pointer_duplicate', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    line.diagnosisPointers.forEach((pointer, j) => {
      if (line.diagnosisPointers.indexOf(pointer) === j) return;
      issues.error(
        `lines[${i}].diagnosisPointers[${j}]`,
        `Line ${i + 1} points to diagnosis ${pointer} more than once.`,
        'List each diagnosis pointer once per line.',
      );
    });
  });
});

export const unitsInvalid = defineRule('structure.units_invalid', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    if (Number.isSafeInteger(line.unitsThousandths) && line.unitsThousandths > 0) return;
    const units = Number.isSafeInteger(line.unitsThousandths) ? formatUnits(line.unitsThousandths) : 'invalid';
    issues.error(
      `lines[${i}].units`,
      `Line ${i + 1} (${line.code}) has ${units} units; units must be greater than 0.`,
      'Enter the number of units (or minutes, for time-based codes) actually provided.',
    );
  });
});

/**
 * Codes reported for information at a charge of $0.00: quality-data codes — CPT Category II (nnnnF) and the
 * HCPCS G8xxx/G9188-G9999 and M1xxx quality codes; CMS claims-based quality reporting asks for QDC lines "with a
 * $0.00 charge", or $0.01 where a system cannot send 0 — and 99024, the postoperative visit included in the
 * global surgical package, reported for tracking only.
 */
function zeroChargeAllowed(code: string): boolean {
  const c = code.trim().toUpperCase();
  // G9001-G9187 include paid services (care coordination, genotyping, evaluations); the quality codes follow.
  return (
    /^\d{4}F$/.test(c) ||
    /^G8\d{3}$/.test(c) ||
    (/^G9\d{3}$/.test(c) && c >= 'G9188') ||
    /^M1\d{3}$/.test(c) ||
    c === '99024'
  );
}

export const chargeInvalid = defineRule('structure.charge_invalid', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    if (Number.isSafeInteger(line.chargeCents) && line.chargeCents > 0) return;
    if (line.chargeCents === 0 && zeroChargeAllowed(line.code)) return;
    issues.error(
      `lines[${i}].chargeCents`,
      `Line ${i + 1} (${line.code}) has a charge of ${line.chargeCents} cents; the charge must be a whole number of cents above 0.`,
      'Bill the practice fee-schedule charge for the line in integer cents (e.g. 12500 for $125.00); no-charge services are not reported on the claim.',
    );
  });
});

export const modifierCount = defineRule('structure.modifier_count', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    if (line.modifiers.length <= MAX_MODIFIERS) return;
    issues.error(
      `lines[${i}].modifiers`,
      `Line ${i + 1} (${line.code}) has ${line.modifiers.length} modifiers; at most ${MAX_MODIFIERS} are allowed.`,
      'Keep the four modifiers that matter, pricing modifiers (26, TC) first, then payment-affecting ones (e.g. 59, XS, LT).',
    );
  });
});

export const modifierDuplicate = defineRule('structure.modifier_duplicate', ({ claim }, issues) => {
  claim.lines.forEach((line, i) => {
    const normalized = line.modifiers.map((m) => m.trim().toUpperCase());
    normalized.forEach((modifier, j) => {
      if (normalized.indexOf(modifier) === j) return;
      issues.error(
        `lines[${i}].modifiers[${j}]`,
        `Line ${i + 1} (${line.code}) carries modifier ${modifier} twice.`,
        'Report each modifier once; to bill the service again, add another line.',
      );
    });
  });
});

export const dateInvalid = defineRule('structure.date_invalid', ({ claim }, issues) => {
  const hint = 'Use a real calendar date in YYYY-MM-DD form.';
  if (!isIsoDate(claim.dateOfService)) {
    issues.error('dateOfService', `The date of service '${claim.dateOfService}' is not a valid date.`, hint);
  }
  claim.lines.forEach((line, i) => {
    const date = line.dateOfService;
    if (date === null || date === undefined || isIsoDate(date)) return;
    issues.error(`lines[${i}].dateOfService`, `Line ${i + 1} has an invalid date of service '${date}'.`, hint);
  });
});

export const serviceDateFuture = defineRule('structure.service_date_future', ({ claim, today }, issues) => {
  const hint = 'Bill a service only after it was provided; correct the date of service if it was mistyped.';
  if (claim.dateOfService > today) {
    issues.error('dateOfService', `The date of service ${claim.dateOfService} is after today (${today}).`, hint);
  }
  claim.lines.forEach((line, i) => {
    const date = line.dateOfService;
    if (date === null || date === undefined || date <= today) return;
    issues.error(
      `lines[${i}].dateOfService`,
      `Line ${i + 1} has a date of service ${date} after today (${today}).`,
      hint,
    );
  });
});

export const STRUCTURE_RULES = [
  diagnosisCount,
  diagnosisDuplicate,
  lineCount,
  pointerCount,
  pointerInvalid,
  pointerDuplicate,
  unitsInvalid,
  chargeInvalid,
  modifierCount,
  modifierDuplicate,
  dateInvalid,
  serviceDateFuture,
];
