import { describe, expect, it } from 'vitest';
import {
  icdCodeSetOutdated,
  icdNotBillable,
  icdNotEffective,
  icdUnknown,
} from '../../../src/domain/scrub/icd.rules.js';
import type { CodeReplacement, CodeVersion, ScrubInput } from '../../../src/domain/scrub/types.js';
import { codeLookup, makeInput, runRule } from './make-input.js';
import { ruleTable } from './rule-table.js';

// FY2026 and FY2027 as loaded from the CMS files: I42.0 divided, S23.420A deleted, I42.00 new in FY2027.
const v = (code: string, from: string, to: string | null = null, billable = true): CodeVersion => ({
  system: 'icd10cm',
  code,
  billable,
  effectiveFrom: from,
  effectiveTo: to,
  shortDescription: code,
});
const VERSIONS = [
  v('I10', '2025-10-01'),
  v('I42.0', '2025-10-01', '2026-09-30'),
  v('I42.0', '2026-10-01', null, false),
  v('I42.00', '2026-10-01'),
  v('S23.420A', '2025-10-01', '2026-09-30'),
  v('E11', '2025-10-01', null, false),
];
const REPLACEMENTS: Record<string, CodeReplacement[]> = {
  'I42.0': [{ from: '2026-10-01', under: 'I42.0', codes: ['I42.00', 'I42.01', 'I42.09'], total: 3 }],
  'S23.420A': [{ from: '2026-10-01', under: 'S23.42', codes: ['S23.421A', 'S23.421D'], total: 9 }],
};
const FY2026_END = { icd10cm: { end: '2026-09-30', next: 'ICD-10-CM FY2027 (effective 2026-10-01)' } };
const FY2027_END = { icd10cm: { end: '2027-09-30', next: 'ICD-10-CM FY2028 (effective 2027-10-01)' } };

function visit(date: string, codes: string[], over: Partial<ScrubInput> = {}): ScrubInput {
  return makeInput({
    today: '2026-12-03',
    codes: codeLookup(VERSIONS),
    codeSetStart: { icd10cm: '2025-10-01' },
    codeSetEnd: FY2027_END,
    codeReplacements: (_system, code) => REPLACEMENTS[code] ?? [],
    claim: { dateOfService: date, diagnoses: codes.map((code) => ({ code })) },
    ...over,
  });
}
const fy2026Only = (date: string, codes: string[]) =>
  visit(date, codes, {
    codes: codeLookup(
      VERSIONS.filter((x) => (x.effectiveFrom ?? '') < '2026-10-01').map((x) => ({ ...x, effectiveTo: null })),
    ),
    codeSetEnd: FY2026_END,
    codeReplacements: () => [],
  });

ruleTable(icdUnknown, 'icd.unknown', [
  {
    name: 'warns on an unknown code dated after the loaded code set ends',
    input: fy2026Only('2026-10-05', ['I42.00']),
    expected: [['warning', 'diagnoses[0].code']],
  },
  {
    name: 'rejects it on a date the loaded code set covers',
    input: fy2026Only('2026-09-30', ['I42.00']),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects it once FY2027 is loaded',
    input: visit('2026-10-05', ['I42.99']),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'still rejects a malformed code after the end',
    input: fy2026Only('2026-10-05', ['250.00']),
    expected: [['error', 'diagnoses[0].code']],
  },
]);

ruleTable(icdCodeSetOutdated, 'icd.code_set_outdated', [
  {
    name: 'warns once when known diagnoses are dated after the code set ends',
    input: fy2026Only('2026-10-05', ['I10', 'I42.0']),
    expected: [['warning', 'diagnoses']],
  },
  { name: 'is silent inside the loaded code set', input: fy2026Only('2026-09-30', ['I10']), expected: [] },
  { name: 'leaves unknown codes to icd.unknown', input: fy2026Only('2026-10-05', ['I42.00']), expected: [] },
  { name: 'is silent once FY2027 is loaded', input: visit('2026-10-05', ['I10']), expected: [] },
  {
    name: 'is silent without release ends (starter set)',
    input: visit('2026-10-05', ['I10'], { codeSetEnd: {} }),
    expected: [],
  },
]);

describe('FY2027 hints', () => {
  it('names the codes FY2027 divided a former billable code into', () => {
    const [issue] = runRule(icdNotBillable, visit('2026-10-05', ['I42.0']));
    expect(issue).toMatchObject({
      severity: 'error',
      message: 'I42.0 is an ICD-10-CM category header since 2026-10-01, not a billable code.',
      hint: 'Since 2026-10-01 I42.0 is divided into I42.00, I42.01, I42.09: pick the one that matches the documentation.',
    });
    expect(runRule(icdNotBillable, visit('2026-09-30', ['I42.0']))).toEqual([]);
  });

  it('keeps the general hint for a header that always was one', () => {
    const [issue] = runRule(icdNotBillable, visit('2026-10-05', ['E11']));
    expect(issue!.hint).toMatch(/^A more specific child code is required/);
  });

  it('names the codes under the nearest remaining ancestor of a deleted code', () => {
    const [issue] = runRule(icdNotEffective, visit('2026-10-05', ['S23.420A']));
    expect(issue!.hint).toBe(
      'S23.420A was deleted by the ICD-10-CM release of 2026-10-01; the codes under S23.42 on the date of service are S23.421A, S23.421D, … (9 codes): pick the one the documentation supports.',
    );
  });

  it('names the release that is not loaded', () => {
    const [unknown] = runRule(icdUnknown, fy2026Only('2026-10-05', ['I42.00']));
    expect(unknown!.message).toBe(
      'I42.00 is not in the loaded ICD-10-CM code set, which ends 2026-09-30; the date of service falls in ICD-10-CM FY2027 (effective 2026-10-01), which is not loaded.',
    );
    expect(unknown!.hint).toBe(
      'The loaded ICD-10-CM code set ends 2026-09-30: import ICD-10-CM FY2027 (effective 2026-10-01) (npm run codes:import) to check codes dated after it.',
    );
  });
});
