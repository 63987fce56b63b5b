import { describe, expect, it } from 'vitest';
import { parseHcpcsAnweb } from '../../../src/domain/codesets/hcpcs-anweb.parser.js';
import { readLines, textLines } from '../../../src/domain/codesets/lines.js';
import { collect, expectLineError, fixture } from './helpers.js';

async function sample() {
  return collect(parseHcpcsAnweb(readLines(fixture('hcpcs_anweb_sample.txt'))));
}

/** One 320-character ANWEB record with the code, record id and long description filled in. */
function anwebLine(code: string, sequence: string, recordId: string, long: string, short = ''): string {
  return `${code.padStart(5)}${sequence}${recordId}${long.padEnd(80)}${short.padEnd(28)}`.padEnd(320);
}

describe('parseHcpcsAnweb', () => {
  it('yields one record per code, in file order, procedure codes as hcpcs and modifiers as modifier', async () => {
    const records = await sample();
    expect(records.map((r) => [r.system, r.code])).toEqual([
      ['modifier', 'GT'],
      ['modifier', 'XE'],
      ['hcpcs', 'A0428'],
      ['hcpcs', 'G0439'],
      ['hcpcs', 'J1100'],
      ['hcpcs', 'X9999'],
    ]);
  });

  it.each([
    ['G0439', 'ANNUAL WELLNESS VISIT, INCLUDES A PERSONALIZED PREVENTION PLAN OF SERVICE (PPS), SUBSEQUENT VISIT'],
    ['XE', 'SEPARATE ENCOUNTER, A SERVICE THAT IS DISTINCT BECAUSE IT OCCURRED DURING A SEPARATE ENCOUNTER'],
    [
      'X9999',
      'SYNTHETIC TERMINATED CODE USED ONLY IN TESTS, WITH A DESCRIPTION THAT RUNS OVER TWO CONTINUATION RECORDS TO CHECK THAT EVERY PART IS JOINED WITH A SINGLE SPACE',
    ],
    ['J1100', 'INJECTION, DEXAMETHASONE SODIUM PHOSPHATE, 1 MG'],
  ])('joins the continuation records of %s with single spaces', async (code, long) => {
    const record = (await sample()).find((r) => r.code === code);
    expect(record?.longDescription).toBe(long);
  });

  it('reads the short description, dates and published attributes', async () => {
    const records = await sample();
    expect(records.find((r) => r.code === 'J1100')).toEqual({
      system: 'hcpcs',
      code: 'J1100',
      shortDescription: 'DEXAMETHASONE SODIUM PHOS',
      longDescription: 'INJECTION, DEXAMETHASONE SODIUM PHOSPHATE, 1 MG',
      billable: true,
      effectiveFrom: '1982-01-01',
      effectiveTo: null,
      attributes: {
        pricingIndicator: '51',
        multiplePricingIndicator: 'A',
        coverageCode: 'D',
        betos: 'O1E',
        typeOfService: '1,P',
        anesthesiaBaseUnits: '0',
        addDate: '1982-01-01',
        actionEffectiveDate: '2001-01-01',
        actionCode: 'N',
      },
    });
    expect(records.find((r) => r.code === 'X9999')).toMatchObject({
      effectiveFrom: '2020-01-01',
      effectiveTo: '2023-12-31',
      attributes: { actionCode: 'D', coverageCode: 'M' },
    });
    expect(records.find((r) => r.code === 'GT')).toMatchObject({
      shortDescription: 'INTERACTIVETELECOMMUNICATION',
      effectiveFrom: '1999-01-01',
    });
  });

  it('falls back to the action effective date when the add date is blank', async () => {
    const line = anwebLine('G0001', '00100', '3', 'SOME PROCEDURE', 'SOME PROC');
    const withAction = `${line.slice(0, 268)}${' '.repeat(8)}20240101${line.slice(284)}`;
    const [record] = await collect(parseHcpcsAnweb(textLines(withAction)));
    expect(record?.effectiveFrom).toBe('2024-01-01');
  });

  it('accepts records whose trailing blanks were trimmed', async () => {
    const records = await collect(
      parseHcpcsAnweb(textLines(`${anwebLine('   GT', '00100', '7', 'VIA AUDIO', 'AUDIO').trimEnd()}\r\n`)),
    );
    expect(records).toMatchObject([{ system: 'modifier', code: 'GT', longDescription: 'VIA AUDIO' }]);
  });

  it('rejects a continuation record without a preceding first-line record, naming its line', async () => {
    await expectLineError(
      parseHcpcsAnweb(readLines(fixture('hcpcs_anweb_orphan_continuation.txt'))),
      3,
      /continuation record \(id 4\) for G0439 without a preceding first-line record/,
    );
  });

  it.each([
    [
      'a continuation of a different code',
      [anwebLine('A0428', '00100', '3', 'A'), anwebLine('A0429', '00200', '4', 'B')],
      2,
      /continuation/,
    ],
    [
      'a modifier continuation after a procedure',
      [anwebLine('A0428', '00100', '3', 'A'), anwebLine('A0428', '00200', '8', 'B')],
      2,
      /continuation/,
    ],
    ['an unknown record id', [anwebLine('A0428', '00100', '5', 'A')], 1, /unknown record id "5"/],
    ['a malformed procedure code', [anwebLine('A042', '00100', '3', 'A')], 1, /invalid HCPCS code "A042"/],
    [
      'a bad add date',
      [anwebLine('A0428', '00100', '3', 'A').slice(0, 268) + '20241399'.padEnd(52)],
      1,
      /invalid add date "20241399"/,
    ],
  ])('rejects %s', async (_name, lines, line, pattern) => {
    await expectLineError(parseHcpcsAnweb(textLines(lines.join('\r\n'))), line, pattern);
  });
});
