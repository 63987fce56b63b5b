import { describe, expect, it } from 'vitest';
import { addOnWithoutPrimary, procedureAge } from '../../../src/domain/scrub/service-pairing.rules.js';
import type { ExistingClaimFingerprint, ScrubLine } from '../../../src/domain/scrub/types.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

// Date of service 2025-03-10 unless a line says otherwise.
const line = (code: string, extra: Partial<ScrubLine> = {}): ScrubLine => ({
  code,
  modifiers: [],
  unitsThousandths: 1000,
  chargeCents: 10_000,
  diagnosisPointers: [1],
  dateOfService: null,
  ndc: null,
  ndcQuantityThousandths: null,
  ndcUnit: null,
  description: null,
  ...extra,
});
const withLines = (...lines: ScrubLine[]) => makeInput({ claim: { lines } });
const other = (codes: string[], changes: Partial<ExistingClaimFingerprint> = {}): ExistingClaimFingerprint => ({
  claimId: 'clm_other',
  patientId: 'pat_1',
  dateOfService: '2025-03-10',
  billingProviderId: 'prv_billing',
  codes,
  status: 'ready',
  createdAt: '2025-03-10T15:00:00.000Z',
  ...changes,
});

ruleTable(addOnWithoutPrimary, 'procedure.add_on_without_primary', [
  { name: 'accepts the clean claim', input: makeInput(), expected: [] },
  {
    name: 'accepts prolonged service (99417) with 99215',
    input: withLines(line('99215'), line('99417', { unitsThousandths: 2000 })),
    expected: [],
  },
  { name: 'rejects 99417 alone', input: withLines(line('99417')), expected: [['error', 'lines[0].code']] },
  {
    name: 'rejects 99417 with a lower-level visit (99213)',
    input: withLines(line('99213'), line('99417')),
    expected: [['error', 'lines[1].code']],
  },
  { name: 'accepts G2211 with an office visit', input: withLines(line('99214'), line('G2211')), expected: [] },
  {
    name: 'accepts each additional vaccine (90472) with 90471',
    input: withLines(line('90471'), line('90686'), line('90472'), line('90715')),
    expected: [],
  },
  {
    name: 'rejects 90472 without a first administration',
    input: withLines(line('90686'), line('90472')),
    expected: [['error', 'lines[1].code']],
  },
  {
    name: 'rejects 17003 when 17000 is on another date',
    input: withLines(line('17000', { dateOfService: '2025-03-09' }), line('17003')),
    expected: [['error', 'lines[1].code']],
  },
  {
    name: 'accepts 11103 when the primary biopsy is on another claim that day',
    input: makeInput({ claim: { lines: [line('11103')] }, existingClaims: [other(['11102'])] }),
    expected: [],
  },
  {
    name: 'does not count the primary billed by another provider',
    input: makeInput({
      claim: { lines: [line('11103')] },
      existingClaims: [other(['11102'], { billingProviderId: 'prv_other' })],
    }),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'does not count a void claim holding the primary',
    input: makeInput({ claim: { lines: [line('11103')] }, existingClaims: [other(['11102'], { status: 'void' })] }),
    expected: [['error', 'lines[0].code']],
  },
]);

const preventive = (birthDate: string, code: string) =>
  makeInput({ patient: { birthDate }, claim: { lines: [line(code)] } });

ruleTable(procedureAge, 'procedure.age_conflict', [
  { name: 'accepts 99396 (40-64) at 52', input: preventive('1972-06-01', '99396'), expected: [] },
  {
    name: 'rejects 99396 (40-64) at 30',
    input: preventive('1994-06-01', '99396'),
    expected: [['error', 'lines[0].code']],
  },
  { name: 'accepts 99381 (infant) at 3 months', input: preventive('2024-12-10', '99381'), expected: [] },
  {
    name: 'rejects 99381 (infant) on the first birthday',
    input: preventive('2024-03-10', '99381'),
    expected: [['error', 'lines[0].code']],
  },
  { name: 'accepts 99397 (65+) on the 65th birthday', input: preventive('1960-03-10', '99397'), expected: [] },
  {
    name: 'rejects 99385 (18-39) at 17',
    input: preventive('2007-06-01', '99385'),
    expected: [['error', 'lines[0].code']],
  },
  { name: 'ignores problem-oriented visits', input: preventive('1994-06-01', '99214'), expected: [] },
  { name: 'accepts vaccine counseling (90460) at 18', input: preventive('2006-06-01', '90460'), expected: [] },
  {
    name: 'rejects vaccine counseling (90460) for an adult of 45',
    input: preventive('1980-01-01', '90460'),
    expected: [['error', 'lines[0].code']],
  },
]);

describe('preventive visit hint', () => {
  it('names the visit code for the patient age', () => {
    const [issue] = procedureAge(preventive('1994-06-01', '99396'));
    expect(issue?.hint).toContain('99395');
  });
});
