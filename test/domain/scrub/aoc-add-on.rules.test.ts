import { describe, expect, it } from 'vitest';
import { addOnWithoutPrimary } from '../../../src/domain/scrub/service-pairing.rules.js';
import type { AddOnEdit, ScrubLine } from '../../../src/domain/scrub/types.js';
import { makeInput, runRule } from './make-input.js';
import { ruleTable } from './rule-table.js';

// The NCCI add-on code edits as the CMS table gives them (2026 Q2 rows, trimmed); date of service 2025-03-10.
const edit = (
  editType: 1 | 2 | 3,
  primaryCode: string | null,
  effectiveFrom = '2013-04-01',
  effectiveTo: string | null = null,
): AddOnEdit => ({
  editType,
  primaryCode,
  effectiveFrom,
  effectiveTo,
});
const AOC: Record<string, AddOnEdit[]> = {
  '99417': ['98003', '99205', '99215', '99245', '99345', '99350', '99483', 'G0463'].map((p) =>
    edit(1, p, '2021-01-01'),
  ),
  '99140': [edit(2, null)],
  '0984T': ['36221', '36222', '37215'].map((p) => edit(3, p, '2025-01-01')),
  // Deleted at the end of 2023 and back from 2024 (as in the 2026 Q2 file).
  '0767T': [edit(1, '0766T', '2023-01-01', '2023-12-31'), edit(1, '0766T', '2024-01-01')],
  '99292': [edit(1, '99291')],
};
const line = (code: string, dateOfService: string | null = null): ScrubLine => ({
  code,
  modifiers: [],
  unitsThousandths: 1000,
  chargeCents: 10_000,
  diagnosisPointers: [1],
  dateOfService,
  ndc: null,
  ndcQuantityThousandths: null,
  ndcUnit: null,
  description: null,
});
const withCms = (...lines: ScrubLine[]) =>
  makeInput({ claim: { lines }, addOnEdits: (code) => AOC[code.toUpperCase()] ?? [] });

ruleTable(addOnWithoutPrimary, 'procedure.add_on_without_primary', [
  {
    name: 'type 1: accepts 99417 with 98003, a primary only the CMS table lists',
    input: withCms(line('98003'), line('99417')),
    expected: [],
  },
  {
    name: 'type 1: rejects 99417 with an unlisted visit',
    input: withCms(line('99213'), line('99417')),
    expected: [['error', 'lines[1].code']],
  },
  { name: 'type 1: rejects 99292 alone', input: withCms(line('99292')), expected: [['error', 'lines[0].code']] },
  { name: 'type 2: accepts 99140 with any procedure', input: withCms(line('00840'), line('99140')), expected: [] },
  { name: 'type 2: rejects 99140 alone', input: withCms(line('99140')), expected: [['error', 'lines[0].code']] },
  {
    name: 'type 2: rejects 99140 whose only company is another add-on code',
    input: withCms(line('99292'), line('99140')),
    expected: [
      ['error', 'lines[0].code'],
      ['error', 'lines[1].code'],
    ],
  },
  { name: 'type 3: accepts 0984T with a listed primary', input: withCms(line('36221'), line('0984T')), expected: [] },
  {
    name: 'type 3: warns on 0984T with an unlisted procedure',
    input: withCms(line('99213'), line('0984T')),
    expected: [['warning', 'lines[1].code']],
  },
  { name: 'type 3: rejects 0984T alone', input: withCms(line('0984T')), expected: [['error', 'lines[0].code']] },
  {
    name: 'applies a row through its deletion date, the last day it covers (0767T on 2023-12-31)',
    input: withCms(line('0767T', '2023-12-31')),
    expected: [['error', 'lines[0].code']],
  },
  {
    name: 'does not check 0984T before its edit took effect',
    input: withCms(line('0984T', '2024-12-31')),
    expected: [],
  },
  {
    name: 'uses the CMS table instead of the curated list: G2211 is not in it',
    input: withCms(line('G2211')),
    expected: [],
  },
  {
    name: 'falls back to the curated list without the CMS table (98003 is not in it)',
    input: makeInput({ claim: { lines: [line('98003'), line('99417')] } }),
    expected: [['error', 'lines[1].code']],
  },
]);

describe('procedure.add_on_without_primary messages', () => {
  it('names the listed primaries of a type 1 edit', () => {
    const [issue] = runRule(addOnWithoutPrimary, withCms(line('99213'), line('99417')));
    expect(issue!.message).toBe(
      '99417 (line 2) is an add-on code, paid only with its primary procedure on the same date (NCCI add-on code edit, type 1: 98003, 99205, 99215, 99245, 99345, 99350, …), and none is billed on 2025-03-10.',
    );
  });

  it('says the contractor decides for type 3 primaries it does not list', () => {
    const [issue] = runRule(addOnWithoutPrimary, withCms(line('99213'), line('0984T')));
    expect(issue!.message).toContain('none of the primaries CMS lists for it (36221, 36222, 37215)');
    expect(issue!.hint).toBe(
      'Check that the payer accepts 99213 as a primary procedure for 0984T, or bill one of the listed primaries.',
    );
  });
});
