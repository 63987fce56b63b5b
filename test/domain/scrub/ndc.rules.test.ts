import { describe, expect, it } from 'vitest';
import { billingNdc, ndcFormat } from '../../../src/domain/scrub/ndc.rules.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const withNdc = (ndc: string | null) =>
  makeInput((i) => {
    i.claim.lines[2] = { ...i.claim.lines[2]!, ndc };
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
