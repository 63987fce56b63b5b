import { describe, expect, it } from 'vitest';
import { parseMueCsv } from '../../../src/domain/codesets/mue.parser.js';
import { collect, expectLineError, fixture, textStream } from './helpers.js';

const NOTICE =
  '"CPT codes are copyright AMA.\r\nSecond line of the notice."\r\n"HCPCS/\r\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\r\n';

describe('parseMueCsv', () => {
  it('skips the quoted notice and the two-line header and reads every row', async () => {
    const rows = await collect(parseMueCsv(fixture('mue_sample.csv')));
    expect(rows.map((r) => r.code)).toEqual(['0009U', '11102', '17110', '20610', '36415', 'J1100']);
  });

  it.each([
    [
      '0009U',
      {
        maxUnits: 2,
        adjudicationIndicator: 3,
        adjudicationText: 'Date of Service Edit: Clinical',
        rationale: 'Nature of Analyte',
      },
    ],
    [
      '11102',
      {
        maxUnits: 1,
        adjudicationIndicator: 2,
        adjudicationText: 'Date of Service Edit: Policy',
        rationale: 'CMS Policy',
      },
    ],
    [
      '20610',
      { maxUnits: 2, adjudicationIndicator: 1, adjudicationText: 'Line Edit', rationale: 'Anatomic Consideration' },
    ],
    ['36415', { maxUnits: 2, adjudicationIndicator: 3, rationale: 'Clinical: Data, Nature of Service' }],
    ['J1100', { maxUnits: 60 }],
  ])('reads %s', async (code, expected) => {
    const rows = await collect(parseMueCsv(fixture('mue_sample.csv')));
    expect(rows.find((r) => r.code === code)).toMatchObject(expected);
  });

  it('names the physical line of a bad MUE value even after the multi-line notice and header', async () => {
    await expectLineError(parseMueCsv(fixture('mue_bad_units.csv')), 6, /MUE value must be a whole number, got "one"/);
  });

  it.each([
    [
      'an adjudication indicator of 4',
      '11102,1,4 Something,CMS Policy',
      /adjudication indicator must start with 1, 2 or 3/,
    ],
    ['a missing adjudication text digit', '11102,1,Date of Service Edit: Policy,CMS Policy', /adjudication indicator/],
    ['a short row', '11102,1', /expected 4 columns/],
    [
      'a bad code after data started',
      '1110,1,2 Date of Service Edit: Policy,CMS Policy',
      /invalid HCPCS\/CPT code "1110"/,
    ],
  ])('rejects %s', async (_name, bad, pattern) => {
    const text = `${NOTICE}0009U,2,3 Date of Service Edit: Clinical,Nature of Analyte\r\n${bad}\r\n`;
    await expectLineError(parseMueCsv(textStream(text)), 6, pattern);
  });

  it('ignores trailing empty columns', async () => {
    const rows = await collect(
      parseMueCsv(textStream(`${NOTICE}0009U,2,3 Date of Service Edit: Clinical,Nature of Analyte,,\r\n`)),
    );
    expect(rows).toMatchObject([{ code: '0009U', rationale: 'Nature of Analyte' }]);
  });

  it('fails when no MUE row follows the notice', async () => {
    await expectLineError(parseMueCsv(textStream(NOTICE)), 3, /no MUE rows found/);
  });
});
