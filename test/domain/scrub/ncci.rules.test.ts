import { describe, expect, it } from 'vitest';
import {
  mueUnitsExceeded,
  NCCI_BYPASS_MODIFIERS,
  ptpBypassMissing,
  ptpNeverTogether,
} from '../../../src/domain/scrub/ncci.rules.js';
import type { PtpEdit, ScrubLine } from '../../../src/domain/scrub/types.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const line = (code: string, modifiers: string[] = [], extra: Partial<ScrubLine> = {}): ScrubLine => ({
  code,
  modifiers,
  unitsThousandths: 1000,
  chargeCents: 100,
  diagnosisPointers: [1],
  dateOfService: null,
  ndc: null,
  ndcQuantityThousandths: null,
  ndcUnit: null,
  description: null,
  ...extra,
});
const edit = (
  column1: string,
  column2: string,
  modifierIndicator: PtpEdit['modifierIndicator'],
  dates: Partial<PtpEdit> = {},
): PtpEdit => ({
  column1,
  column2,
  effectiveFrom: '2010-01-01',
  deletedOn: null,
  modifierIndicator,
  rationale: 'Misuse of column two code with column one code',
  ...dates,
});
const claimWith = (lines: ScrubLine[], ptpEdits: PtpEdit[]) => makeInput({ claim: { lines }, ptpEdits });

describe('NCCI_BYPASS_MODIFIERS', () => {
  it('holds the NCCI-associated modifiers and nothing else', () => {
    const anatomic = ['E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9'];
    const toes = ['TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];
    const expected = [
      '24',
      '25',
      '57',
      '58',
      '59',
      '78',
      '79',
      '91',
      'XE',
      'XS',
      'XP',
      'XU',
      ...anatomic,
      ...toes,
      'LT',
      'RT',
      'LC',
      'LD',
      'LM',
      'RC',
      'RI',
    ];
    expect([...NCCI_BYPASS_MODIFIERS].sort()).toEqual(expected.sort());
  });
});

ruleTable(ptpNeverTogether, 'ncci.ptp_never_together', [
  { name: 'accepts codes without an edit', input: makeInput(), expected: [] },
  {
    name: 'rejects the column-2 line of an indicator-0 pair',
    input: claimWith([line('36591'), line('36592')], [edit('36592', '36591', '0')]),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'is not bypassed by a modifier',
    input: claimWith([line('36592'), line('36591', ['59'])], [edit('36592', '36591', '0')]),
    expected: [['error', 'lines[1].code']],
  },
  {
    name: 'ignores the pair on different dates of service',
    input: claimWith(
      [line('36592'), line('36591', [], { dateOfService: '2025-03-11' })],
      [edit('36592', '36591', '0')],
    ),
    expected: [],
  },
  {
    name: 'ignores an edit not yet effective',
    input: claimWith([line('36592'), line('36591')], [edit('36592', '36591', '0', { effectiveFrom: '2025-04-01' })]),
    expected: [],
  },
  {
    name: 'ignores an edit deleted on the date of service',
    input: claimWith([line('36592'), line('36591')], [edit('36592', '36591', '0', { deletedOn: '2025-03-10' })]),
    expected: [],
  },
  {
    name: 'applies an edit deleted after the date of service',
    input: claimWith([line('36592'), line('36591')], [edit('36592', '36591', '0', { deletedOn: '2025-03-11' })]),
    expected: [['error', 'lines[1].code']],
  },
]);

ruleTable(ptpBypassMissing, 'ncci.ptp_bypass_missing', [
  { name: 'accepts the clean claim (25 on the E/M)', input: makeInput(), expected: [] },
  {
    name: 'rejects the column-2 line without a modifier',
    input: claimWith([line('20610', ['RT']), line('99214')], [edit('20610', '99214', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'accepts XS on the column-2 line',
    input: claimWith([line('11042'), line('97597', ['XS'])], [edit('11042', '97597', '1')]),
    expected: [],
  },
  {
    name: 'does not accept 59 on the column-1 line',
    input: claimWith([line('11042', ['59']), line('97597')], [edit('11042', '97597', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'accepts a different toe on each line',
    input: claimWith([line('11720', ['TA']), line('11055', ['T1'])], [edit('11720', '11055', '1')]),
    expected: [],
  },
  {
    name: 'rejects the same toe on both lines',
    input: claimWith([line('11720', ['TA']), line('11055', ['TA'])], [edit('11720', '11055', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'ignores a modifier that is not NCCI-associated',
    input: claimWith([line('11042'), line('97597', ['76'])], [edit('11042', '97597', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'accepts 25 on an E/M in column 2',
    input: claimWith([line('20610', ['RT']), line('99214', ['25'])], [edit('20610', '99214', '1')]),
    expected: [],
  },
  {
    name: 'accepts 25 on an annual wellness visit (G0439) in column 2',
    input: claimWith([line('20610', ['RT']), line('G0439', ['25'])], [edit('20610', 'G0439', '1')]),
    expected: [],
  },
  {
    name: 'accepts 57 on an E/M in column 2',
    input: claimWith([line('27447'), line('99223', ['57'])], [edit('27447', '99223', '1')]),
    expected: [],
  },
  {
    name: 'does not accept 59 on an E/M in column 2',
    input: claimWith([line('20610', ['RT']), line('99214', ['59'])], [edit('20610', '99214', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'does not accept XU on an E/M in column 2',
    input: claimWith([line('20610', ['RT']), line('99214', ['XU'])], [edit('20610', '99214', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'does not accept 25 on a procedure in column 2',
    input: claimWith([line('11042'), line('97597', ['25'])], [edit('11042', '97597', '1')]),
    expected: [['error', 'lines[1].modifiers']],
  },
  {
    name: 'does nothing for indicator 9',
    input: claimWith([line('11042'), line('97597')], [edit('11042', '97597', '9')]),
    expected: [],
  },
]);

ruleTable(mueUnitsExceeded, 'mue.units_exceeded', [
  { name: 'accepts units within the limits', input: makeInput(), expected: [] },
  {
    name: 'rejects a line over a line edit (indicator 1)',
    input: claimWith([line('20610', [], { unitsThousandths: 3000 })], []),
    expected: [['error', 'lines[0].units']],
  },
  {
    name: 'does not sum lines under a line edit',
    input: claimWith(
      [line('20610', ['RT'], { unitsThousandths: 2000 }), line('20610', ['LT'], { unitsThousandths: 2000 })],
      [],
    ),
    expected: [],
  },
  {
    name: 'sums lines of the same day under a date-of-service edit (indicator 2)',
    input: claimWith(
      [
        line('93000', [], { unitsThousandths: 2000 }),
        line('93000', ['76'], { unitsThousandths: 2000 }),
        line('93000', ['76'], { unitsThousandths: 1000 }),
      ],
      [],
    ),
    expected: [['error', 'lines[1].units']],
  },
  {
    name: 'keeps days apart under a date-of-service edit',
    input: claimWith(
      [
        line('93000', [], { unitsThousandths: 3000 }),
        line('93000', [], { unitsThousandths: 3000, dateOfService: '2025-03-09' }),
      ],
      [],
    ),
    expected: [],
  },
  {
    name: 'rejects a day over a clinical date-of-service edit (indicator 3)',
    input: claimWith([line('J1100', [], { unitsThousandths: 101_000 })], []),
    expected: [['error', 'lines[0].units']],
  },
  {
    name: 'ignores codes without an MUE',
    input: claimWith([line('99214', [], { unitsThousandths: 40_000 })], []),
    expected: [],
  },
]);
