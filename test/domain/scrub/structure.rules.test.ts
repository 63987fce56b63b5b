import {
  chargeInvalid,
  dateInvalid,
  diagnosisCount,
  diagnosisDuplicate,
  lineCount,
  modifierCount,
  modifierDuplicate,
  pointerCount,
  pointerDuplicate,
  pointerInvalid,
  serviceDateFuture,
  unitsInvalid,
} from '../../../src/domain/scrub/structure.rules.js';
import type { ScrubLine } from '../../../src/domain/scrub/types.js';
import { makeInput } from './make-input.js';
import { ruleTable } from './rule-table.js';

const line = (overrides: Partial<ScrubLine> = {}): ScrubLine => ({
  code: '93000',
  modifiers: [],
  unitsThousandths: 1000,
  chargeCents: 5_000,
  diagnosisPointers: [1],
  dateOfService: null,
  ndc: null,
  ndcQuantityThousandths: null,
  ndcUnit: null,
  description: null,
  ...overrides,
});
const diagnoses = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ code: `Z${String(i).padStart(2, '0')}` }));

ruleTable(diagnosisCount, 'structure.diagnosis_count', [
  { name: 'accepts 3 diagnoses', input: makeInput(), expected: [] },
  { name: 'accepts 12 diagnoses', input: makeInput({ claim: { diagnoses: diagnoses(12) } }), expected: [] },
  {
    name: 'rejects a claim without diagnoses',
    input: makeInput({ claim: { diagnoses: [] } }),
    expected: [['error', 'diagnoses']],
  },
  {
    name: 'rejects 13 diagnoses',
    input: makeInput({ claim: { diagnoses: diagnoses(13) } }),
    expected: [['error', 'diagnoses']],
  },
]);

ruleTable(diagnosisDuplicate, 'structure.diagnosis_duplicate', [
  { name: 'accepts distinct codes', input: makeInput(), expected: [] },
  {
    name: 'rejects the second listing of a code, with or without its dot',
    input: makeInput({ claim: { diagnoses: [{ code: 'E11.9' }, { code: 'I10' }, { code: 'e119' }] } }),
    expected: [['error', 'diagnoses[2].code']],
  },
]);

ruleTable(lineCount, 'structure.line_count', [
  { name: 'accepts 3 lines', input: makeInput(), expected: [] },
  {
    name: 'accepts 50 lines',
    input: makeInput({ claim: { lines: Array.from({ length: 50 }, () => line()) } }),
    expected: [],
  },
  { name: 'rejects a claim without lines', input: makeInput({ claim: { lines: [] } }), expected: [['error', 'lines']] },
  {
    name: 'rejects 51 lines',
    input: makeInput({ claim: { lines: Array.from({ length: 51 }, () => line()) } }),
    expected: [['error', 'lines']],
  },
]);

ruleTable(pointerCount, 'structure.pointer_count', [
  {
    name: 'accepts 1 to 4 pointers',
    input: makeInput({ claim: { diagnoses: diagnoses(4), lines: [line({ diagnosisPointers: [1, 2, 3, 4] })] } }),
    expected: [],
  },
  {
    name: 'rejects a line without pointers',
    input: makeInput({ claim: { lines: [line(), line({ diagnosisPointers: [] })] } }),
    expected: [['error', 'lines[1].diagnosisPointers']],
  },
  {
    name: 'rejects 5 pointers',
    input: makeInput({ claim: { diagnoses: diagnoses(5), lines: [line({ diagnosisPointers: [1, 2, 3, 4, 5] })] } }),
    expected: [['error', 'lines[0].diagnosisPointers']],
  },
]);

ruleTable(pointerInvalid, 'structure.pointer_invalid', [
  { name: 'accepts pointers to existing diagnoses', input: makeInput(), expected: [] },
  {
    name: 'rejects a pointer to a missing diagnosis',
    input: makeInput({ claim: { lines: [line({ diagnosisPointers: [1, 4] })] } }),
    expected: [['error', 'lines[0].diagnosisPointers[1]']],
  },
  {
    name: 'rejects a 0-based pointer',
    input: makeInput({ claim: { lines: [line({ diagnosisPointers: [0] })] } }),
    expected: [['error', 'lines[0].diagnosisPointers[0]']],
  },
  {
    name: 'rejects a fractional pointer',
    input: makeInput({ claim: { lines: [line({ diagnosisPointers: [1.5] })] } }),
    expected: [['error', 'lines[0].diagnosisPointers[0]']],
  },
]);

ruleTable(pointerDuplicate, 'structure.pointer_duplicate', [
  { name: 'accepts distinct pointers', input: makeInput(), expected: [] },
  {
    name: 'rejects a pointer repeated on a line',
    input: makeInput({ claim: { lines: [line({ diagnosisPointers: [2, 1, 2] })] } }),
    expected: [['error', 'lines[0].diagnosisPointers[2]']],
  },
]);

ruleTable(unitsInvalid, 'structure.units_invalid', [
  {
    name: 'accepts positive units, fractional included',
    input: makeInput({ claim: { lines: [line({ unitsThousandths: 500 })] } }),
    expected: [],
  },
  {
    name: 'rejects 0 units',
    input: makeInput({ claim: { lines: [line(), line({ unitsThousandths: 0 })] } }),
    expected: [['error', 'lines[1].units']],
  },
  {
    name: 'rejects negative units',
    input: makeInput({ claim: { lines: [line({ unitsThousandths: -1000 })] } }),
    expected: [['error', 'lines[0].units']],
  },
  {
    name: 'rejects NaN units',
    input: makeInput({ claim: { lines: [line({ unitsThousandths: Number.NaN })] } }),
    expected: [['error', 'lines[0].units']],
  },
]);

ruleTable(chargeInvalid, 'structure.charge_invalid', [
  { name: 'accepts a positive charge in cents', input: makeInput(), expected: [] },
  {
    name: 'rejects a zero charge',
    input: makeInput({ claim: { lines: [line({ chargeCents: 0 })] } }),
    expected: [['error', 'lines[0].chargeCents']],
  },
  {
    name: 'rejects a charge with a fraction of a cent',
    input: makeInput({ claim: { lines: [line({ chargeCents: 125.5 })] } }),
    expected: [['error', 'lines[0].chargeCents']],
  },
  // CMS quality reporting: quality-data-code lines (CPT Category II) go on the claim at $0.00.
  {
    name: 'accepts a $0.00 Category II quality code',
    input: makeInput({ claim: { lines: [line(), line({ code: '3074F', chargeCents: 0 })] } }),
    expected: [],
  },
  {
    name: 'accepts a $0.00 HCPCS quality-data code (G8427)',
    input: makeInput({ claim: { lines: [line(), line({ code: 'G8427', chargeCents: 0 })] } }),
    expected: [],
  },
  {
    name: 'accepts a $0.00 MIPS quality code (M1106)',
    input: makeInput({ claim: { lines: [line(), line({ code: 'M1106', chargeCents: 0 })] } }),
    expected: [],
  },
  {
    name: 'rejects a $0.00 paid G9 service (G9156, wheelchair evaluation)',
    input: makeInput({ claim: { lines: [line({ code: 'G9156', chargeCents: 0 })] } }),
    expected: [['error', 'lines[0].chargeCents']],
  },
  {
    name: 'rejects a $0.00 payable HCPCS code (G0439)',
    input: makeInput({ claim: { lines: [line({ code: 'G0439', chargeCents: 0 })] } }),
    expected: [['error', 'lines[0].chargeCents']],
  },
  {
    name: 'accepts a $0.00 postoperative visit (99024)',
    input: makeInput({ claim: { lines: [line({ code: '99024', chargeCents: 0 })] } }),
    expected: [],
  },
  {
    name: 'rejects a negative charge on a Category II code',
    input: makeInput({ claim: { lines: [line({ code: '3074F', chargeCents: -1 })] } }),
    expected: [['error', 'lines[0].chargeCents']],
  },
]);

ruleTable(modifierCount, 'structure.modifier_count', [
  {
    name: 'accepts 4 modifiers',
    input: makeInput({ claim: { lines: [line({ modifiers: ['26', '59', 'LT', 'GA'] })] } }),
    expected: [],
  },
  {
    name: 'rejects 5 modifiers',
    input: makeInput({ claim: { lines: [line({ modifiers: ['26', '59', 'LT', 'GA', 'KX'] })] } }),
    expected: [['error', 'lines[0].modifiers']],
  },
]);

ruleTable(modifierDuplicate, 'structure.modifier_duplicate', [
  {
    name: 'accepts distinct modifiers',
    input: makeInput({ claim: { lines: [line({ modifiers: ['LT', '59'] })] } }),
    expected: [],
  },
  {
    name: 'rejects a modifier repeated on a line',
    input: makeInput({ claim: { lines: [line({ modifiers: ['LT', '59', 'lt'] })] } }),
    expected: [['error', 'lines[0].modifiers[2]']],
  },
]);

ruleTable(dateInvalid, 'structure.date_invalid', [
  {
    name: 'accepts calendar dates',
    input: makeInput({ claim: { lines: [line({ dateOfService: '2024-02-29' })] } }),
    expected: [],
  },
  {
    name: 'rejects an impossible claim date',
    input: makeInput({ claim: { dateOfService: '2025-02-30' } }),
    expected: [['error', 'dateOfService']],
  },
  {
    name: 'rejects a line date in another format',
    input: makeInput({ claim: { lines: [line({ dateOfService: '03/10/2025' })] } }),
    expected: [['error', 'lines[0].dateOfService']],
  },
]);

ruleTable(serviceDateFuture, 'structure.service_date_future', [
  { name: 'accepts a service today', input: makeInput({ claim: { dateOfService: '2025-04-01' } }), expected: [] },
  {
    name: 'rejects a claim date after today',
    input: makeInput({ claim: { dateOfService: '2025-04-02' } }),
    expected: [['error', 'dateOfService']],
  },
  {
    name: 'rejects a line date after today',
    input: makeInput({ claim: { lines: [line({ dateOfService: '2025-05-01' })] } }),
    expected: [['error', 'lines[0].dateOfService']],
  },
]);
