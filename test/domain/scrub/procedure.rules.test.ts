import {
  modifierNotEffective,
  modifierUnknown,
  placeOfServiceNotEffective,
  placeOfServiceUnknown,
  procedureNotEffective,
  procedureSystem,
  procedureUnknown,
} from '../../../src/domain/scrub/procedure.rules.js';
import type { ScrubLine } from '../../../src/domain/scrub/types.js';
import { describe, expect, it } from 'vitest';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const line = (overrides: Partial<ScrubLine>): ScrubLine => ({ code: '93000', modifiers: [], units: 1, chargeCents: 100, diagnosisPointers: [1], ...overrides });
const withLines = (...lines: Partial<ScrubLine>[]) => makeInput({ claim: { lines: lines.map(line) } });

describe('procedureSystem', () => {
  it.each([
    ['99213', 'cpt'],
    ['0001F', 'cpt'],
    ['0591T', 'cpt'],
    ['0001U', 'cpt'],
    ['0012M', 'cpt'],
    ['J1100', 'hcpcs'],
    ['G0439', 'hcpcs'],
    ['9921', null],
    ['j1100', null],
    ['99213-25', null],
  ])('classifies %s as %s', (code, system) => {
    expect(procedureSystem(code)).toBe(system);
  });
});

ruleTable(procedureUnknown, 'procedure.unknown', [
  { name: 'accepts known CPT and HCPCS codes', input: makeInput(), expected: [] },
  { name: 'accepts a Category II code', input: withLines({ code: '0001F' }), expected: [] },
  { name: 'rejects an unknown CPT code', input: withLines({ code: '93000' }, { code: '12345' }), expected: [['error', 'lines[1].code']] },
  { name: 'rejects an unknown HCPCS code', input: withLines({ code: 'J9999' }), expected: [['error', 'lines[0].code']] },
  { name: 'rejects a code of neither shape', input: withLines({ code: '9300' }), expected: [['error', 'lines[0].code']] },
]);

ruleTable(procedureNotEffective, 'procedure.not_effective', [
  { name: 'accepts codes valid on the date of service', input: makeInput(), expected: [] },
  { name: 'rejects a code deleted before the date of service', input: withLines({ code: '99201' }), expected: [['error', 'lines[0].code']] },
  { name: 'rejects a code of a future release', input: withLines({ code: '99999' }), expected: [['error', 'lines[0].code']] },
  { name: "judges a line on its own date of service", input: withLines({ code: '99201', dateOfService: '2020-12-31' }), expected: [] },
]);

ruleTable(modifierUnknown, 'modifier.unknown', [
  { name: 'accepts known modifiers', input: makeInput(), expected: [] },
  { name: 'rejects an unknown modifier', input: withLines({ modifiers: ['LT', 'Q9'] }), expected: [['error', 'lines[0].modifiers[1]']] },
]);

ruleTable(modifierNotEffective, 'modifier.not_effective', [
  { name: 'accepts modifiers valid on the date of service', input: makeInput(), expected: [] },
  { name: 'rejects a terminated modifier', input: withLines({ modifiers: ['GQ'] }), expected: [['error', 'lines[0].modifiers[0]']] },
  { name: 'accepts it on a line dated before its termination', input: withLines({ modifiers: ['GQ'], dateOfService: '2017-06-01' }), expected: [] },
]);

ruleTable(placeOfServiceUnknown, 'pos.unknown', [
  { name: 'accepts office (11)', input: makeInput(), expected: [] },
  { name: 'rejects an unknown code', input: makeInput({ claim: { placeOfService: '98' } }), expected: [['error', 'placeOfService']] },
]);

ruleTable(placeOfServiceNotEffective, 'pos.not_effective', [
  { name: 'accepts telehealth in the home (10) in 2025', input: makeInput({ claim: { placeOfService: '10' } }), expected: [] },
  {
    name: 'rejects 10 before it existed (2022-01-01)',
    input: makeInput({ today: '2021-07-01', claim: { placeOfService: '10', dateOfService: '2021-06-01' } }),
    expected: [['error', 'placeOfService']],
  },
]);
