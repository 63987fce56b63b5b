import { describe, expect, it } from 'vitest';
import { isoFromYyyyddd, parseAocCsv } from '../../../src/domain/codesets/aoc.parser.js';
import { collect, expectLineError, textStream } from './helpers.js';

const HEADER =
  'AOC_Edit_Type,Add-On_Code,AOC_DelDT,Primary_Code,Primary_Code_DelDT,AOC_Edit_EffDT,AOC_Edit_DelDT,Special_Instruction_Notes';
const file = (...rows: string[]) => textStream(`${[HEADER, ...rows].join('\n')}\n`);

describe('isoFromYyyyddd', () => {
  it.each([
    ['2013091', '2013-04-01'],
    ['2025365', '2025-12-31'],
    ['2024366', '2024-12-31'],
    ['2026001', '2026-01-01'],
    ['', null],
    ['2025366', undefined],
    ['2025000', undefined],
    ['20250101', undefined],
  ])('%s → %s', (raw, iso) => expect(isoFromYyyyddd(raw)).toBe(iso));
});

describe('parseAocCsv', () => {
  it('reads type 1, 2 and 3 rows with their YYYYDDD dates, skipping the notice before the header', async () => {
    const input = textStream(
      [
        '"CPT codes, descriptions and other data only are copyright 2025 American Medical Association.",,,,,,,',
        HEADER,
        '1,99417,,99215,,2021001,,',
        '2,99140,,CCCCC,,2013091,,Contractor Defined Primary Codes',
        '3,0984T,,36221,,2025001,,',
        '1,0767T,,0766T,,2023001,2023365,',
        '1,G2211,,99202,2024274,2024001,2024275,"""Note"" with quotes"',
      ].join('\n'),
    );
    expect(await collect(parseAocCsv(input))).toEqual([
      {
        editType: 1,
        addOnCode: '99417',
        primaryCode: '99215',
        addOnDeletedOn: null,
        primaryDeletedOn: null,
        effectiveFrom: '2021-01-01',
        deletedOn: null,
        notes: '',
      },
      {
        editType: 2,
        addOnCode: '99140',
        primaryCode: null,
        addOnDeletedOn: null,
        primaryDeletedOn: null,
        effectiveFrom: '2013-04-01',
        deletedOn: null,
        notes: 'Contractor Defined Primary Codes',
      },
      {
        editType: 3,
        addOnCode: '0984T',
        primaryCode: '36221',
        addOnDeletedOn: null,
        primaryDeletedOn: null,
        effectiveFrom: '2025-01-01',
        deletedOn: null,
        notes: '',
      },
      {
        editType: 1,
        addOnCode: '0767T',
        primaryCode: '0766T',
        addOnDeletedOn: null,
        primaryDeletedOn: null,
        effectiveFrom: '2023-01-01',
        deletedOn: '2023-12-31',
        notes: '',
      },
      {
        editType: 1,
        addOnCode: 'G2211',
        primaryCode: '99202',
        addOnDeletedOn: null,
        primaryDeletedOn: '2024-09-30',
        effectiveFrom: '2024-01-01',
        deletedOn: '2024-10-01',
        notes: '"Note" with quotes',
      },
    ]);
  });

  it.each([
    ['4,99417,,99215,,2021001,,', /AOC_Edit_Type must be 1, 2 or 3/],
    ['1,9941,,99215,,2021001,,', /invalid add-on code "9941"/],
    ['1,99417,,CCCCC,,2021001,,', /a type 1 edit must name its primary code/],
    ['2,99140,,99215,,2021001,,', /a type 2 edit lists no primary code/],
    ['1,99417,,99215,,20210101,,', /AOC_Edit_EffDT must be a YYYYDDD date/],
    ['1,99417,,99215,,,,', /AOC_Edit_EffDT is required/],
  ])('refuses %s, naming the line', async (row, pattern) => {
    await expectLineError(parseAocCsv(file('1,99292,,99291,,2013091,,', row)), 3, pattern);
  });

  it('refuses a file without the AOC header', async () => {
    await expectLineError(parseAocCsv(textStream('a,b\n1,2\n')), 2, /no AOC header found/);
  });
});
