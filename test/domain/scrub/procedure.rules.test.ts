import {
  isEvaluationAndManagement,
  modifierCodeMismatch,
  modifierNotEffective,
  modifierUnknown,
  placeOfServiceNotEffective,
  placeOfServiceUnknown,
  procedureNotEffective,
  procedureSystem,
  procedureUnknown,
  unlistedDescriptionMissing,
} from '../../../src/domain/scrub/procedure.rules.js';
import { isUnlistedProcedure } from '../../../src/domain/scrub/unlisted.data.js';
import type { ScrubLine } from '../../../src/domain/scrub/types.js';
import { describe, expect, it } from 'vitest';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const line = (overrides: Partial<ScrubLine>): ScrubLine => ({
  code: '93000',
  modifiers: [],
  unitsThousandths: 1000,
  chargeCents: 100,
  diagnosisPointers: [1],
  dateOfService: null,
  ndc: null,
  ndcQuantityThousandths: null,
  ndcUnit: null,
  description: null,
  ...overrides,
});
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
  {
    name: 'rejects an unknown CPT code',
    input: withLines({ code: '93000' }, { code: '12345' }),
    expected: [['error', 'lines[1].code']],
  },
  {
    name: 'rejects an unknown HCPCS code',
    input: withLines({ code: 'J9999' }),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'rejects a code of neither shape',
    input: withLines({ code: '9300' }),
    expected: [['error', 'lines[0].code']],
  },
]);

ruleTable(procedureNotEffective, 'procedure.not_effective', [
  { name: 'accepts codes valid on the date of service', input: makeInput(), expected: [] },
  {
    name: 'rejects a code deleted before the date of service',
    input: withLines({ code: '99201' }),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'rejects a code of a future release',
    input: withLines({ code: '99999' }),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'judges a line on its own date of service',
    input: withLines({ code: '99201', dateOfService: '2020-12-31' }),
    expected: [],
  },
]);

ruleTable(modifierUnknown, 'modifier.unknown', [
  { name: 'accepts known modifiers', input: makeInput(), expected: [] },
  {
    name: 'rejects an unknown modifier',
    input: withLines({ modifiers: ['LT', 'Q9'] }),
    expected: [['error', 'lines[0].modifiers[1]']],
  },
]);

ruleTable(modifierNotEffective, 'modifier.not_effective', [
  { name: 'accepts modifiers valid on the date of service', input: makeInput(), expected: [] },
  {
    name: 'rejects a terminated modifier',
    input: withLines({ modifiers: ['GQ'] }),
    expected: [['error', 'lines[0].modifiers[0]']],
  },
  {
    name: 'accepts it on a line dated before its termination',
    input: withLines({ modifiers: ['GQ'], dateOfService: '2017-06-01' }),
    expected: [],
  },
]);

ruleTable(placeOfServiceUnknown, 'pos.unknown', [
  { name: 'accepts office (11)', input: makeInput(), expected: [] },
  {
    name: 'rejects an unknown code',
    input: makeInput({ claim: { placeOfService: '98' } }),
    expected: [['error', 'placeOfService']],
  },
]);

ruleTable(placeOfServiceNotEffective, 'pos.not_effective', [
  {
    name: 'accepts telehealth in the home (10) in 2025',
    input: makeInput({ claim: { placeOfService: '10' } }),
    expected: [],
  },
  {
    name: 'rejects 10 before it existed (2022-01-01)',
    input: makeInput({ today: '2021-07-01', claim: { placeOfService: '10', dateOfService: '2021-06-01' } }),
    expected: [['error', 'placeOfService']],
  },
]);

// A code set loaded from a release that starts after the date of service cannot show a code was invalid then.
const beforeCodeSet = (lineOverrides: Partial<ScrubLine>, start = '2025-10-01') =>
  makeInput({
    today: '2025-06-01',
    codeSetStart: { cpt: start, hcpcs: start, modifier: start },
    claim: { dateOfService: '2025-05-01', lines: [line(lineOverrides)] },
  });

ruleTable(procedureUnknown, 'procedure.unknown', [
  {
    name: 'warns on an unknown code dated before the loaded code set',
    input: beforeCodeSet({ code: '12345' }),
    expected: [['warning', 'lines[0].code']],
  },
  {
    name: 'still rejects a code of neither shape',
    input: beforeCodeSet({ code: '9300' }),
    expected: [['error', 'lines[0].code']],
  },
]);

ruleTable(procedureNotEffective, 'procedure.not_effective', [
  {
    name: 'warns on a code that starts with the loaded code set',
    input: beforeCodeSet({ code: '99999' }, '2026-01-01'),
    expected: [['warning', 'lines[0].code']],
  },
  {
    name: 'rejects a code that starts after the loaded code set does',
    input: beforeCodeSet({ code: '99999' }, '2025-10-01'),
    expected: [['error', 'lines[0].code']],
  },
]);

describe('isEvaluationAndManagement', () => {
  it.each([
    ['99213', true],
    ['99396', true],
    ['92014', true],
    ['20610', false],
    ['G0439', true], // annual wellness visit, billed like an E/M
    ['G0008', false],
    ['3074F', false],
  ])('%s → %s', (code, em) => {
    expect(isEvaluationAndManagement(code)).toBe(em);
  });
});

ruleTable(modifierCodeMismatch, 'modifier.code_mismatch', [
  { name: 'accepts 25 on the E/M and RT on the procedure', input: makeInput(), expected: [] },
  {
    name: 'warns on 25 on a procedure',
    input: withLines({ code: '20610', modifiers: ['25'] }),
    expected: [['warning', 'lines[0].modifiers[0]']],
  },
  {
    name: 'accepts 25 on an annual wellness visit (G0439)',
    input: withLines({ code: 'G0439', modifiers: ['25'] }),
    expected: [],
  },
  {
    name: 'warns on 59 on an office visit',
    input: withLines({ code: '99213', modifiers: ['59'] }),
    expected: [['warning', 'lines[0].modifiers[0]']],
  },
  {
    name: 'warns on XS on an office visit',
    input: withLines({ code: '99214', modifiers: ['95', 'XS'] }),
    expected: [['warning', 'lines[0].modifiers[1]']],
  },
  {
    name: 'accepts 57 on an E/M and XU on a procedure',
    input: withLines({ code: '99223', modifiers: ['57'] }, { code: '96372', modifiers: ['XU'] }),
    expected: [],
  },
]);

const unlisted = (code: string, description: string | null, longDescription?: string) =>
  makeInput((i) => {
    i.claim.lines = [
      {
        code,
        modifiers: [],
        unitsThousandths: 1000,
        chargeCents: 50_000,
        diagnosisPointers: [1],
        description,
        dateOfService: null,
        ndc: null,
        ndcQuantityThousandths: null,
        ndcUnit: null,
      },
    ];
    if (longDescription) {
      const base = i.codes;
      i.codes = (system, c) =>
        system === 'hcpcs' && c === code
          ? [
              {
                system: 'hcpcs',
                code,
                billable: true,
                effectiveFrom: '2000-01-01',
                effectiveTo: null,
                shortDescription: code,
                longDescription,
              },
            ]
          : base(system, c);
    }
  });

ruleTable(unlistedDescriptionMissing, 'procedure.description_required', [
  { name: 'accepts a specific code without a description', input: unlisted('99213', null), expected: [] },
  {
    name: 'rejects an unlisted CPT procedure (17999) without a description',
    input: unlisted('17999', null),
    expected: [['error', 'lines[0].description']],
  },
  {
    name: 'rejects an unlisted E/M service (99499) with a blank description',
    input: unlisted('99499', '  '),
    expected: [['error', 'lines[0].description']],
  },
  {
    name: 'accepts an unlisted procedure with a description',
    input: unlisted('64999', 'Cryoablation of left genicular nerves'),
    expected: [],
  },
  {
    name: 'rejects an unclassified drug (J3490) without a description',
    input: unlisted('J3490', null),
    expected: [['error', 'lines[0].description']],
  },
  {
    name: 'rejects an HCPCS code whose official title ends "not otherwise specified"',
    input: unlisted('E1239', null, 'POWER WHEELCHAIR, PEDIATRIC SIZE, NOT OTHERWISE SPECIFIED'),
    expected: [['error', 'lines[0].description']],
  },
  {
    name: 'accepts a drug code naming its drug ("…, not otherwise specified, 50 mg")',
    input: unlisted('J9245', null, 'INJECTION, MELPHALAN HYDROCHLORIDE, NOT OTHERWISE SPECIFIED, 50 MG'),
    expected: [],
  },
]);

describe('isUnlistedProcedure', () => {
  it.each([
    ['17999', undefined, true],
    ['J9999', undefined, true],
    ['99213', undefined, false],
    ['M1222', 'GLAUCOMA PLAN OF CARE NOT DOCUMENTED, REASON NOT OTHERWISE SPECIFIED', false],
    ['A4649', 'SURGICAL SUPPLY; MISCELLANEOUS', true],
    ['V2199', 'NOT OTHERWISE CLASSIFIED, SINGLE VISION LENS', true],
    ['J1100', 'INJECTION, DEXAMETHASONE SODIUM PHOSPHATE, 1 MG', false],
  ])('%s (%s) → %s', (code, title, expected) => {
    expect(isUnlistedProcedure(code, title)).toBe(expected);
  });
});
