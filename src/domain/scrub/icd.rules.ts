import {
  codeStatusOn,
  isVerified,
  lineDate,
  notEffectiveMessage,
  outdatedHint,
  pastCodeSetEnd,
  replacementList,
  replacementOn,
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
    // Every date is after the loaded code set ends: it may be a code of the release that is not loaded.
    const past = wellFormed ? pastCodeSetEnd(input, 'icd10cm', datesForDiagnosis(input, index)[0]!) : null;
    if (past) {
      issues.warning(
        `diagnoses[${index}].code`,
        `${code} is not in the loaded ICD-10-CM code set, which ends ${past.end}; the date of service falls in ${past.next}, which is not loaded.`,
        outdatedHint('ICD-10-CM', past),
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
    const { status } = failing;
    const replaced = status.kind === 'terminated' ? replacementOn(input, 'icd10cm', code, failing.date) : null;
    const hint =
      status.kind === 'not_yet_effective'
        ? 'Use the code that was valid on the date of service; this one only exists in a later ICD-10-CM release.'
        : replaced && status.kind === 'terminated' && replaced.from > status.effectiveTo
          ? `${code} was deleted by the ICD-10-CM release of ${replaced.from}; the codes under ${replaced.under} on the date of service are ${replacementList(replaced)}: pick the one the documentation supports.`
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
    const at = applying.findIndex((version) => version !== null && !version.billable);
    if (at === -1) continue;
    const header = applying[at]!;
    // A billable code a release turned into a header names the codes that release put under it.
    const split = replacementOn(input, 'icd10cm', code, statuses[at]!.date);
    const children = split && (header.effectiveFrom === null || split.from >= header.effectiveFrom) ? split : null;
    issues.error(
      `diagnoses[${index}].code`,
      children
        ? `${code} is an ICD-10-CM category header since ${children.from}, not a billable code.`
        : `${code} is an ICD-10-CM category header, not a billable code.`,
      children
        ? `Since ${children.from} ${code} is divided into ${replacementList(children)}: pick the one that matches the documentation.`
        : `A more specific child code is required: pick the code under ${code} with all its characters (e.g. a 4th to 7th character) that matches the documentation.`,
    );
  }
});

/**
 * A date of service after the loaded ICD-10-CM code set ends: the diagnoses that were found were checked
 * against a release no longer in force, so a code the next release deleted or divided goes unnoticed.
 * Said once per claim (unknown codes are reported each by icd.unknown).
 */
export const icdCodeSetOutdated = defineRule('icd.code_set_outdated', (input, issues) => {
  for (const { statuses } of checkDiagnoses(input)) {
    const past = statuses.map(({ date }) => ({ date, end: pastCodeSetEnd(input, 'icd10cm', date) })).find((p) => p.end);
    if (!past?.end) continue;
    issues.warning(
      'diagnoses',
      `The diagnoses were checked against the loaded ICD-10-CM code set, which ends ${past.end.end}; the date of service ${past.date} falls in ${past.end.next}, which is not loaded, so codes it deleted or divided are not caught.`,
      outdatedHint('ICD-10-CM', past.end),
    );
    return;
  }
});

export const ICD_RULES = [icdUnknown, icdNotEffective, icdNotBillable, icdCodeSetOutdated];
