import { icdNotBillable, icdNotEffective, icdUnknown } from '../../../src/domain/scrub/icd.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const withDiagnoses = (...codes: string[]) => makeInput({ claim: { diagnoses: codes.map((code) => ({ code })) } });

ruleTable(icdUnknown, 'icd.unknown', [
  { name: 'accepts known codes', input: makeInput(), expected: [] },
  { name: 'accepts a known code written without its dot', input: withDiagnoses('M1711', 'E119', 'I10'), expected: [] },
  {
    name: 'rejects a code that does not exist',
    input: withDiagnoses('M17.11', 'E11.99X'),
    expected: [['error', 'diagnoses[1].code']],
  },
]);

ruleTable(icdNotEffective, 'icd.not_effective', [
  { name: 'accepts codes valid on the date of service', input: makeInput(), expected: [] },
  { name: 'ignores unknown codes (icd.unknown reports them)', input: withDiagnoses('M17.11', 'XX1'), expected: [] },
  {
    name: 'rejects a code terminated before the date of service',
    input: withDiagnoses('M17.11', 'E11.9', 'Z99.998'),
    expected: [['error', 'diagnoses[2].code']],
  },
  {
    name: 'rejects a code not yet effective on the date of service',
    input: withDiagnoses('M17.11', 'E11.A', 'I10'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'rejects a code during a gap between two versions',
    input: makeInput({ today: '2020-01-01', claim: { dateOfService: '2019-06-01', diagnoses: [{ code: 'Z99.999' }] } }),
    expected: [['error', 'diagnoses[0].code']],
  },
  {
    name: 'rejects a code invalid on the date of a line that points to it',
    input: makeInput((i) => {
      i.today = '2025-12-01';
      i.claim.diagnoses = [{ code: 'M17.11' }, { code: 'E11.A' }];
      i.claim.lines = [
        {
          code: '99214',
          modifiers: [],
          unitsThousandths: 1000,
          chargeCents: 100,
          diagnosisPointers: [2],
          dateOfService: '2025-09-30',
          ndc: null,
          ndcQuantityThousandths: null,
          ndcUnit: null,
          description: null,
        },
      ];
      i.claim.dateOfService = '2025-10-01';
    }),
    expected: [['error', 'diagnoses[1].code']],
  },
]);

ruleTable(icdNotBillable, 'icd.not_billable', [
  { name: 'accepts billable codes', input: makeInput(), expected: [] },
  {
    name: 'rejects a category header',
    input: withDiagnoses('M17.11', 'E11'),
    expected: [['error', 'diagnoses[1].code']],
  },
  {
    name: 'judges billability on the version in effect (R51 was billable before FY2021)',
    input: makeInput({ today: '2020-05-01', claim: { dateOfService: '2020-03-01', diagnoses: [{ code: 'R51' }] } }),
    expected: [],
  },
  {
    name: 'rejects R51 after it became a header',
    input: makeInput({ claim: { diagnoses: [{ code: 'R51' }] } }),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'leaves codes not effective to icd.not_effective', input: withDiagnoses('E11.A'), expected: [] },
]);

// Only the FY2026 release loaded (every code dated from 2025-10-01): a claim of an earlier date cannot be judged.
const fy2026Only = (...codes: string[]) =>
  makeInput({
    today: '2025-10-15',
    codeSetStart: { icd10cm: '2025-10-01' },
    claim: { dateOfService: '2025-06-01', diagnoses: codes.map((code) => ({ code })) },
  });
const fy2026Versions = makeInput().codes;
const asFy2026: typeof fy2026Versions = (system, code) =>
  fy2026Versions(system, code).map((v) =>
    v.system === 'icd10cm' ? { ...v, effectiveFrom: '2025-10-01', effectiveTo: null } : v,
  );
const fy2026OnlyDated = (...codes: string[]) => ({ ...fy2026Only(...codes), codes: asFy2026 });

ruleTable(icdNotEffective, 'icd.not_effective', [
  {
    name: 'warns (cannot verify) on codes that start with the loaded release',
    input: fy2026OnlyDated('M17.11', 'I10'),
    expected: [
      ['warning', 'diagnoses[0].code'],
      ['warning', 'diagnoses[1].code'],
    ],
  },
  {
    name: 'accepts them once the date is inside the loaded release',
    input: { ...fy2026OnlyDated('M17.11'), claim: { ...fy2026Only('M17.11').claim, dateOfService: '2025-10-02' } },
    expected: [],
  },
  {
    name: 'still rejects a code that starts after the first loaded release (FY2025 and FY2026 loaded)',
    input: {
      ...fy2026Only('E11.A'),
      codeSetStart: { icd10cm: '2024-10-01' },
      claim: { ...fy2026Only('E11.A').claim, dateOfService: '2024-06-01' },
    },
    expected: [['error', 'diagnoses[0].code']],
  },
]);

ruleTable(icdUnknown, 'icd.unknown', [
  {
    name: 'warns on an unknown code dated before the loaded release',
    input: fy2026Only('E11.99X'),
    expected: [['warning', 'diagnoses[0].code']],
  },
  { name: 'still rejects a malformed code', input: fy2026Only('250.00'), expected: [['error', 'diagnoses[0].code']] },
]);

ruleTable(icdNotBillable, 'icd.not_billable', [
  {
    name: 'judges a header by its first loaded version before the release',
    input: fy2026OnlyDated('E11'),
    expected: [['error', 'diagnoses[0].code']],
  },
  { name: 'accepts a billable code before the release', input: fy2026OnlyDated('E11.9'), expected: [] },
]);
