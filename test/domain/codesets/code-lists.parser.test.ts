import { describe, expect, it } from 'vitest';
import { parseAdjustmentGroupCsv, parseCarcCsv } from '../../../src/domain/codesets/carc.parser.js';
import { parsePosCsv, posEffectiveDate, posName } from '../../../src/domain/codesets/pos.parser.js';
import { parseRarcCsv, parseRarcPyx12Csv } from '../../../src/domain/codesets/rarc.parser.js';
import { collect, expectLineError, fixture, textStream } from './helpers.js';

describe('parsePosCsv', () => {
  it('skips unassigned codes and the "~" placeholder', async () => {
    const records = await collect(parsePosCsv(fixture('place_of_service_sample.csv')));
    expect(records.map((r) => r.code)).toEqual(['01', '02', '11', '14', '27', '41', '57', '99']);
    expect(records.every((r) => r.system === 'pos' && r.billable)).toBe(true);
  });

  it.each([
    ['01', 'PHARMACY', '2005-10-01'],
    ['02', 'TELEHEALTH', '2022-01-01'],
    ['11', 'OFFICE', null],
    ['14', 'GROUP HOME', '2003-10-01'],
    ['27', 'OUTREACH SITE/STREET', '2023-10-01'],
    ['41', 'AMBULANCE—LAND', null],
    ['57', 'NON-RESIDENTIAL SUBSTANCE ABUSE TREATMENT FACILITY', '2003-10-01'],
    ['99', 'OTHER PLACE OF SERVICE', null],
  ])('reads %s as %j effective %s', async (code, name, from) => {
    const records = await collect(parsePosCsv(fixture('place_of_service_sample.csv')));
    const record = records.find((r) => r.code === code);
    expect(record?.shortDescription).toBe(name);
    expect(record?.effectiveFrom).toBe(from);
    expect(record?.longDescription.startsWith(name)).toBe(true);
  });

  it('handles the other naming shapes of the CCW list', () => {
    expect(posName('EMERGENCY ROOM-HOSPITAL-  A PORTION OF A HOSPITAL')).toBe('EMERGENCY ROOM-HOSPITAL');
    expect(posName('PROGRAMS OF ALL INCLUSIVE CARE FOR THE ELDERLY (PACE) CENTER')).toBe(
      'PROGRAMS OF ALL INCLUSIVE CARE FOR THE ELDERLY (PACE) CENTER',
    );
    expect(posName('COMPREHENSIVE OUTPATIENT REHABILITATION FACILITY A FACILITY THAT PROVIDES')).toBe(
      'COMPREHENSIVE OUTPATIENT REHABILITATION FACILITY',
    );
    expect(posEffectiveDate('WALK-IN RETAIL HEALTH CLINIC (EFFECTIVE NO LATER THAN MAY 1, 2010) - A')).toBe(
      '2010-05-01',
    );
    expect(posEffectiveDate('ON CAMPUS-OUTPATIENT HOSPITAL (DESCRIPTION REVISED JANUARY 1, 2016) - A')).toBeNull();
  });

  it('names the line where an unclosed quote starts', async () => {
    await expectLineError(
      parsePosCsv(fixture('place_of_service_unclosed_quote.csv')),
      3,
      /quote opened in this record is never closed/,
    );
    const text = 'pos_code,description\r\n11,OFFICE\r\n12,"HOME\r\n13,X\r\n14,Y\r\n';
    await expectLineError(parsePosCsv(textStream(text)), 3, /never closed \(read to line 5\)/);
  });

  it('rejects a code that is not two digits', async () => {
    await expectLineError(
      parsePosCsv(textStream('pos_code,description\r\n11,OFFICE\r\n7,HOME\r\n')),
      3,
      /invalid pos code "7"/,
    );
  });
});

describe('parseCarcCsv', () => {
  it('reads codes with their CCW descriptions', async () => {
    const records = await collect(parseCarcCsv(fixture('carc_sample.csv')));
    expect(records.map((r) => r.code)).toEqual(['1', '2', '16', '45', '63', '197', 'A1']);
    expect(records.find((r) => r.code === '45')).toMatchObject({
      system: 'carc',
      shortDescription: 'Charges exceed your contracted/legislated fee arrangement.',
      longDescription: 'Charges exceed your contracted/legislated fee arrangement.',
      effectiveFrom: null,
      attributes: {},
    });
  });

  it('keeps a retired code, without the INACTIVE marker, flagged inactive', async () => {
    const records = await collect(parseCarcCsv(fixture('carc_sample.csv')));
    expect(records.find((r) => r.code === '63')).toMatchObject({
      longDescription: 'Correction to a prior claim.',
      attributes: { inactive: 'true' },
    });
  });

  it('cuts long descriptions to a short one of at most 60 characters', async () => {
    const records = await collect(parseCarcCsv(fixture('carc_sample.csv')));
    const a1 = records.find((r) => r.code === 'A1');
    expect(a1?.shortDescription.length).toBeLessThanOrEqual(60);
    expect(a1?.longDescription.startsWith(a1.shortDescription)).toBe(true);
  });

  it('names the line of an empty description', async () => {
    await expectLineError(
      parseCarcCsv(textStream('carc,description\n1,Deductible Amount\n2,\n')),
      3,
      /empty description/,
    );
  });
});

describe('parseAdjustmentGroupCsv', () => {
  it('reads the five group codes with their names as short descriptions', async () => {
    const records = await collect(parseAdjustmentGroupCsv(fixture('claim_adjustment_group_sample.csv')));
    expect(records.map((r) => [r.code, r.shortDescription])).toEqual([
      ['CO', 'Contractual Obligations'],
      ['CR', 'Corrections and Reversals'],
      ['OA', 'Other Adjustments'],
      ['PI', 'Payer Initiated Reductions'],
      ['PR', 'Patient Responsibility'],
    ]);
    expect(records.every((r) => r.system === 'adjustment-group')).toBe(true);
  });
});

describe('RARC parsers', () => {
  it('reads only the remark_code rows of the pyx12 code list, with empty descriptions', async () => {
    const records = await collect(parseRarcPyx12Csv(fixture('x12_code_lists_sample.csv')));
    expect(records.map((r) => r.code)).toEqual(['M1', 'MA01', 'N130', 'N362']);
    expect(records[0]).toEqual({
      system: 'rarc',
      code: 'M1',
      shortDescription: '',
      longDescription: '',
      billable: true,
      effectiveFrom: null,
      effectiveTo: null,
      attributes: { descriptionSource: 'none' },
    });
  });

  it('reads a code,description RARC list', async () => {
    const records = await collect(parseRarcCsv(fixture('rarc_sample.csv')));
    expect(records.map((r) => [r.code, r.longDescription])).toEqual([
      ['M15', 'Synthetic remark text for tests, with a comma'],
      ['N130', 'Synthetic remark text for tests (two)'],
      ['MA130', 'Synthetic remark text for tests (three)'],
    ]);
  });

  it('rejects a code that is not a remark code', async () => {
    await expectLineError(
      parseRarcCsv(textStream('code,description\nCO45,Not a remark\n')),
      2,
      /invalid rarc code "CO45"/,
    );
  });
});
