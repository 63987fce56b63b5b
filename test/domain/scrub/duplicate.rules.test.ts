import { describe, expect, it } from 'vitest';
import { claimCodeFingerprint, duplicateClaim } from '../../../src/domain/scrub/duplicate.rules.js';
import type { ExistingClaimFingerprint } from '../../../src/domain/scrub/types.js';
import { cleanInput, makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const codes = claimCodeFingerprint(cleanInput().claim.lines);
const existing = (changes: Partial<ExistingClaimFingerprint> = {}): ExistingClaimFingerprint => ({
  claimId: 'clm_old',
  patientId: 'pat_1',
  dateOfService: '2025-03-10',
  billingProviderId: 'prv_billing',
  codes,
  status: 'submitted',
  ...changes,
});
const withExisting = (...claims: ExistingClaimFingerprint[]) => makeInput({ existingClaims: claims });

describe('claimCodeFingerprint', () => {
  it('sorts lines and modifiers and upper-cases them', () => {
    const lines = [
      { code: 'J1100', modifiers: [], units: 1, chargeCents: 1, diagnosisPointers: [1] },
      { code: '20610', modifiers: ['xs', 'LT'], units: 1, chargeCents: 1, diagnosisPointers: [1] },
    ];
    expect(claimCodeFingerprint(lines)).toEqual(['20610-LT-XS', 'J1100']);
  });
});

ruleTable(duplicateClaim, 'duplicate.claim', [
  { name: 'accepts a patient without other claims', input: makeInput(), expected: [] },
  { name: 'rejects an identical live claim', input: withExisting(existing()), expected: [['error', 'lines']] },
  {
    name: 'matches fingerprints in any order',
    input: withExisting(existing({ codes: [...codes].reverse() })),
    expected: [['error', 'lines']],
  },
  { name: 'ignores a void claim', input: withExisting(existing({ status: 'void' })), expected: [] },
  { name: 'ignores a replaced claim', input: withExisting(existing({ status: 'replaced' })), expected: [] },
  {
    name: 'accepts another date of service',
    input: withExisting(existing({ dateOfService: '2025-03-11' })),
    expected: [],
  },
  {
    name: 'compares on the earliest service date when a line predates the encounter',
    input: makeInput((i) => {
      i.claim.lines[0] = { ...i.claim.lines[0]!, dateOfService: '2025-03-09' };
      i.existingClaims = [existing({ dateOfService: '2025-03-09', codes: claimCodeFingerprint(i.claim.lines) })];
    }),
    expected: [['error', 'lines']],
  },
  {
    name: 'accepts another billing provider',
    input: withExisting(existing({ billingProviderId: 'prv_other' })),
    expected: [],
  },
  { name: 'accepts different services', input: withExisting(existing({ codes: ['93000', '36415'] })), expected: [] },
  // Not a duplicate claim, but the shared line is what payers deny as a duplicate line (CARC 18).
  {
    name: 'warns on a line also billed on another claim that day',
    input: withExisting(existing({ codes: ['99214-25'] })),
    expected: [['warning', 'lines[0]']],
  },
  {
    name: 'does not match a line whose modifiers differ',
    input: withExisting(existing({ codes: ['99214'] })),
    expected: [],
  },
  { name: 'accepts another patient', input: withExisting(existing({ patientId: 'pat_2' })), expected: [] },
  {
    name: 'reports each duplicate claim',
    input: withExisting(existing(), existing({ claimId: 'clm_older', status: 'paid' })),
    expected: [
      ['error', 'lines'],
      ['error', 'lines'],
    ],
  },
]);
