import { describe, expect, it } from 'vitest';
import type { ServiceLine } from '../../../src/domain/claims/service-line.js';
import {
  billingNdc,
  ndcFormat,
  ndcQuantityRequired,
  ndcQuantityWithoutNdc,
} from '../../../src/domain/scrub/ndc.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const withNdc = (ndc: string | null) =>
  makeInput((i) => {
    i.claim.lines[2] = { ...i.claim.lines[2]!, ndc };
  });

/** Line 3 (the J1100 drug line, NDC 2.5 ML) with some of its NDC fields changed. */
const drugLine = (fields: Partial<Pick<ServiceLine, 'ndc' | 'ndcQuantityThousandths' | 'ndcUnit'>>) =>
  makeInput((i) => {
    i.claim.lines[2] = { ...i.claim.lines[2]!, ...fields };
  });

/** Line 1 (an office visit, no NDC) with drug fields added. */
const visitLine = (fields: Partial<Pick<ServiceLine, 'ndcQuantityThousandths' | 'ndcUnit'>>) =>
  makeInput((i) => {
    i.claim.lines[0] = { ...i.claim.lines[0]!, ...fields };
  });

ruleTable(ndcQuantityRequired, 'ndc.quantity_required', [
  { name: 'accepts an NDC with its quantity and unit', input: makeInput(), expected: [] },
  {
    name: 'accepts a line without NDC, quantity or unit',
    input: drugLine({ ndc: null, ndcQuantityThousandths: null, ndcUnit: null }),
    expected: [],
  },
  {
    name: 'rejects an NDC without quantity or unit, at the quantity',
    input: drugLine({ ndcQuantityThousandths: null, ndcUnit: null }),
    expected: [['error', 'lines[2].ndcQuantity']],
  },
  {
    name: 'rejects an NDC without quantity',
    input: drugLine({ ndcQuantityThousandths: null }),
    expected: [['error', 'lines[2].ndcQuantity']],
  },
  {
    name: 'rejects an NDC without unit',
    input: drugLine({ ndcUnit: null }),
    expected: [['error', 'lines[2].ndcUnit']],
  },
  {
    name: 'leaves a quantity without NDC to ndc.quantity_without_ndc',
    input: drugLine({ ndc: null }),
    expected: [],
  },
]);

ruleTable(ndcQuantityWithoutNdc, 'ndc.quantity_without_ndc', [
  { name: 'accepts an NDC with its quantity and unit', input: makeInput(), expected: [] },
  {
    name: 'accepts a line with none of them',
    input: drugLine({ ndc: null, ndcQuantityThousandths: null, ndcUnit: null }),
    expected: [],
  },
  {
    name: 'rejects a quantity and unit without NDC',
    input: drugLine({ ndc: null }),
    expected: [['error', 'lines[2].ndc']],
  },
  {
    name: 'rejects a quantity alone',
    input: visitLine({ ndcQuantityThousandths: 1000 }),
    expected: [['error', 'lines[0].ndc']],
  },
  { name: 'rejects a unit alone', input: visitLine({ ndcUnit: 'UN' }), expected: [['error', 'lines[0].ndc']] },
  {
    name: 'leaves an NDC without quantity to ndc.quantity_required',
    input: drugLine({ ndcQuantityThousandths: null, ndcUnit: null }),
    expected: [],
  },
]);

describe('ndc.quantity_required hint', () => {
  it('names what is missing and how to send it', () => {
    const [issue] = ndcQuantityRequired(drugLine({ ndcUnit: null }));
    expect(issue?.message).toBe('Line 3 has an NDC but no drug unit.');
    expect(issue?.hint).toContain('ndcUnit');
    expect(issue?.hint).toContain('ML');
  });
});

ruleTable(ndcFormat, 'ndc.format', [
  { name: 'accepts 11 digits', input: makeInput(), expected: [] },
  { name: 'accepts a line without NDC', input: withNdc(null), expected: [] },
  { name: 'rejects a hyphenated 5-4-2 NDC', input: withNdc('63323-0165-01'), expected: [['error', 'lines[2].ndc']] },
  { name: 'rejects a 10-digit label NDC', input: withNdc('0409-4888-02'), expected: [['error', 'lines[2].ndc']] },
  { name: 'rejects letters', input: withNdc('6332301650A'), expected: [['error', 'lines[2].ndc']] },
]);

describe('ndc.format hint', () => {
  it.each([
    ['0409-4888-02', '00409488802'],
    ['63323-165-01', '63323016501'],
    ['63323-0165-1', '63323016501'],
    ['63323-0165-01', '63323016501'],
  ])('tells how to write %s as %s', (ndc, eleven) => {
    const [issue] = ndcFormat(withNdc(ndc));
    expect(issue?.hint).toContain(eleven);
  });
});

describe('billingNdc', () => {
  it.each([
    ['63323016501', '63323016501'],
    ['0409-4888-02', '00409488802'],
    ['63323-165-01', '63323016501'],
    ['63323-0165-1', '63323016501'],
    ['63323-0165-01', '63323016501'],
    [' 63323-0165-01 ', '63323016501'],
    ['0409488802', null], // 10 bare digits: which segment is short is unknown
    ['633-0165-01', null], // 9 digits
    ['63323-0165', null],
    ['63323-01A5-01', null],
    ['633231-0165-01', null],
  ])('converts %s to %s', (ndc, expected) => {
    expect(billingNdc(ndc)).toBe(expected);
  });
});
