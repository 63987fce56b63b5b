import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AddendaMismatch,
  applyIcdAddenda,
  parseIcd10cmAddenda,
} from '../../../src/domain/codesets/icd10cm-addenda.parser.js';
import { parseIcd10cmOrder } from '../../../src/domain/codesets/icd10cm.parser.js';
import { textLines } from '../../../src/domain/codesets/lines.js';
import { CodeFileError, type CodeRecord } from '../../../src/domain/codesets/types.js';
import { collect, REAL_CODESETS, realCodesetsPresent } from './helpers.js';

const MINI = path.resolve(import.meta.dirname, '../../fixtures/codesets-addenda');
const linesOf = (file: string) => readFileSync(file, 'latin1').split(/\r?\n/);
const change = (action: string, flag: string, code: string, text: string) =>
  `${action.padEnd(13)}${flag} ${code.padEnd(7)} ${text.padEnd(60)} ${text}`;
const orderRecords = async (file: string) => collect(parseIcd10cmOrder(textLines(readFileSync(file, 'latin1'))));
const shape = (rows: CodeRecord[]) =>
  rows.map((r) => `${r.code}|${r.billable}|${r.shortDescription}|${r.longDescription}`).sort();

describe('parseIcd10cmAddenda', () => {
  it('reads adds, deletes and revise pairs, and the summary counts of both order files', () => {
    const addenda = parseIcd10cmAddenda(linesOf(path.join(MINI, 'icd10cm_order_addenda_2027_mini.txt')));
    expect(addenda.changes.map((c) => [c.action, c.record.code, c.record.billable])).toEqual([
      ['delete', 'A00.9', true],
      ['revise', 'A01.00', true],
      ['add', 'A01.02', true],
      ['delete', 'I42.0', true],
      ['add', 'I42.0', false],
      ['add', 'I42.00', true],
      ['add', 'I42.01', true],
      ['add', 'I42.09', true],
    ]);
    expect(addenda.changes[1]).toMatchObject({
      from: { longDescription: 'Typhoid fever, unspecified' },
      record: { longDescription: 'Typhoid fever, site not specified' },
      line: 3,
    });
    expect(addenda.base).toEqual({ fileName: 'icd10cm_order_2026.txt', headers: 3, codes: 8 });
    expect(addenda.target).toEqual({ fileName: 'icd10cm_order_2027.txt', headers: 4, codes: 10 });
  });

  it.each([
    [[change('Added:', '1', 'A0102', 'Typhoid')], 1, /unknown action "Added:"/],
    [[change('Add:', '2', 'A0102', 'Typhoid')], 1, /flag must be 0 or 1 in position 14/],
    [[change('Add:', '1', 'A01.02', 'Typhoid')], 1, /invalid ICD-10-CM code/],
    [[change('Revise from:', '1', 'A0100', 'Old'), change('Add:', '1', 'A0102', 'New')], 2, /has no "Revise to:"/],
    [[change('Revise to:', '1', 'A0100', 'New')], 1, /does not follow a "Revise from:"/],
    [[change('Add:', '1', 'A0102', 'New'), change('Add:', '1', 'A0102', 'New')], 2, /listed twice as "add"/],
    [['Add:         1 A0102   short'], 1, /too short/],
  ])('refuses a malformed file, naming the line (%#)', (lines, line, pattern) => {
    const error = (() => {
      try {
        parseIcd10cmAddenda(lines);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CodeFileError);
    expect((error as CodeFileError).lineNumber).toBe(line);
    expect((error as Error).message).toMatch(pattern);
  });
});

describe('applyIcdAddenda', () => {
  it('turns the FY2026 list into exactly the FY2027 order file', async () => {
    const base = await orderRecords(path.join(MINI, 'icd10cm_order_2026_mini.txt'));
    const addenda = parseIcd10cmAddenda(linesOf(path.join(MINI, 'icd10cm_order_addenda_2027_mini.txt')));
    const full = await orderRecords(path.join(MINI, 'icd10cm_order_2027_mini.txt'));
    expect(shape(applyIcdAddenda(base, addenda))).toEqual(shape(full));
  });

  it.each([
    [
      change('Delete:', '1', 'A009', 'Cholera, other'),
      /deletes A00.9 as "Cholera, other" \(billable\), but the loaded release has "Cholera, unspecified"/,
    ],
    [change('Delete:', '1', 'B99', 'Unknown'), /deletes B99, which the loaded release does not hold/],
    [
      change('Add:', '1', 'A000', 'Cholera due to Vibrio cholerae 01, biovar cholerae'),
      /adds A00.0, which the loaded release already holds/,
    ],
  ])('refuses addenda that do not fit the loaded release (%#)', async (line, pattern) => {
    const base = await orderRecords(path.join(MINI, 'icd10cm_order_2026_mini.txt'));
    expect(() => applyIcdAddenda(base, parseIcd10cmAddenda([line]))).toThrow(AddendaMismatch);
    expect(() => applyIcdAddenda(base, parseIcd10cmAddenda([line]))).toThrow(pattern);
  });

  it.skipIf(!realCodesetsPresent)(
    'reads the real FY2027 addenda: 253 adds, 36 deletes, 4 revisions, with the CMS totals',
    () => {
      const addenda = parseIcd10cmAddenda(linesOf(path.join(REAL_CODESETS, 'icd10cm_order_addenda_2027.txt')));
      const count = (action: string) => addenda.changes.filter((c) => c.action === action).length;
      expect([count('add'), count('delete'), count('revise')]).toEqual([253, 36, 4]);
      expect(addenda.base).toEqual({ fileName: 'icd10cm_order_2026.txt', headers: 23_467, codes: 74_719 });
      expect(addenda.target).toEqual({ fileName: 'icd10cm_order_2027.txt', headers: 23_524, codes: 74_879 });
    },
  );
});
