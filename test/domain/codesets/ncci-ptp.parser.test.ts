import { describe, expect, it } from 'vitest';
import { readLines, textLines } from '../../../src/domain/codesets/lines.js';
import { parseNcciPtp } from '../../../src/domain/codesets/ncci-ptp.parser.js';
import { collect, expectLineError, fixture } from './helpers.js';

const PREAMBLE =
  'CPT codes and descriptions only are copyright AMA.\r\nColumn1/Column2 Edits\r\nColumn 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\r\n';

describe('parseNcciPtp', () => {
  it('skips the copyright line, title and multi-line header and reads every edit', async () => {
    const edits = await collect(parseNcciPtp(readLines(fixture('ncci_ptp_sample.txt'))));
    expect(edits.map((e) => `${e.column1}/${e.column2}`)).toEqual([
      '0001U/0030U',
      '11042/97597',
      '20610/20604',
      '36415/36416',
      '99213/G0463',
    ]);
  });

  it('reads an active edit with modifier indicator 1', async () => {
    const [first] = await collect(parseNcciPtp(readLines(fixture('ncci_ptp_sample.txt'))));
    expect(first).toEqual({
      column1: '0001U',
      column2: '0030U',
      priorTo1996: false,
      effectiveFrom: '2018-07-01',
      deletedOn: null,
      modifierIndicator: '1',
      rationale: 'Misuse of Column Two code with Column One code',
    });
  });

  it.each([
    ['20610/20604', { modifierIndicator: '0', deletedOn: null, priorTo1996: false }],
    [
      '36415/36416',
      { modifierIndicator: '9', deletedOn: '2000-01-01', priorTo1996: true, effectiveFrom: '1996-01-01' },
    ],
  ])('reads %s', async (pair, expected) => {
    const edits = await collect(parseNcciPtp(readLines(fixture('ncci_ptp_sample.txt'))));
    expect(edits.find((e) => `${e.column1}/${e.column2}` === pair)).toMatchObject(expected);
  });

  it('names the line of a bad modifier indicator', async () => {
    await expectLineError(
      parseNcciPtp(readLines(fixture('ncci_ptp_bad_indicator.txt'))),
      5,
      /modifier indicator must be 0, 1 or 9, got "2"/,
    );
  });

  const row = (fields: string[]) => fields.join('\t');
  it.each([
    ['a bad effective date', row(['11042', '97597', '', '2011013', '*', '1', 'x']), /invalid effective date "2011013"/],
    ['a bad deletion date', row(['11042', '97597', '', '20110101', '2011-01-01', '1', 'x']), /invalid deletion date/],
    ['a bad prior-to-1996 flag', row(['11042', '97597', 'Y', '20110101', '*', '1', 'x']), /prior-to-1996 flag/],
    ['too few fields', row(['11042', '97597', '', '20110101']), /expected 7 tab-separated fields, got 4/],
    [
      'a bad column 2 code after data started',
      row(['11042', '9759', '', '20110101', '*', '1', 'x']),
      /invalid column 2 code "9759"/,
    ],
  ])('rejects %s, naming the line', async (_name, bad, pattern) => {
    const good = row(['0001U', '0030U', '', '20180701', '*', '1', 'Misuse']);
    await expectLineError(parseNcciPtp(textLines(`${PREAMBLE}${good}\r\n${bad}\r\n`)), 5, pattern);
  });

  it('accepts a blank deletion date, a missing rationale column and a stray trailing tab', async () => {
    const text = `${PREAMBLE}11042\t97597\t\t20110101\t\t1\r\n11043\t97597\t\t20110101\t*\t1\tMutually exclusive\t\r\n`;
    const edits = await collect(parseNcciPtp(textLines(text)));
    expect(edits).toMatchObject([
      { column1: '11042', deletedOn: null, rationale: '' },
      { column1: '11043', rationale: 'Mutually exclusive' },
    ]);
  });

  it('fails when the file holds no edit rows at all', async () => {
    await expectLineError(parseNcciPtp(textLines(PREAMBLE)), 3, /no PTP edit rows/);
  });
});
