import { describe, expect, it } from 'vitest';
import {
  parseHcpcsCsv,
  parseHcpcsLongCsv,
  parseHcpcsModifierCsv,
} from '../../../src/domain/codesets/hcpcs-csv.parser.js';
import { collect, expectLineError, fixture, textStream } from './helpers.js';

describe('parseHcpcsCsv (hcpcs_level2_<year>_<quarter>.csv)', () => {
  it('maps record_type to the hcpcs and modifier systems', async () => {
    const records = await collect(parseHcpcsCsv(fixture('hcpcs_level2_sample.csv')));
    expect(records.map((r) => `${r.system}:${r.code}`)).toEqual([
      'modifier:GT',
      'modifier:XE',
      'hcpcs:A0428',
      'hcpcs:E0601',
      'hcpcs:G0439',
      'hcpcs:J1100',
      'hcpcs:C9150',
    ]);
  });

  it('reads descriptions, dates and attributes of a procedure code', async () => {
    const records = await collect(parseHcpcsCsv(fixture('hcpcs_level2_sample.csv')));
    expect(records.find((r) => r.code === 'G0439')).toEqual({
      system: 'hcpcs',
      code: 'G0439',
      shortDescription: 'PPPS, SUBSEQ VISIT',
      longDescription:
        'ANNUAL WELLNESS VISIT, INCLUDES A PERSONALIZED PREVENTION PLAN OF SERVICE (PPS), SUBSEQUENT VISIT',
      billable: true,
      effectiveFrom: '2011-01-01',
      effectiveTo: null,
      attributes: {
        pricingIndicator: '13',
        coverageCode: 'C',
        betos: 'M5D',
        typeOfService: '1',
        anesthesiaBaseUnits: '0',
        addDate: '2011-01-01',
        actionEffectiveDate: '2011-01-01',
        actionCode: 'N',
      },
    });
  });

  it('reads a termination date as effectiveTo', async () => {
    const records = await collect(parseHcpcsCsv(fixture('hcpcs_level2_sample.csv')));
    expect(records.find((r) => r.code === 'C9150')).toMatchObject({
      effectiveTo: '2024-09-30',
      attributes: { actionCode: 'D' },
    });
  });

  it('names the line of an impossible date', async () => {
    await expectLineError(parseHcpcsCsv(fixture('hcpcs_level2_bad_date.csv')), 3, /invalid add_date "19820231"/);
  });

  it.each([
    ['a missing column', 'hcpcs,long_description\r\nG0439,X\r\n', 1, /missing column record_type/],
    ['an unknown record type', `${HEADER}\r\nG0439,drug,X,Y,,,,,,,,,N\r\n`, 2, /record_type must be/],
    ['a malformed code', `${HEADER}\r\nG439,procedure,X,Y,,,,,,,,,N\r\n`, 2, /invalid HCPCS code "G439"/],
    ['a row with too many fields', `${HEADER}\r\nG0439,procedure,X,Y,,,,,,,,,N,extra\r\n`, 2, /malformed CSV/],
  ])('rejects %s', async (_name, text, line, pattern) => {
    await expectLineError(parseHcpcsCsv(textStream(text)), line, pattern);
  });
});

const HEADER =
  'hcpcs,record_type,long_description,short_description,pricing_indicator,coverage_code,betos,type_of_service,anesthesia_base_units,add_date,action_effective_date,termination_date,action_code';

describe('parseHcpcsModifierCsv', () => {
  it('reads every row as a modifier with its CMS descriptions and dates', async () => {
    const records = await collect(parseHcpcsModifierCsv(fixture('hcpcs_level2_modifiers_sample.csv')));
    expect(records.map((r) => r.code)).toEqual(['GT', 'KX', 'LT', 'RT', 'XE', 'XS']);
    expect(records.every((r) => r.system === 'modifier')).toBe(true);
    expect(records.find((r) => r.code === 'LT')).toMatchObject({
      shortDescription: 'LEFT SIDE',
      longDescription: 'LEFT SIDE (USED TO IDENTIFY PROCEDURES PERFORMED ON THE LEFT SIDE OF THE BODY)',
      effectiveFrom: '1984-01-01',
      attributes: { actionEffectiveDate: '1997-01-01', actionCode: 'N' },
    });
  });

  it('rejects a three-character modifier', async () => {
    const text =
      'modifier,short_description,long_description,add_date,action_effective_date,termination_date,action_code\r\nGTX,A,B,,,,\r\n';
    await expectLineError(parseHcpcsModifierCsv(textStream(text)), 2, /invalid modifier code "GTX"/);
  });
});

describe('parseHcpcsLongCsv (Code,Description,last_updated)', () => {
  it('trims right-justified modifier codes and tells modifiers from procedure codes by length', async () => {
    const records = await collect(parseHcpcsLongCsv(fixture('hcpcs_level2_long_sample.csv')));
    expect(records.map((r) => `${r.system}:${r.code}`)).toEqual([
      'modifier:GT',
      'modifier:XE',
      'hcpcs:A0428',
      'hcpcs:E0601',
      'hcpcs:G0439',
      'hcpcs:J1100',
    ]);
  });

  it('derives a short description of at most 28 characters and keeps no dates', async () => {
    const records = await collect(parseHcpcsLongCsv(fixture('hcpcs_level2_long_sample.csv')));
    const g0439 = records.find((r) => r.code === 'G0439');
    expect(g0439).toMatchObject({
      longDescription:
        'Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit',
      shortDescription: 'Annual wellness visit',
      effectiveFrom: null,
      effectiveTo: null,
    });
    expect(records.every((r) => r.shortDescription.length <= 28)).toBe(true);
  });

  it('rejects an empty description', async () => {
    await expectLineError(
      parseHcpcsLongCsv(textStream('Code,Description,last_updated\nG0439,,09-06-2025\n')),
      2,
      /empty description/,
    );
  });
});
