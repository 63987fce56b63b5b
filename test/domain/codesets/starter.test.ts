import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/domain/codesets/csv.js';
import { icdToDisplay } from '../../../src/domain/codesets/code-format.js';
import { parserFor } from '../../../src/domain/codesets/index.js';
import { starterCodes, starterSummary } from '../../../src/domain/codesets/starter/index.js';
import type { CodeRecord, CodeSystem } from '../../../src/domain/codesets/types.js';
import { collect, REAL_CODESETS, realCodesetsPresent, realFile } from './helpers.js';

const CODE_SHAPES: Record<CodeSystem, RegExp> = {
  icd10cm: /^[A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?$/,
  cpt: /^\d{4}[0-9FTU]$/,
  hcpcs: /^[A-Z]\d{4}$/,
  modifier: /^[0-9A-Z]{2}$/,
  pos: /^\d{2}$/,
  carc: /^[0-9A-Z]{1,3}$/,
  rarc: /^(M|MA|N)\d{1,3}$/,
  'adjustment-group': /^(CO|CR|OA|PI|PR)$/,
};

const of = (system: CodeSystem) => starterCodes.filter((c) => c.system === system);
const find = (system: CodeSystem, code: string) => starterCodes.find((c) => c.system === system && c.code === code);

describe('starter code set', () => {
  it('has well-formed codes and non-empty descriptions in every system', () => {
    const bad = starterCodes.filter(
      (c) => !CODE_SHAPES[c.system].test(c.code) || !c.shortDescription.trim() || !c.longDescription.trim(),
    );
    expect(bad).toEqual([]);
  });

  it('shows ICD-10-CM codes in display form, with the dot after the third character', () => {
    expect(of('icd10cm').filter((c) => c.code !== icdToDisplay(c.code))).toEqual([]);
  });

  it('has no duplicate code within a system', () => {
    const keys = starterCodes.map((c) => `${c.system}:${c.code}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('counts each system', () => {
    const summary = starterSummary();
    expect(summary.icd10cm).toBeGreaterThanOrEqual(240);
    expect(summary.hcpcs).toBeGreaterThanOrEqual(75);
    expect(summary.cpt).toBeGreaterThanOrEqual(55);
    expect(summary.modifier).toBeGreaterThanOrEqual(55);
    expect(summary.pos).toBe(52);
    expect(summary.carc).toBeGreaterThanOrEqual(40);
    expect(summary['adjustment-group']).toBe(5);
    expect(summary.rarc).toBe(0);
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBe(starterCodes.length);
  });

  it.each([
    'E11.9',
    'E11.65',
    'E78.5',
    'I10',
    'J06.9',
    'Z00.00',
    'Z00.01',
    'Z23',
    'M54.50',
    'R51.9',
    'F41.1',
    'F32.A',
    'K21.9',
    'N39.0',
    'J45.909',
    'Z34.00',
    'O09.90',
    'O26.899',
    'P59.9',
    'Z38.00',
    'N40.0',
    'C61',
    'N94.6',
    'Z01.419',
    'W19.XXXA',
    'V43.52XA',
  ])('includes the billable diagnosis %s, effective with FY2026', (code) => {
    expect(find('icd10cm', code)).toMatchObject({ billable: true, effectiveFrom: '2025-10-01' });
  });

  it.each(['E11', 'I25', 'M54', 'M54.5', 'J45', 'Z00'])('marks the category header %s as not billable', (code) => {
    expect(find('icd10cm', code)?.billable).toBe(false);
  });

  it.each([
    ['hcpcs', ['G0438', 'G0439', 'J1100', 'J3420', 'A0428', 'E0601', 'G0008']],
    [
      'cpt',
      ['99202', '99205', '99211', '99215', '99381', '99397', '99401', '36415', '85025', '93000', '90471', '97140'],
    ],
    [
      'modifier',
      [
        '25',
        '59',
        '95',
        'XE',
        'XS',
        'XP',
        'XU',
        'LT',
        'RT',
        'E1',
        'FA',
        'F9',
        'TA',
        'T9',
        'LC',
        'RI',
        'GT',
        'GA',
        'GY',
        'GZ',
        'KX',
        'QW',
      ],
    ],
    ['pos', ['02', '10', '11', '12', '21', '22', '23', '99']],
    [
      'carc',
      [
        '1',
        '2',
        '3',
        '4',
        '16',
        '18',
        '22',
        '23',
        '27',
        '29',
        '45',
        '50',
        '96',
        '97',
        '109',
        '119',
        '125',
        '129',
        '197',
        '204',
        '242',
        '253',
      ],
    ],
    ['adjustment-group', ['CO', 'CR', 'OA', 'PI', 'PR']],
  ] as const)('includes the %s codes the demo relies on', (system, codes) => {
    expect(codes.filter((code) => !find(system, code))).toEqual([]);
  });

  it('uses our own short wording for CPT codes and places of service', () => {
    expect(find('cpt', '99213')?.shortDescription).toBe('Office visit, established patient, low complexity');
    expect(find('pos', '11')?.shortDescription).toBe('Office');
    expect(of('cpt').every((c) => c.attributes.descriptionSource === 'ours')).toBe(true);
  });
});

// Cross-checks against the real CMS files, skipped (with a note) only when they are absent outside CI.
const runReal = realCodesetsPresent || process.env.CI === 'true';
if (!runReal) console.warn(`skipping starter cross-checks: ${REAL_CODESETS} not found`);

describe.skipIf(!runReal)('starter code set against the CMS files', () => {
  async function load(system: CodeSystem, format: Parameters<typeof parserFor>[1], file: string) {
    const records = await collect(parserFor(system, format).parse(realFile(file)));
    return new Map(records.map((r): [string, CodeRecord] => [r.code, r]));
  }

  it('matches every ICD-10-CM code, billable flag and description to the FY2026 order file', async () => {
    const order = await load('icd10cm', 'icd10cm-order', 'icd10cm_order_2026.txt');
    const wrong = of('icd10cm').filter((c) => {
      const real = order.get(c.code);
      return (
        !real ||
        real.billable !== c.billable ||
        real.shortDescription !== c.shortDescription ||
        real.longDescription !== c.longDescription
      );
    });
    expect(wrong.map((c) => c.code)).toEqual([]);
  });

  it('matches HCPCS codes and HCPCS modifiers to the October 2024 release and finds them in October 2025', async () => {
    const hcpcs = await load('hcpcs', 'hcpcs-csv', 'hcpcs_level2_2024_oct.csv');
    const modifiers = await load('modifier', 'hcpcs-modifiers-csv', 'hcpcs_level2_modifiers_2024_oct.csv');
    const current = await load('hcpcs', 'hcpcs-long-csv', 'hcpcs_level2_2025_oct_long.csv');
    const same = (c: CodeRecord, real: CodeRecord | undefined) =>
      real &&
      real.effectiveTo === null &&
      real.shortDescription === c.shortDescription &&
      real.longDescription === c.longDescription &&
      real.effectiveFrom === c.effectiveFrom;
    expect(
      of('hcpcs')
        .filter((c) => !same(c, hcpcs.get(c.code)) || !current.has(c.code))
        .map((c) => c.code),
    ).toEqual([]);
    const hcpcsModifiers = of('modifier').filter((c) => c.attributes.modifierSet === 'hcpcs');
    expect(hcpcsModifiers.filter((c) => !same(c, modifiers.get(c.code))).map((c) => c.code)).toEqual([]);
  });

  it('uses CPT code numbers that are in the CY2025 physician fee schedule', async () => {
    const pfs = new Set<string>();
    for await (const row of readCsv(realFile('pfs_rvu_2025_oct_national.csv'))) pfs.add(row.fields[0] ?? '');
    expect(
      of('cpt')
        .filter((c) => !pfs.has(c.code))
        .map((c) => c.code),
    ).toEqual([]);
  });

  it('has exactly the assigned place-of-service codes of the CMS list', async () => {
    const pos = await load('pos', 'pos-csv', 'place_of_service_codes_cms_ccw.csv');
    expect(
      of('pos')
        .map((c) => c.code)
        .sort(),
    ).toEqual([...pos.keys()].sort());
  });

  it('matches CARC and group texts to the CMS CCW lists', async () => {
    const carc = await load('carc', 'carc-csv', 'carc_claim_adjustment_reason_codes_cms_ccw.csv');
    const groups = await load('adjustment-group', 'adjustment-group-csv', 'claim_adjustment_group_codes.csv');
    const wrong = [...of('carc'), ...of('adjustment-group')].filter((c) => {
      const real = (c.system === 'carc' ? carc : groups).get(c.code);
      return !real || real.longDescription !== c.longDescription || real.attributes.inactive === 'true';
    });
    expect(wrong.map((c) => c.code)).toEqual([]);
  });
});
