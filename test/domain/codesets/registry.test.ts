import { describe, expect, it } from 'vitest';
import {
  formatsFor,
  guessFileFormat,
  parseMueFile,
  parserFor,
  parsePtpFile,
} from '../../../src/domain/codesets/index.js';
import { collect, fixture, textStream } from './helpers.js';

describe('parserFor', () => {
  it.each([
    ['icd10cm', 'icd10cm-order'],
    ['hcpcs', 'hcpcs-anweb'],
    ['modifier', 'hcpcs-modifiers-csv'],
    ['pos', 'pos-csv'],
    ['carc', 'carc-csv'],
    ['rarc', 'rarc-csv'],
    ['adjustment-group', 'adjustment-group-csv'],
    ['cpt', 'code-description-csv'],
  ] as const)('picks the default format for %s', (system, format) => {
    expect(parserFor(system).format).toBe(format);
  });

  it('yields only the requested system from a file holding procedure codes and modifiers', async () => {
    const hcpcs = await collect(parserFor('hcpcs', 'hcpcs-anweb').parse(fixture('hcpcs_anweb_sample.txt')));
    const modifiers = await collect(parserFor('modifier', 'hcpcs-anweb').parse(fixture('hcpcs_anweb_sample.txt')));
    expect(hcpcs.map((r) => r.code)).toEqual(['A0428', 'G0439', 'J1100', 'X9999']);
    expect(modifiers.map((r) => r.code)).toEqual(['GT', 'XE']);
  });

  it('reads fixed-width files straight from a stream', async () => {
    const records = await collect(parserFor('icd10cm').parse(fixture('icd10cm_order_sample.txt')));
    expect(records).toHaveLength(10);
  });

  it('reads a licensee CPT list in code,description form under the cpt system', async () => {
    const records = await collect(parserFor('cpt').parse(textStream('code,description\n99213,Our own text\n')));
    expect(records).toMatchObject([{ system: 'cpt', code: '99213', longDescription: 'Our own text', billable: true }]);
  });

  it('refuses a format that cannot hold the system', () => {
    expect(() => parserFor('icd10cm', 'pos-csv')).toThrow(/holds pos codes, not icd10cm/);
  });

  it('lists the default format first', () => {
    expect(formatsFor('modifier')[0]).toBe('hcpcs-modifiers-csv');
    expect(formatsFor('modifier')).toEqual(expect.arrayContaining(['hcpcs-anweb', 'hcpcs-csv', 'hcpcs-long-csv']));
    expect(formatsFor('rarc')).toEqual(['rarc-csv', 'rarc-pyx12-csv', 'code-description-csv']);
  });
});

describe('edit-table file entry points', () => {
  it('reads PTP and MUE files from streams', async () => {
    expect(await collect(parsePtpFile(fixture('ncci_ptp_sample.txt')))).toHaveLength(5);
    expect(await collect(parseMueFile(fixture('mue_sample.csv')))).toHaveLength(6);
  });
});

describe('guessFileFormat', () => {
  it.each([
    ['/data/icd10cm_order_2026.txt', 'icd10cm-order'],
    ['HCPC2024_OCT_ANWEB_reconstructed.txt', 'hcpcs-anweb'],
    ['HCPC2025_JAN_ANWEB_v3.txt', 'hcpcs-anweb'],
    ['hcpcs_level2_2024_oct.csv', 'hcpcs-csv'],
    ['hcpcs_level2_modifiers_2024_oct.csv', 'hcpcs-modifiers-csv'],
    ['hcpcs_level2_2025_oct_long.csv', 'hcpcs-long-csv'],
    ['place_of_service_codes_cms_ccw.csv', 'pos-csv'],
    ['carc_claim_adjustment_reason_codes_cms_ccw.csv', 'carc-csv'],
    ['claim_adjustment_group_codes.csv', 'adjustment-group-csv'],
    ['x12_code_lists_pyx12.csv', 'rarc-pyx12-csv'],
    ['ccipra-v311r0-f1.txt', 'ncci-ptp'],
    ['MCR_MUE_PractitionerServices_Eff_01-01-2025.csv', 'mue-csv'],
    ['pfs_rvu_2025_oct_national.csv', null],
  ])('recognises %s', (name, format) => {
    expect(guessFileFormat(name)).toBe(format);
  });
});
