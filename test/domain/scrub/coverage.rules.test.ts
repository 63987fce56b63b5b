import {
  coverageInactive,
  coverageMissing,
  coverageNotEffective,
  memberIdMissing,
  payerEdiIdMissing,
  payerMissing,
} from '../../../src/domain/scrub/coverage.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

ruleTable(coverageMissing, 'coverage.missing', [
  { name: 'accepts a claim with coverage', input: makeInput(), expected: [] },
  { name: 'rejects a claim without coverage', input: makeInput({ coverage: null }), expected: [['error', 'coverage']] },
]);

ruleTable(coverageInactive, 'coverage.inactive', [
  { name: 'accepts active coverage', input: makeInput(), expected: [] },
  {
    name: 'rejects inactive coverage',
    input: makeInput({ coverage: { active: false } }),
    expected: [['error', 'coverage.active']],
  },
]);

ruleTable(coverageNotEffective, 'coverage.not_effective', [
  { name: 'accepts open-ended coverage started before the service', input: makeInput(), expected: [] },
  {
    name: 'accepts coverage starting and ending on the date of service',
    input: makeInput({ coverage: { effectiveFrom: '2025-03-10', effectiveTo: '2025-03-10' } }),
    expected: [],
  },
  {
    name: 'rejects coverage starting after the service',
    input: makeInput({ coverage: { effectiveFrom: '2025-03-11' } }),
    expected: [['error', 'coverage.effectiveFrom']],
  },
  {
    name: 'rejects coverage ended before the service',
    input: makeInput({ coverage: { effectiveTo: '2025-03-09' } }),
    expected: [['error', 'coverage.effectiveTo']],
  },
  {
    name: 'rejects coverage that ends before a later line date',
    input: makeInput((i) => {
      i.coverage = { ...i.coverage!, effectiveTo: '2025-03-10' };
      i.claim.lines[2] = { ...i.claim.lines[2]!, dateOfService: '2025-03-12' };
    }),
    expected: [['error', 'coverage.effectiveTo']],
  },
]);

ruleTable(memberIdMissing, 'coverage.member_id_missing', [
  { name: 'accepts a member id', input: makeInput(), expected: [] },
  {
    name: 'rejects a blank member id',
    input: makeInput({ coverage: { memberId: '  ' } }),
    expected: [['error', 'coverage.memberId']],
  },
]);

ruleTable(payerMissing, 'payer.missing', [
  { name: 'accepts a claim with a payer', input: makeInput(), expected: [] },
  { name: 'rejects coverage without a payer', input: makeInput({ payer: null }), expected: [['error', 'payer']] },
  {
    name: 'leaves a claim without coverage to coverage.missing',
    input: makeInput({ coverage: null, payer: null }),
    expected: [],
  },
]);

ruleTable(payerEdiIdMissing, 'payer.edi_id_missing', [
  { name: 'accepts a payer with an EDI id', input: makeInput(), expected: [] },
  {
    name: 'rejects a payer without one',
    input: makeInput({ payer: { ediPayerId: null } }),
    expected: [['error', 'payer.ediPayerId']],
  },
  {
    name: 'rejects a blank one',
    input: makeInput({ payer: { ediPayerId: '' } }),
    expected: [['error', 'payer.ediPayerId']],
  },
]);
