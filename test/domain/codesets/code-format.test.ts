import { describe, expect, it } from 'vitest';
import { displayCode, icdToDisplay, normalizeCode } from '../../../src/domain/codesets/code-format.js';
import { collapseSpaces, isoFromYyyymmdd, shortenDescription } from '../../../src/domain/codesets/fields.js';
import type { CodeSystem } from '../../../src/domain/codesets/types.js';

describe('normalizeCode', () => {
  it.each<[CodeSystem, string, string]>([
    ['icd10cm', 'e11.9', 'E119'],
    ['icd10cm', ' Z00.00 ', 'Z0000'],
    ['icd10cm', 'I10', 'I10'],
    ['icd10cm', 'w19.xxxa', 'W19XXXA'],
    ['hcpcs', 'g0439', 'G0439'],
    ['modifier', ' gt', 'GT'],
    ['carc', 'a1', 'A1'],
  ])('turns %s %j into the lookup key %j', (system, raw, key) => {
    expect(normalizeCode(system, raw)).toBe(key);
  });
});

describe('displayCode', () => {
  it.each<[CodeSystem, string, string]>([
    ['icd10cm', 'E119', 'E11.9'],
    ['icd10cm', 'I10', 'I10'],
    ['icd10cm', 'Z0000', 'Z00.00'],
    ['icd10cm', 'W19XXXA', 'W19.XXXA'],
    ['icd10cm', 'E11.9', 'E11.9'],
    ['hcpcs', 'j1100', 'J1100'],
    ['pos', '11', '11'],
  ])('shows %s key %j as %j', (system, key, display) => {
    expect(displayCode(system, key)).toBe(display);
  });

  it('puts the ICD-10-CM dot after the third character only when the code is longer', () => {
    expect(icdToDisplay('A00')).toBe('A00');
    expect(icdToDisplay('a000')).toBe('A00.0');
    expect(icdToDisplay('F32A')).toBe('F32.A');
  });
});

describe('field helpers', () => {
  it.each([
    ['20240101', '2024-01-01'],
    ['  ', null],
    ['', null],
    ['20240231', undefined],
    ['2024011', undefined],
    ['2024-01-01', undefined],
  ])('reads YYYYMMDD %j as %j', (raw, iso) => {
    expect(isoFromYyyymmdd(raw)).toBe(iso);
  });

  it('cuts descriptions at a word boundary without trailing punctuation', () => {
    expect(shortenDescription('Annual wellness visit, includes a personalized plan', 28)).toBe('Annual wellness visit');
    expect(shortenDescription('Short', 28)).toBe('Short');
    expect(shortenDescription('Supercalifragilisticexpialidocious', 10)).toBe('Supercalif');
    expect(collapseSpaces(' a\n  b ')).toBe('a b');
  });
});
