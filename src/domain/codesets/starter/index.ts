import { shortenDescription } from '../fields.js';
import type { CodeRecord, CodeSystem } from '../types.js';
import { ADJUSTMENT_GROUP_STARTER, CARC_STARTER } from './adjustment-codes.starter.js';
import { CPT_MODIFIER_STARTER } from './cpt-modifiers.starter.js';
import { CPT_STARTER } from './cpt.starter.js';
import { HCPCS_MODIFIER_STARTER } from './hcpcs-modifiers.starter.js';
import { HCPCS_STARTER } from './hcpcs.starter.js';
import { ICD10CM_STARTER } from './icd10cm.starter.js';
import { POS_STARTER } from './pos.starter.js';

/** ICD-10-CM FY2026 took effect on 1 October 2025. */
export const ICD10CM_FY2026_START = '2025-10-01';
/** CARC short descriptions are cut from the one published text at this length. */
const CARC_SHORT_MAX = 60;

function record(
  system: CodeSystem,
  code: string,
  shortDescription: string,
  longDescription: string,
  fields: Partial<Pick<CodeRecord, 'billable' | 'effectiveFrom' | 'attributes'>> = {},
): CodeRecord {
  return {
    system,
    code,
    shortDescription,
    longDescription,
    billable: fields.billable ?? true,
    effectiveFrom: fields.effectiveFrom ?? null,
    effectiveTo: null,
    attributes: { source: 'starter', ...fields.attributes },
  };
}

/**
 * The small code set the embedded demo is seeded with: common ICD-10-CM, HCPCS and CPT codes, modifiers,
 * every assigned place of service, common CARCs and the adjustment group codes. Public-domain CMS texts
 * are used where they exist; CPT codes, CPT modifiers and places of service carry our own wording.
 * attributes.source = "starter" tells these rows from imported ones.
 */
export const starterCodes: CodeRecord[] = [
  ...ICD10CM_STARTER.map(([code, billable, short, long]) =>
    record('icd10cm', code, short, long ?? short, { billable, effectiveFrom: ICD10CM_FY2026_START }),
  ),
  ...HCPCS_STARTER.map(([code, short, long, from]) => record('hcpcs', code, short, long, { effectiveFrom: from })),
  ...CPT_STARTER.map(([code, text]) => record('cpt', code, text, text, { attributes: { descriptionSource: 'ours' } })),
  ...CPT_MODIFIER_STARTER.map(([code, text]) =>
    record('modifier', code, text, text, { attributes: { descriptionSource: 'ours', modifierSet: 'cpt' } }),
  ),
  ...HCPCS_MODIFIER_STARTER.map(([code, short, long, from]) =>
    record('modifier', code, short, long, { effectiveFrom: from, attributes: { modifierSet: 'hcpcs' } }),
  ),
  ...POS_STARTER.map(([code, name]) => record('pos', code, name, name, { attributes: { descriptionSource: 'ours' } })),
  ...CARC_STARTER.map(([code, text]) => record('carc', code, shortenDescription(text, CARC_SHORT_MAX), text)),
  ...ADJUSTMENT_GROUP_STARTER.map(([code, name, text]) => record('adjustment-group', code, name, text)),
];

/** How many starter codes each system has (every system is present, RARC with 0). */
export function starterSummary(): Record<CodeSystem, number> {
  const counts: Record<CodeSystem, number> = {
    icd10cm: 0,
    cpt: 0,
    hcpcs: 0,
    modifier: 0,
    pos: 0,
    carc: 0,
    rarc: 0,
    'adjustment-group': 0,
  };
  for (const code of starterCodes) counts[code.system]++;
  return counts;
}
