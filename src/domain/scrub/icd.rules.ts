import {
  codeStatusOn,
  isVerified,
  lineDate,
  notEffectiveMessage,
  UNVERIFIED_HINT,
  unverifiableHint,
  unverifiableOn,
  type CodeStatusOn,
} from './claim-helpers.js';
import { defineRule } from './define-rule.js';
import type { CodeVersion, ScrubInput } from './types.js';

/**
 * The dates a diagnosis must be valid on: the claim's date of service and the date of every line that
 * points to it. ICD-10-CM changes every 1 October (and some 1 April), so a claim spanning the update
 * can hold a code valid for one line's date and not another's.
 */
function datesForDiagnosis(input: ScrubInput, index: number): string[] {
  const { claim } = input;
  const dates = new Set([claim.dateOfService]);
  for (const line of claim.lines) {
    if (line.diagnosisPointers.includes(index + 1)) dates.add(lineDate(claim, line));
  }
  return [...dates].sort();
}

interface DiagnosisCheck {
  index: number;
  code: string;
  versions: CodeVersion[];
  /** Status on each date the diagnosis must be valid on; empty when the code is unknown. */
  statuses: { date: string; status: CodeStatusOn }[];
}

function checkDiagnoses(input: ScrubInput): DiagnosisCheck[] {
  return input.claim.diagnoses.map(({ code }, index) => {
    const versions = input.codes('icd10cm', code);
    if (versions.length === 0) return { index, code, versions, statuses: [] };
    const statuses = datesForDiagnosis(input, index).map((date) => ({ date, status: codeStatusOn(versions, date) }));
    return { index, code, versions, statuses };
  });
}

export const icdUnknown = defineRule('icd.unknown', (input, issues) => {
  for (const { index, code, statuses } of checkDiagnoses(input)) {
    if (statuses.length > 0) continue;
    const wellFormed = /^[A-Z][0-9A-Z]{2}(\.?[0-9A-Z]{1,4})?$/.test(code.toUpperCase());
    if (wellFormed && !isVerified(input, 'icd10cm')) {
      issues.warning(`diagnoses[${index}].code`, `${code} is not in the loaded ICD-10-CM code set.`, UNVERIFIED_HINT);
      continue;
    }
    // Every date the code must be valid on precedes the loaded release: it may have been deleted since.
    const latest = datesForDiagnosis(input, index).at(-1) ?? input.claim.dateOfService;
    const before = wellFormed ? unverifiableOn(input, 'icd10cm', { kind: 'unknown' }, latest) : null;
    if (before) {
      issues.warning(
        `diagnoses[${index}].code`,
        `${code} is not in the loaded ICD-10-CM code set, which starts after the date of service.`,
        unverifiableHint('ICD-10-CM', before.start),
      );
      continue;
    }
    issues.error(
      `diagnoses[${index}].code`,
      `${code} is not an ICD-10-CM code.`,
      'Check the code for typos (letter O vs digit 0, I vs 1) and pick it from the current ICD-10-CM code set.',
    );
  }
});

export const icdNotEffective = defineRule('icd.not_effective', (input, issues) => {
  for (const { index, code, statuses } of checkDiagnoses(input)) {
    const failures = statuses.filter(({ status }) => status.kind !== 'effective');
    if (failures.length === 0) continue;
    // A date before the loaded release, for a code that starts with it, proves nothing (see unverifiableOn).
    const failing = failures.find(({ date, status }) => !unverifiableOn(input, 'icd10cm', status, date));
    if (!failing) {
      const first = failures[0]!;
      const { start } = unverifiableOn(input, 'icd10cm', first.status, first.date)!;
      issues.warning(
        `diagnoses[${index}].code`,
        `ICD-10-CM code ${code} could not be checked for the date of service ${first.date}: the loaded code set starts ${start}.`,
        unverifiableHint('ICD-10-CM', start),
      );
      continue;
    }
    const hint =
      failing.status.kind === 'not_yet_effective'
        ? 'Use the code that was valid on the date of service; this one only exists in a later ICD-10-CM release.'
        : 'Use the code that replaced it in the ICD-10-CM release in effect on the date of service (annual update, 1 October).';
    issues.error(
      `diagnoses[${index}].code`,
      notEffectiveMessage(`ICD-10-CM code ${code}`, failing.status, failing.date),
      hint,
    );
  }
});

export const icdNotBillable = defineRule('icd.not_billable', (input, issues) => {
  for (const { index, code, versions, statuses } of checkDiagnoses(input)) {
    if (statuses.length === 0) continue;
    // Only judged when the code is effective on every date, so an invalid code is reported once. On a date
    // before the loaded release the code's first version stands in: a header (E11) was a header then too.
    const applying = statuses.map(({ date, status }) => {
      if (status.kind === 'effective') return status.version;
      if (status.kind === 'not_yet_effective' && unverifiableOn(input, 'icd10cm', status, date)) {
        const first = codeStatusOn(versions, status.effectiveFrom);
        return first.kind === 'effective' ? first.version : null;
      }
      return null;
    });
    if (applying.some((version) => version === null)) continue;
    const header = applying.find((version) => version !== null && !version.billable);
    if (!header) continue;
    issues.error(
      `diagnoses[${index}].code`,
      `${code} is an ICD-10-CM category header, not a billable code.`,
      `A more specific child code is required: pick the code under ${code} with all its characters (e.g. a 4th to 7th character) that matches the documentation.`,
    );
  }
});

export const ICD_RULES = [icdUnknown, icdNotEffective, icdNotBillable];
