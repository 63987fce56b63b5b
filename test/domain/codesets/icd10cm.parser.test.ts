import { describe, expect, it } from 'vitest';
import { parseIcd10cmOrder } from '../../../src/domain/codesets/icd10cm.parser.js';
import { readLines, textLines } from '../../../src/domain/codesets/lines.js';
import { collect, expectLineError, fixture } from './helpers.js';

/** Builds one order-file line in the CMS layout. */
function orderLine(order: string, code: string, flag: string, short: string, long: string): string {
  return `${order} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;
}

describe('parseIcd10cmOrder', () => {
  it('reads every record of a CRLF order file and ignores the blank trailing lines', async () => {
    const records = await collect(parseIcd10cmOrder(readLines(fixture('icd10cm_order_sample.txt'))));
    expect(records.map((r) => r.code)).toEqual([
      'A00',
      'A00.0',
      'E11.9',
      'I10',
      'I25',
      'I25.1',
      'I25.10',
      'QA0',
      'W19.XXXA',
      'Z00.00',
    ]);
  });

  it.each([
    ['E11.9', true, 'Type 2 diabetes mellitus without complications', '04416'],
    ['I10', true, 'Essential (primary) hypertension', '11580'],
    ['A00', false, 'Cholera', '00001'],
    ['I25', false, 'Chronic ischemic heart disease', '11650'],
    ['QA0', false, 'Neurodevelopmental disorders related to specific genetic pathogenic variants', '30493'],
  ])('reads %s as billable=%s with its long description and order number', async (code, billable, long, order) => {
    const records = await collect(parseIcd10cmOrder(readLines(fixture('icd10cm_order_sample.txt'))));
    const record = records.find((r) => r.code === code);
    expect(record).toMatchObject({
      system: 'icd10cm',
      billable,
      longDescription: long,
      effectiveFrom: null,
      effectiveTo: null,
      attributes: { orderNumber: order },
    });
  });

  it('keeps short and long descriptions apart', async () => {
    const records = await collect(parseIcd10cmOrder(readLines(fixture('icd10cm_order_sample.txt'))));
    expect(records.find((r) => r.code === 'Z00.00')).toMatchObject({
      shortDescription: 'Encntr for general adult medical exam w/o abnormal findings',
      longDescription: 'Encounter for general adult medical examination without abnormal findings',
    });
  });

  it('names the line of a bad header/billable flag in a file', async () => {
    await expectLineError(
      parseIcd10cmOrder(readLines(fixture('icd10cm_order_bad_flag.txt'))),
      5,
      /flag must be 0 or 1.*"2"/,
    );
  });

  const good = orderLine('00001', 'A00', '0', 'Cholera', 'Cholera');
  it.each([
    ['an order number with letters', orderLine('0000X', 'A000', '1', 'Cholera', 'Cholera'), /order number/],
    ['a code with a dot', orderLine('00002', 'A00.0', '1', 'Cholera', 'Cholera'), /invalid ICD-10-CM code "A00.0"/],
    ['a code starting with a digit', orderLine('00002', '1000', '1', 'Cholera', 'Cholera'), /invalid ICD-10-CM code/],
    ['an empty code', orderLine('00002', '', '1', 'Cholera', 'Cholera'), /invalid ICD-10-CM code ""/],
    ['an empty short description', orderLine('00002', 'A000', '1', '', 'Cholera'), /empty short description/],
    [
      'an empty long description',
      `${orderLine('00002', 'A000', '1', 'Cholera', 'x').slice(0, -1)}   `,
      /empty long description/,
    ],
    ['a truncated line', '00002 A000    1 Cholera', /too short/],
    ['a shifted column', `00002  A000   1 ${'Cholera'.padEnd(60)} Cholera`, /invalid ICD-10-CM code|blanks/],
  ])('rejects %s and names line 2', async (_name, bad, pattern) => {
    await expectLineError(parseIcd10cmOrder(textLines(`${good}\r\n${bad}\r\n`)), 2, pattern);
  });

  it('counts blank lines when naming a later bad line', async () => {
    await expectLineError(parseIcd10cmOrder(textLines(`${good}\r\n\r\nnot an order line\r\n`)), 3, /order number/);
  });
});
