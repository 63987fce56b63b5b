import { describe, expect, it } from 'vitest';
import { scrubClaim } from '../../../src/domain/scrub/index.js';
import { makeInput } from './make-input.js';

const unknownCodes = (input: Parameters<typeof makeInput>[0]) =>
  scrubClaim(makeInput(input))
    .filter((i) => /unknown$/.test(i.rule))
    .map((i) => `${i.rule}:${i.severity}@${i.path}`);

describe('unknown codes when only the starter set is loaded', () => {
  const withCodes = (verified: string[]) => (draft: ReturnType<typeof makeInput>) => {
    draft.verifiedSystems = new Set(verified as never[]);
    draft.claim.diagnoses[0] = { code: 'M54.16' };
    draft.claim.lines[0]!.code = '27447';
    draft.claim.lines[0]!.modifiers = ['AS'];
  };

  it.each([
    ['warns (cannot verify) in systems with only the starter set', [], 'warning'],
    ['errors in systems loaded from an official release', ['icd10cm', 'cpt', 'modifier'], 'error'],
  ])('%s', (_label, verified, severity) => {
    expect(unknownCodes(withCodes(verified))).toEqual([
      `icd.unknown:${severity}@diagnoses[0].code`,
      `procedure.unknown:${severity}@lines[0].code`,
      `modifier.unknown:${severity}@lines[0].modifiers[0]`,
    ]);
  });

  it('still errors on codes that are malformed whatever is loaded', () => {
    const issues = unknownCodes((draft) => {
      draft.verifiedSystems = new Set();
      draft.claim.diagnoses[0] = { code: '250.00' };
      draft.claim.lines[0]!.code = '9921';
    });
    expect(issues).toEqual(['icd.unknown:error@diagnoses[0].code', 'procedure.unknown:error@lines[0].code']);
  });
});

describe('unknown modifiers, by publisher', () => {
  const modifiers = (verified: string[]) =>
    unknownCodes((draft) => {
      draft.verifiedSystems = new Set(verified);
      draft.claim.lines[0]!.modifiers = ['AS', '23'];
    });

  it.each([
    ['with no official modifier list, both families are warnings', [], ['warning', 'warning']],
    ['the HCPCS Level II list verifies HCPCS modifiers only', ['modifier:hcpcs'], ['error', 'warning']],
    ['a licensed CPT list verifies CPT modifiers only', ['modifier:cpt'], ['warning', 'error']],
    ['both lists verify both families', ['modifier:hcpcs', 'modifier:cpt'], ['error', 'error']],
  ])('%s', (_label, verified, [hcpcs, cpt]) => {
    expect(modifiers(verified)).toEqual([
      `modifier.unknown:${hcpcs}@lines[0].modifiers[0]`,
      `modifier.unknown:${cpt}@lines[0].modifiers[1]`,
    ]);
  });
});
